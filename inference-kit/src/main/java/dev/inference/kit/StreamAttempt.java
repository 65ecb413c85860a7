package dev.inference.kit;

import dev.inference.InferenceException;
import dev.inference.InferenceResponse;
import java.io.IOException;

/**
 * One open attempt of a streamed call, read by the {@link CallPipeline} on the caller's thread: the
 * transport reads the provider's bytes, frames them and puts what they say into the sink (deltas,
 * finish reason, usage); the pipeline turns the sink's deltas into events, watches the timeouts,
 * detects truncation and ends the stream with exactly one {@code Completed} or a failure.
 *
 * <p>Not called concurrently, except for {@link #abort()}, which any thread may call.
 *
 * @since 0.2
 */
public interface StreamAttempt {

  /**
   * Reads what the provider sent next, blocking until some bytes arrive, and puts what they hold
   * into {@code sink}.
   *
   * @param sink where deltas, the finish reason, usage and tool calls go; the stream is complete
   *     only if {@link ResponseSink#complete()} was called
   * @return how many bytes were read (progress, for the idle timeout), or {@code -1} when the
   *     stream has ended: its input ended, or a frame said it was the last
   * @throws IOException when reading failed (after {@link #abort()}, or the connection broke)
   * @throws InferenceException when what arrived is an error (an error frame, a frame that is not
   *     valid) or cannot be read; deltas put into the sink before it still reach the caller
   */
  int read(ResponseSink sink) throws IOException;

  /**
   * Closes the connection at once; a blocked {@link #read} then fails. Called from any thread, at
   * most once per reason, possibly after the stream ended; must not throw.
   */
  void abort();

  /**
   * Maps a failure of {@link #read} that was neither an abort nor a timeout.
   *
   * @param failure what {@link #read} threw
   * @return the typed failure, usually {@code TRANSPORT}; the pipeline adds the partial text
   */
  InferenceException failure(IOException failure);

  /**
   * The canonical response, once the sink is complete.
   *
   * @param sink what the stream said
   * @return the response the {@code Completed} event carries
   */
  InferenceResponse response(ResponseSink sink);

  /**
   * Lets go of a stream that completed (the caller closed it after its {@code Completed} event).
   * The default {@link #abort()}s; HTTP reads the rest of the body first, so the connection is
   * reused.
   */
  default void release() {
    abort();
  }
}
