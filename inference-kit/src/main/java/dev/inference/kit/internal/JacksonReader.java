package dev.inference.kit.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.inference.JsonValue;
import dev.inference.kit.JsonReader;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** A {@link JsonReader} over a Jackson streaming parser. */
public final class JacksonReader implements JsonReader {

  private final JsonParser parser;

  private JacksonReader(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * A reader over UTF-8 bytes.
   *
   * @param bytes the buffer
   * @param offset where the document starts
   * @param length its length
   * @return the reader
   */
  public static JsonReader of(byte[] bytes, int offset, int length) {
    try {
      return new JacksonReader(JacksonJson.FACTORY.createParser(bytes, offset, length));
    } catch (IOException refused) {
      // Jackson guesses the encoding from the first bytes: 00 00 02 00 is "UCS-4 2143", refused
      return new FailedJsonReader(refused);
    }
  }

  /**
   * A reader over text.
   *
   * @param json the document
   * @return the reader
   */
  public static JsonReader of(String json) {
    int badEscape = JacksonJson.badEscape(json);
    if (badEscape >= 0) {
      return new FailedJsonReader(
          new CharConversionException(JacksonJson.badEscapeMessage(badEscape)));
    }
    try {
      return new JacksonReader(JacksonJson.FACTORY.createParser(json));
    } catch (IOException impossible) {
      throw new UncheckedIOException("reading from memory failed", impossible);
    }
  }

  @Override
  public @Nullable Token next() throws IOException {
    return token(parser.nextToken());
  }

  @Override
  public @Nullable Token current() {
    return token(parser.currentToken());
  }

  private static @Nullable Token token(@Nullable JsonToken token) {
    if (token == null) {
      return null;
    }
    return switch (token) {
      case START_OBJECT -> Token.START_OBJECT;
      case END_OBJECT -> Token.END_OBJECT;
      case START_ARRAY -> Token.START_ARRAY;
      case END_ARRAY -> Token.END_ARRAY;
      case FIELD_NAME -> Token.NAME;
      case VALUE_STRING -> Token.STRING;
      case VALUE_NUMBER_INT -> Token.INTEGER;
      case VALUE_NUMBER_FLOAT -> Token.DECIMAL;
      case VALUE_TRUE -> Token.TRUE;
      case VALUE_FALSE -> Token.FALSE;
      case VALUE_NULL -> Token.NULL;
      default -> null; // embedded objects and NOT_AVAILABLE never come from a text parser
    };
  }

  @Override
  public String name() throws IOException {
    String name = parser.currentName();
    if (name == null) {
      throw unexpected("expected a member name");
    }
    return name;
  }

  @Override
  public String text() throws IOException {
    String text = parser.getText();
    return text == null ? "" : text;
  }

  @Override
  public String text(@Nullable String known) throws IOException {
    return JacksonJson.text(parser, known);
  }

  @Override
  public long longValue() throws IOException {
    return parser.getLongValue();
  }

  @Override
  public double doubleValue() throws IOException {
    return parser.getDoubleValue();
  }

  @Override
  public BigDecimal decimalValue() throws IOException {
    return JacksonJson.decimal(parser);
  }

  @Override
  public void skipChildren() throws IOException {
    parser.skipChildren();
  }

  @Override
  public JsonValue readValue() throws IOException {
    return JacksonJson.read(parser);
  }

  @Override
  public IOException unexpected(String message) {
    return new JsonParseException(parser, message);
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException impossible) {
      // a parser over memory has nothing to release that can fail
    }
  }
}
