package dev.inference.spi;

import dev.inference.ErrorKind;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import dev.inference.internal.StreamAccess;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The factory of {@link InferenceStream}s, for drivers: a caller receives streams, only a driver
 * makes them.
 *
 * @since 0.2
 */
public final class InferenceStreams {

  private InferenceStreams() {}

  /**
   * Wraps a driver's blocking event source.
   *
   * <p>The stream enforces the contract around the source: events after the {@code Completed} one
   * are dropped, a source that ends without one is {@link ErrorKind#STREAM_TRUNCATED}, any other
   * exception becomes an {@link dev.inference.InferenceException}, and the partial text is added to
   * failures that lack it.
   *
   * @param events the events; {@code hasNext()} may block until the next one arrives
   * @param onClose releases the call (closes the body and the connection); run once, on the first
   *     close, failure (an {@link Error} from the source included, which is then rethrown as it is)
   *     or completion, possibly from another thread than the reader
   * @return the stream
   */
  public static InferenceStream of(Iterator<? extends StreamEvent> events, Runnable onClose) {
    return StreamAccess.newStream(
        Objects.requireNonNull(events, "events"), Objects.requireNonNull(onClose, "onClose"), null);
  }

  /**
   * The same, for a driver that keeps the text it has delivered anyway (to build its final
   * response): the stream then keeps no copy of its own, and asks for the text only when a failure
   * needs it as its partial text.
   *
   * @param events the events; {@code hasNext()} may block until the next one arrives
   * @param onClose releases the call, as for {@link #of(Iterator, Runnable)}
   * @param delivered the text of the {@code TextDelta} events {@code events} has returned so far,
   *     exactly; called on the reading thread or after the stream ended
   * @return the stream
   * @since 0.2
   */
  public static InferenceStream of(
      Iterator<? extends StreamEvent> events, Runnable onClose, Supplier<String> delivered) {
    return StreamAccess.newStream(
        Objects.requireNonNull(events, "events"),
        Objects.requireNonNull(onClose, "onClose"),
        Objects.requireNonNull(delivered, "delivered"));
  }
}
