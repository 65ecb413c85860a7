package dev.inference.kit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A push decoder for newline-delimited JSON ({@code application/x-ndjson}) bodies, such as Ollama's
 * streams.
 *
 * <p>{@code '\n'} ends a line and a trailing {@code '\r'} is dropped; blank and whitespace-only
 * lines are skipped; {@link #finish()} delivers a last line that has no {@code '\n'}. A leading
 * UTF-8 BOM is dropped. Bytes are decoded as UTF-8 only after the lines are split, so a chunk may
 * end anywhere. A line longer than the limit fails fast with {@link
 * dev.inference.ErrorKind#MALFORMED_RESPONSE}. The lines are not parsed here.
 *
 * <p>Not thread-safe: one decoder per response body.
 *
 * @since 0.2
 */
public final class NdjsonDecoder {

  private final LineSplitter.LineHandler sink;
  private final LineSplitter splitter;

  /**
   * A decoder that sends each non-blank line to {@code sink}.
   *
   * @param maxLineBytes the longest line accepted, in bytes
   * @param sink receives each line, on the thread that calls {@link #feed} or {@link #finish}
   * @throws IllegalArgumentException if {@code maxLineBytes} is not positive
   */
  public NdjsonDecoder(int maxLineBytes, Consumer<String> sink) {
    this(utf8(Objects.requireNonNull(sink, "sink")), maxLineBytes);
  }

  private NdjsonDecoder(LineSplitter.LineHandler sink, int maxLineBytes) {
    this.sink = sink;
    this.splitter = new LineSplitter(maxLineBytes, false, "an NDJSON line", this::line);
  }

  /**
   * A decoder that hands each non-blank line to {@code sink} undecoded, for a JSON parser that
   * reads UTF-8 bytes itself: no string per line.
   *
   * @param maxLineBytes the longest line accepted, in bytes
   * @param sink receives each line's bytes, without its line end; valid only during the call
   * @return the decoder
   */
  public static NdjsonDecoder ofBytes(int maxLineBytes, RawLineSink sink) {
    Objects.requireNonNull(sink, "sink");
    return new NdjsonDecoder(sink::line, maxLineBytes);
  }

  /** Receives one line undecoded. */
  @FunctionalInterface
  public interface RawLineSink {
    /**
     * Receives one non-blank line, without its line end.
     *
     * @param bytes the buffer, as UTF-8; valid only during the call
     * @param offset where the line starts
     * @param length how many bytes the line has
     */
    void line(byte[] bytes, int offset, int length);
  }

  private static LineSplitter.LineHandler utf8(Consumer<String> sink) {
    return (bytes, offset, length) ->
        sink.accept(new String(bytes, offset, length, StandardCharsets.UTF_8));
  }

  /**
   * Decodes the next bytes of the body; complete lines go to the sink before this returns.
   *
   * @param bytes the buffer
   * @param offset where the new bytes start
   * @param length how many bytes
   * @throws dev.inference.InferenceException of kind {@code MALFORMED_RESPONSE} when a line exceeds
   *     the limit
   * @throws IllegalStateException after {@link #finish()}
   */
  public void feed(byte[] bytes, int offset, int length) {
    splitter.feed(bytes, offset, length);
  }

  /** Ends the input and delivers a last line that had no {@code '\n'}. Idempotent. */
  public void finish() {
    splitter.finish(true);
  }

  /** The bytes this decoder holds, for tests: at most the limit. */
  int capacity() {
    return splitter.capacity();
  }

  private void line(byte[] bytes, int offset, int length) {
    if (length > 0 && bytes[offset + length - 1] == '\r') {
      length--;
    }
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        sink.line(bytes, offset, length);
        return;
      }
    }
  }
}
