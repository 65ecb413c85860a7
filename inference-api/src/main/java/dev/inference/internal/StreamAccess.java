package dev.inference.internal;

import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The one door to {@link InferenceStream}'s private constructor, for the SPI's {@code
 * InferenceStreams}: callers see no factory on the stream type, drivers get one in {@code spi}.
 * {@code InferenceStream} registers its constructor here when its class is initialised.
 */
public final class StreamAccess {

  private static volatile @Nullable
      BiFunction<Iterator<? extends StreamEvent>, Runnable, InferenceStream>
      constructor;

  private StreamAccess() {}

  /**
   * Called once, by {@code InferenceStream}'s static initialiser.
   *
   * @param newStream the constructor
   */
  public static void register(
      BiFunction<Iterator<? extends StreamEvent>, Runnable, InferenceStream> newStream) {
    constructor = Objects.requireNonNull(newStream);
  }

  /**
   * A new stream over the events.
   *
   * @param events the driver's events
   * @param onClose releases the call
   * @return the stream
   */
  public static InferenceStream newStream(
      Iterator<? extends StreamEvent> events, Runnable onClose) {
    BiFunction<Iterator<? extends StreamEvent>, Runnable, InferenceStream> known = constructor;
    if (known == null) {
      initialise(InferenceStream.class);
      known = Objects.requireNonNull(constructor, "InferenceStream registers its constructor");
    }
    return known.apply(events, onClose);
  }

  private static void initialise(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException impossible) {
      throw new AssertionError(impossible);
    }
  }
}
