package dev.inference.kit;

import dev.inference.JsonValue;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A pull reader of one JSON document, token by token, for dialects that read provider bodies
 * without building a tree. Made by {@link Json#reader(byte[], int, int)}; backed by the kit's JSON
 * library, which never shows in this interface.
 *
 * <p>Not thread-safe. Every method that reads throws {@link IOException} when the input is not
 * valid JSON.
 *
 * @since 0.2
 */
public interface JsonReader extends Closeable {

  /** The kinds of token. */
  enum Token {
    /** An opening brace. */
    START_OBJECT,
    /** A closing brace. */
    END_OBJECT,
    /** An opening bracket. */
    START_ARRAY,
    /** A closing bracket. */
    END_ARRAY,
    /** A member name; {@link #name()} returns it. */
    NAME,
    /** A string value; {@link #text()} returns it. */
    STRING,
    /** An integer value. */
    INTEGER,
    /** A number with a fraction or an exponent. */
    DECIMAL,
    /** {@code true}. */
    TRUE,
    /** {@code false}. */
    FALSE,
    /** {@code null}. */
    NULL
  }

  /**
   * Moves to the next token.
   *
   * @return the token, or {@code null} at the end of the input
   * @throws IOException if the input is not valid JSON
   */
  @Nullable Token next() throws IOException;

  /**
   * The token the reader is on.
   *
   * @return the token, or {@code null} before the first {@link #next()} and at the end
   */
  @Nullable Token current();

  /**
   * The member name the reader is on, or the name of the member whose value it is on.
   *
   * @return the name, never {@code null}
   * @throws IOException if the reader is on no member
   */
  String name() throws IOException;

  /**
   * The text of the current token: a string's value, a name, a number's digits.
   *
   * @return the text, never {@code null}
   * @throws IOException if reading fails
   */
  String text() throws IOException;

  /**
   * The current string's text, or {@code known} itself when the text equals it, so that a value
   * every frame of a stream repeats (the model, the object type) costs no new string.
   *
   * @param known the value expected, or {@code null}
   * @return the text, never {@code null}
   * @throws IOException if reading fails
   */
  String text(@Nullable String known) throws IOException;

  /**
   * The current number as a {@code long}.
   *
   * @return the value
   * @throws IOException if the token is not a number or does not fit
   */
  long longValue() throws IOException;

  /**
   * The current number as a {@code double}.
   *
   * @return the value
   * @throws IOException if the token is not a number
   */
  double doubleValue() throws IOException;

  /**
   * The current number, exactly.
   *
   * @return the value, never {@code null}
   * @throws IOException if the token is not a number
   */
  BigDecimal decimalValue() throws IOException;

  /**
   * On {@link Token#START_OBJECT} or {@link Token#START_ARRAY}, moves to the matching end token; on
   * any other token, does nothing. So after {@code next()} and {@code skipChildren()} the reader is
   * on the last token of the value.
   *
   * @throws IOException if the input is not valid JSON
   */
  void skipChildren() throws IOException;

  /**
   * Reads the value at the current token (calling {@link #next()} first when there is none) as a
   * tree; on return the reader is on the value's last token. Duplicate member names keep the last
   * value, as {@link JsonValue#parse} does.
   *
   * @return the value, never {@code null}
   * @throws IOException if the input is not valid JSON or the current token starts no value
   */
  JsonValue readValue() throws IOException;

  /**
   * An exception for input that is valid JSON but not what the dialect expects, with the reader's
   * position in its message.
   *
   * @param message what was wrong
   * @return the exception, to throw
   */
  IOException unexpected(String message);

  /** Releases the reader; it reads from memory, so this never fails. */
  @Override
  void close();
}
