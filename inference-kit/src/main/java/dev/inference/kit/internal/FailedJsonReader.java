package dev.inference.kit.internal;

import dev.inference.JsonValue;
import dev.inference.kit.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A reader over input that failed before the first token (Jackson refused to start a parser): every
 * method that reads throws the failure, as {@link JsonReader} promises for input that is not JSON.
 */
final class FailedJsonReader implements JsonReader {

  private final IOException failure;

  FailedJsonReader(IOException failure) {
    this.failure = failure;
  }

  @Override
  public @Nullable Token next() throws IOException {
    throw failure;
  }

  @Override
  public @Nullable Token current() {
    return null;
  }

  @Override
  public String name() throws IOException {
    throw failure;
  }

  @Override
  public String text() throws IOException {
    throw failure;
  }

  @Override
  public String text(@Nullable String known) throws IOException {
    throw failure;
  }

  @Override
  public long longValue() throws IOException {
    throw failure;
  }

  @Override
  public double doubleValue() throws IOException {
    throw failure;
  }

  @Override
  public BigDecimal decimalValue() throws IOException {
    throw failure;
  }

  @Override
  public void skipChildren() throws IOException {
    throw failure;
  }

  @Override
  public JsonValue readValue() throws IOException {
    throw failure;
  }

  @Override
  public IOException unexpected(String message) {
    return new IOException(message, failure);
  }

  @Override
  public void close() {}
}
