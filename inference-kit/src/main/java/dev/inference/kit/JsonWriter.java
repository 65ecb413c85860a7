package dev.inference.kit;

import dev.inference.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A push writer of one JSON document, for dialects that encode requests without building a tree.
 * Made by {@link Json#write}; backed by the kit's JSON library, which never shows in this
 * interface. Every method returns this writer, and throws {@link IOException} when the output fails
 * or the calls do not make valid JSON.
 *
 * @since 0.2
 */
public interface JsonWriter {

  /**
   * Writes an opening brace.
   *
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter startObject() throws IOException;

  /**
   * Writes a member name and an opening brace.
   *
   * @param name the member name
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter startObject(String name) throws IOException;

  /**
   * Writes a closing brace.
   *
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter endObject() throws IOException;

  /**
   * Writes an opening bracket.
   *
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter startArray() throws IOException;

  /**
   * Writes a member name and an opening bracket.
   *
   * @param name the member name
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter startArray(String name) throws IOException;

  /**
   * Writes a closing bracket.
   *
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter endArray() throws IOException;

  /**
   * Writes a member name; the value follows.
   *
   * @param name the member name
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter name(String name) throws IOException;

  /**
   * Writes a string value.
   *
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter value(String value) throws IOException;

  /**
   * Writes an integer value.
   *
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter value(long value) throws IOException;

  /**
   * Writes a number value.
   *
   * @param value the value, finite
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter value(double value) throws IOException;

  /**
   * Writes a number value exactly.
   *
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter value(BigDecimal value) throws IOException;

  /**
   * Writes a boolean value.
   *
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter value(boolean value) throws IOException;

  /**
   * Writes {@code null}.
   *
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter nullValue() throws IOException;

  /**
   * Writes a whole tree.
   *
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  JsonWriter value(JsonValue value) throws IOException;

  /**
   * Writes a member with a string value.
   *
   * @param name the member name
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  default JsonWriter field(String name, String value) throws IOException {
    return name(name).value(value);
  }

  /**
   * Writes a member with an integer value.
   *
   * @param name the member name
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  default JsonWriter field(String name, long value) throws IOException {
    return name(name).value(value);
  }

  /**
   * Writes a member with a number value.
   *
   * @param name the member name
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  default JsonWriter field(String name, double value) throws IOException {
    return name(name).value(value);
  }

  /**
   * Writes a member with a boolean value.
   *
   * @param name the member name
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  default JsonWriter field(String name, boolean value) throws IOException {
    return name(name).value(value);
  }

  /**
   * Writes a member with a tree value.
   *
   * @param name the member name
   * @param value the value
   * @return this writer
   * @throws IOException if writing fails
   */
  default JsonWriter field(String name, JsonValue value) throws IOException {
    return name(name).value(value);
  }
}
