package dev.inference.kit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.inference.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Converts between Jackson's streaming API (jackson-core only, no databind) and {@link JsonValue}.
 *
 * <p>Numbers keep their exact value as {@link BigDecimal}. Duplicate member names keep the last
 * value, as {@link JsonValue#parse} does.
 */
public final class JacksonJson {

  /**
   * The one factory the kit shares; thread-safe. Member names are not interned, since provider
   * bodies may carry arbitrary keys.
   */
  public static final JsonFactory FACTORY =
      new KitJsonFactory(new JsonFactoryBuilder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES));

  private JacksonJson() {}

  /**
   * Reads the value at the parser's current token, calling {@code nextToken()} first when there is
   * none. On return the current token is the value's last token ({@code END_OBJECT} for an object).
   *
   * @param parser the parser
   * @return the value
   * @throws IOException if the input is not valid JSON, ends early, or the current token does not
   *     start a value
   */
  public static JsonValue read(JsonParser parser) throws IOException {
    Objects.requireNonNull(parser, "parser");
    JsonToken token = parser.currentToken();
    if (token == null) {
      token = parser.nextToken();
      if (token == null) {
        throw new JsonParseException(parser, "expected a JSON value, but the input ended");
      }
    }
    return readValue(parser, token);
  }

  /**
   * The current string token's text, or {@code known} itself when the text is equal to it: a value
   * that every chunk of a stream repeats (the model, the object type) then costs no new string.
   *
   * @param parser a parser on a {@code VALUE_STRING} or {@code FIELD_NAME} token
   * @param known the value expected, or {@code null}
   * @return the text
   * @throws IOException if the parser fails
   */
  public static String text(JsonParser parser, @Nullable String known) throws IOException {
    if (known != null && parser.getTextLength() == known.length()) {
      char[] chars = parser.getTextCharacters();
      int offset = parser.getTextOffset();
      int i = 0;
      while (i < known.length() && chars[offset + i] == known.charAt(i)) {
        i++;
      }
      if (i == known.length()) {
        return known;
      }
    }
    return parser.getText();
  }

  /**
   * Parses one whole JSON document; whitespace around it is allowed, anything else is not.
   *
   * @param json the text
   * @return the value
   * @throws IllegalArgumentException if the text is not exactly one valid JSON value; the message
   *     gives the offset
   */
  public static JsonValue parse(String json) {
    Objects.requireNonNull(json, "json");
    int badEscape = badEscape(json);
    if (badEscape >= 0) {
      throw new IllegalArgumentException(badEscapeMessage(badEscape));
    }
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonValue value = read(parser);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException(
            "invalid JSON at offset "
                + parser.currentTokenLocation().getCharOffset()
                + ": unexpected content after the JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      if (String.valueOf(e.getOriginalMessage()).contains("surrogate in field name")
          || String.valueOf(e.getOriginalMessage()).contains("surrogate pair in field name")) {
        // Jackson refuses an escaped unpaired surrogate in a member name (and only there), which
        // JsonValue.parse reads and JsonValue.toJson writes: the text gets the library's one
        // reading
        return JsonValue.parse(json);
      }
      String where = e.getLocation() == null ? "" : " at offset " + e.getLocation().getCharOffset();
      throw new IllegalArgumentException("invalid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a value.
   *
   * @param generator the generator
   * @param value the value
   * @throws IOException if the generator fails
   */
  public static void write(JsonGenerator generator, JsonValue value) throws IOException {
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(value, "value");
    if (value instanceof JsonValue.ObjectValue object) {
      generator.writeStartObject();
      for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
        generator.writeFieldName(member.getKey());
        write(generator, member.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof JsonValue.ArrayValue array) {
      generator.writeStartArray();
      for (JsonValue element : array.elements()) {
        write(generator, element);
      }
      generator.writeEndArray();
    } else if (value instanceof JsonValue.StringValue string) {
      generator.writeString(string.value());
    } else if (value instanceof JsonValue.NumberValue number) {
      generator.writeNumber(number.value());
    } else if (value instanceof JsonValue.BooleanValue bool) {
      generator.writeBoolean(bool.value());
    } else {
      generator.writeNull();
    }
  }

  /**
   * Where text has a {@code \}{@code u} escape whose four digits are not all ASCII hex digits, or
   * -1. Jackson's parser over characters takes any character whose low byte is a hex digit ({@code
   * U+0264} reads as {@code d}), so text is checked before it gets there; its parser over bytes,
   * and {@link JsonValue#parse}, refuse such escapes.
   *
   * @param json the text
   * @return the offset of the backslash, or -1
   */
  static int badEscape(String json) {
    for (int i = json.indexOf('\\'); i >= 0 && i < json.length(); i = json.indexOf('\\', i)) {
      if (i + 1 < json.length() && json.charAt(i + 1) == 'u') {
        for (int d = i + 2; d < i + 6; d++) {
          if (d >= json.length() || !isAsciiHex(json.charAt(d))) {
            return i;
          }
        }
        i += 6;
      } else {
        i += 2; // any other escape: its second character is never the start of one
      }
    }
    return -1;
  }

  static String badEscapeMessage(int offset) {
    return "invalid JSON at offset " + offset + ": invalid \\u escape";
  }

  private static boolean isAsciiHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * The current number token as a {@link BigDecimal}; an exponent beyond what {@code BigDecimal}
   * holds ({@code 1e99999999999}) is a parse error, as in {@link JsonValue#parse}, not the {@link
   * NumberFormatException} Jackson throws for it.
   *
   * @param parser a parser on a number token
   * @return the value
   * @throws IOException if the token is not a number or its value is out of range
   */
  public static BigDecimal decimal(JsonParser parser) throws IOException {
    try {
      return parser.getDecimalValue();
    } catch (NumberFormatException outOfRange) {
      throw new JsonParseException(parser, "number out of range", outOfRange);
    }
  }

  private static JsonValue readValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        return readArray(parser);
      case VALUE_STRING:
        return JsonValue.of(parser.getText());
      case VALUE_NUMBER_INT:
        return new JsonValue.NumberValue(
            switch (parser.getNumberType()) {
              case INT, LONG -> BigDecimal.valueOf(parser.getLongValue());
              default -> new BigDecimal(parser.getBigIntegerValue());
            });
      case VALUE_NUMBER_FLOAT:
        return new JsonValue.NumberValue(decimal(parser));
      case VALUE_TRUE:
        return JsonValue.of(true);
      case VALUE_FALSE:
        return JsonValue.of(false);
      case VALUE_NULL:
        return JsonValue.ofNull();
      default:
        throw new JsonParseException(parser, "expected a JSON value, but found " + token);
    }
  }

  private static JsonValue readObject(JsonParser parser) throws IOException {
    JsonValue.ObjectBuilder members = JsonValue.objectBuilder();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      members.put(name, readValue(parser, next(parser)));
    }
    if (token != JsonToken.END_OBJECT) {
      throw new JsonParseException(parser, "expected a member name or '}', but found " + token);
    }
    return members.build();
  }

  private static JsonValue readArray(JsonParser parser) throws IOException {
    List<JsonValue> elements = new ArrayList<>();
    JsonToken token;
    while ((token = next(parser)) != JsonToken.END_ARRAY) {
      elements.add(readValue(parser, token));
    }
    return new JsonValue.ArrayValue(elements);
  }

  private static JsonToken next(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new JsonParseException(parser, "unexpected end of input");
    }
    return token;
  }
}
