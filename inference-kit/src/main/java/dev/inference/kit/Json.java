package dev.inference.kit;

import dev.inference.JsonValue;
import dev.inference.kit.internal.JacksonJson;
import dev.inference.kit.internal.JacksonReader;
import dev.inference.kit.internal.JacksonWriter;
import java.io.IOException;
import java.util.Objects;

/**
 * Entry points to the kit's JSON: readers over bytes or text, a writer into bytes, and strict
 * parsing to a {@link JsonValue}. One JSON library stands behind them, and none of its types shows.
 *
 * <p>Of two members with the same name the later one wins, here as in {@link JsonValue#parse}: the
 * library's one rule, and the providers' own parsers'.
 *
 * @since 0.2
 */
public final class Json {

  private Json() {}

  /** Writes one JSON document. */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the document.
     *
     * @param out the writer
     * @throws IOException if writing fails
     */
    void writeTo(JsonWriter out) throws IOException;
  }

  /**
   * A reader over UTF-8 bytes; it reads them in place, without decoding them to a string first.
   *
   * @param bytes the buffer
   * @param offset where the document starts
   * @param length how many bytes it has
   * @return the reader, never {@code null}
   */
  public static JsonReader reader(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return JacksonReader.of(bytes, offset, length);
  }

  /**
   * A reader over UTF-8 bytes.
   *
   * @param bytes the document
   * @return the reader, never {@code null}
   */
  public static JsonReader reader(byte[] bytes) {
    return reader(bytes, 0, bytes.length);
  }

  /**
   * A reader over text.
   *
   * @param json the document
   * @return the reader, never {@code null}
   */
  public static JsonReader reader(String json) {
    return JacksonReader.of(Objects.requireNonNull(json, "json"));
  }

  /**
   * Parses one whole JSON document; whitespace around it is allowed, anything else is not.
   *
   * @param json the text
   * @return the value, never {@code null}
   * @throws IllegalArgumentException if the text is not exactly one valid JSON value; the message
   *     gives the offset
   */
  public static JsonValue parse(String json) {
    return JacksonJson.parse(json);
  }

  /**
   * Writes one document into bytes (UTF-8).
   *
   * @param body what to write
   * @return the bytes, never {@code null}
   * @throws IOException if {@code body} throws, or its calls do not make valid JSON
   */
  public static byte[] write(Body body) throws IOException {
    Objects.requireNonNull(body, "body");
    return JacksonWriter.write(body);
  }
}
