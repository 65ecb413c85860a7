package dev.inference.internal;

import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one door to {@link InferenceStream}'s private constructor, for the SPI's {@code
 * InferenceStreams}: callers see no factory on the stream type, drivers get one in {@code spi}.
 * {@code InferenceStream} registers its constructor here when its class is initialised.
 */
public final class StreamAccess {

  private static volatile @Nullable Constructor constructor;

  private StreamAccess() {}

  /** {@code InferenceStream}'s constructor. */
  @FunctionalInterface
  public interface Constructor {
    /**
     * A new stream.
     *
     * @param events the driver's events
     * @param onClose releases the call
     * @param delivered the text of the deltas returned so far, when the driver keeps it; {@code
     *     null} when the stream must keep it
     * @return the stream
     */
    InferenceStream make(
        Iterator<? extends StreamEvent> events,
        Runnable onClose,
        @Nullable Supplier<String> delivered);
  }

  /**
   * Called once, by {@code InferenceStream}'s static initialiser.
   *
   * @param newStream the constructor
   */
  public static void register(Constructor newStream) {
    constructor = Objects.requireNonNull(newStream);
  }

  /**
   * A new stream over the events.
   *
   * @param events the driver's events
   * @param onClose releases the call
   * @param delivered the text delivered so far, when the driver keeps it, else {@code null}
   * @return the stream
   */
  public static InferenceStream newStream(
      Iterator<? extends StreamEvent> events,
      Runnable onClose,
      @Nullable Supplier<String> delivered) {
    Constructor known = constructor;
    if (known == null) {
      initialise(InferenceStream.class);
      known = Objects.requireNonNull(constructor, "InferenceStream registers its constructor");
    }
    return known.make(events, onClose, delivered);
  }

  private static void initialise(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException impossible) {
      throw new AssertionError(impossible);
    }
  }
}
