package dev.inference.http;

import dev.inference.kit.NdjsonDecoder;
import dev.inference.kit.SseDecoder;

/**
 * How a streamed body is cut into frames: server-sent events, NDJSON, or a dialect's own.
 *
 * @since 0.2
 */
public interface Framing {

  /**
   * The media type a streamed body is asked for with ({@code Accept}).
   *
   * @return the media type
   */
  String mediaType();

  /**
   * A splitter for one body.
   *
   * @param maxFrameBytes the largest frame accepted; a larger one fails with {@code
   *     MALFORMED_RESPONSE}
   * @param sink receives each frame, on the thread that feeds the splitter
   * @return the splitter
   */
  Splitter splitter(int maxFrameBytes, FrameSink sink);

  /** Cuts bytes into frames. */
  interface Splitter {
    /**
     * Takes the next bytes of the body; complete frames go to the sink before this returns.
     *
     * @param bytes the buffer
     * @param offset where the new bytes start
     * @param length how many bytes
     */
    void feed(byte[] bytes, int offset, int length);

    /** Ends the body: a last frame without its terminator may still be delivered. */
    void finish();
  }

  /** Receives frames. */
  @FunctionalInterface
  interface FrameSink {
    /**
     * Receives one frame.
     *
     * @param name the frame's name ({@code ""} when the framing has none)
     * @param data the data, UTF-8; valid only during the call
     * @param offset where the data starts
     * @param length how many bytes it has
     */
    void frame(String name, byte[] data, int offset, int length);
  }

  /**
   * Server-sent events ({@code text/event-stream}), framed by the kit's {@link SseDecoder}: each
   * event's type is the frame's name, its data the frame's data.
   *
   * @return the framing
   */
  static Framing sse() {
    return Standard.SSE;
  }

  /**
   * Newline-delimited JSON ({@code application/x-ndjson}), framed by the kit's {@link
   * NdjsonDecoder}: each non-blank line is a frame with no name; a last line without {@code '\n'}
   * is delivered when the body ends.
   *
   * @return the framing
   */
  static Framing ndjson() {
    return Standard.NDJSON;
  }

  /** The two standard framings. */
  enum Standard implements Framing {
    /** Server-sent events. */
    SSE {
      @Override
      public String mediaType() {
        return "text/event-stream";
      }

      @Override
      public Splitter splitter(int maxFrameBytes, FrameSink sink) {
        SseDecoder decoder =
            SseDecoder.ofBytes(
                maxFrameBytes, (type, data, length, id) -> sink.frame(type, data, 0, length));
        return new Splitter() {
          @Override
          public void feed(byte[] bytes, int offset, int length) {
            decoder.feed(bytes, offset, length);
          }

          @Override
          public void finish() {
            decoder.finish();
          }
        };
      }
    },
    /** Newline-delimited JSON. */
    NDJSON {
      @Override
      public String mediaType() {
        return "application/x-ndjson";
      }

      @Override
      public Splitter splitter(int maxFrameBytes, FrameSink sink) {
        NdjsonDecoder decoder =
            NdjsonDecoder.ofBytes(
                maxFrameBytes, (bytes, offset, length) -> sink.frame("", bytes, offset, length));
        return new Splitter() {
          @Override
          public void feed(byte[] bytes, int offset, int length) {
            decoder.feed(bytes, offset, length);
          }

          @Override
          public void finish() {
            decoder.finish();
          }
        };
      }
    }
  }
}
