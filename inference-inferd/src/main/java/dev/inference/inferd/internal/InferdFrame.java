package dev.inference.inferd.internal;

import dev.inference.JsonValue;
import dev.inference.kit.JsonReader;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One response frame, read token by token: the three members every {@code token} frame has ({@code
 * id}, {@code type}, {@code content}) as strings, and any other member (a {@code done} frame's
 * usage and stop reason, an {@code error} frame's code and message) as a JSON value. A stream of
 * token frames so builds no JSON tree, and the id and type every frame repeats cost no new string.
 *
 * @param id the request id the frame answers; empty when absent or not a string
 * @param type the frame type; empty when absent or not a string
 * @param content the text; empty when absent or not a string
 * @param rest the other members
 */
record InferdFrame(String id, String type, String content, JsonValue.ObjectValue rest) {

  private static final JsonValue.ObjectValue NONE = JsonValue.objectBuilder().build();

  /**
   * Reads one frame.
   *
   * @param reader a reader over the frame's bytes
   * @param requestId the id this client expects, compared without a new string
   * @return the frame, or {@code null} when the JSON value is not an object
   * @throws IOException if the bytes are not valid JSON
   */
  static @Nullable InferdFrame read(JsonReader reader, String requestId) throws IOException {
    if (reader.next() != JsonReader.Token.START_OBJECT) {
      return null;
    }
    String id = "";
    String type = "";
    String content = "";
    JsonValue.ObjectBuilder rest = null;
    JsonReader.Token token;
    while ((token = reader.next()) == JsonReader.Token.NAME) {
      String name = reader.name();
      boolean string = reader.next() == JsonReader.Token.STRING;
      switch (name) {
        case "id" -> id = string ? reader.text(requestId) : skipped(reader);
        case "type" -> type = string ? reader.text("token") : skipped(reader);
        case "content" -> content = string ? reader.text() : skipped(reader);
        default -> {
          rest = rest == null ? JsonValue.objectBuilder() : rest;
          rest.put(name, reader.readValue());
        }
      }
    }
    if (token != JsonReader.Token.END_OBJECT) {
      throw reader.unexpected("expected a member name or '}'");
    }
    return new InferdFrame(id, type, content, rest == null ? NONE : rest.build());
  }

  private static String skipped(JsonReader reader) throws IOException {
    reader.skipChildren();
    return "";
  }

  /**
   * A member other than id, type and content, if it is a string.
   *
   * @param name the member
   * @return the string, or empty
   */
  String text(String name) {
    return rest.get(name).flatMap(JsonValue::asString).orElse("");
  }
}
