package dev.inference.http;

import dev.inference.kit.ResponseSink;
import java.io.IOException;

/**
 * Reads one stream's frames for a {@link HttpDialect}: it sees each frame's name and data, puts
 * deltas and the rest into the sink, and says when the stream has ended. One decoder per stream;
 * not called concurrently.
 *
 * <p>The stream ends when the decoder says so, or when the body ends. Either way, if the sink was
 * not told {@link ResponseSink#complete()}, the call fails with {@code STREAM_TRUNCATED}. An error
 * payload put into {@link ResponseSink#error} fails the call at once, through {@link
 * HttpDialect#payloadError}.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface StreamDecoder {

  /**
   * Reads one frame.
   *
   * @param name the frame's name: an SSE event's type ({@code "message"} unless an {@code event:}
   *     field set it), {@code ""} for an NDJSON line
   * @param data the frame's data, UTF-8; valid only during the call (read it with {@link
   *     dev.inference.kit.Json#reader(byte[], int, int)})
   * @param offset where the data starts
   * @param length how many bytes it has
   * @param out where deltas, the finish reason, usage and errors go
   * @return {@code true} when this frame ends the stream (OpenAI's {@code [DONE]}, a {@code done}
   *     event); later frames are ignored
   * @throws IOException if the frame is not valid JSON or not of the expected shape
   */
  boolean frame(String name, byte[] data, int offset, int length, ResponseSink out)
      throws IOException;
}
