package dev.inference.kit.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.inference.JsonValue;
import dev.inference.kit.Json;
import dev.inference.kit.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;

/** A {@link JsonWriter} over a Jackson streaming generator. */
public final class JacksonWriter implements JsonWriter {

  private final JsonGenerator out;

  private JacksonWriter(JsonGenerator out) {
    this.out = out;
  }

  /**
   * Writes one document into bytes.
   *
   * @param body what to write
   * @return the UTF-8 bytes
   * @throws IOException if the body fails
   */
  public static byte[] write(Json.Body body) throws IOException {
    // the first block comes from the factory's recycled buffers, as the generator's own do
    BufferRecycler recycler = JacksonJson.FACTORY._getBufferRecycler();
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(recycler)) {
      try (JsonGenerator generator = JacksonJson.FACTORY.createGenerator(buffer)) {
        body.writeTo(new JacksonWriter(generator));
      }
      return buffer.getClearAndRelease();
    } finally {
      recycler.releaseToPool();
    }
  }

  @Override
  public JsonWriter startObject() throws IOException {
    out.writeStartObject();
    return this;
  }

  @Override
  public JsonWriter startObject(String name) throws IOException {
    out.writeObjectFieldStart(name);
    return this;
  }

  @Override
  public JsonWriter endObject() throws IOException {
    out.writeEndObject();
    return this;
  }

  @Override
  public JsonWriter startArray() throws IOException {
    out.writeStartArray();
    return this;
  }

  @Override
  public JsonWriter startArray(String name) throws IOException {
    out.writeArrayFieldStart(name);
    return this;
  }

  @Override
  public JsonWriter endArray() throws IOException {
    out.writeEndArray();
    return this;
  }

  @Override
  public JsonWriter name(String name) throws IOException {
    out.writeFieldName(name);
    return this;
  }

  @Override
  public JsonWriter value(String value) throws IOException {
    out.writeString(value);
    return this;
  }

  @Override
  public JsonWriter value(long value) throws IOException {
    out.writeNumber(value);
    return this;
  }

  @Override
  public JsonWriter value(double value) throws IOException {
    out.writeNumber(value);
    return this;
  }

  @Override
  public JsonWriter value(BigDecimal value) throws IOException {
    out.writeNumber(value);
    return this;
  }

  @Override
  public JsonWriter value(boolean value) throws IOException {
    out.writeBoolean(value);
    return this;
  }

  @Override
  public JsonWriter nullValue() throws IOException {
    out.writeNull();
    return this;
  }

  @Override
  public JsonWriter value(JsonValue value) throws IOException {
    JacksonJson.write(out, value);
    return this;
  }

  @Override
  public JsonWriter field(String name, String value) throws IOException {
    out.writeStringField(name, value);
    return this;
  }

  @Override
  public JsonWriter field(String name, long value) throws IOException {
    out.writeNumberField(name, value);
    return this;
  }

  @Override
  public JsonWriter field(String name, double value) throws IOException {
    out.writeNumberField(name, value);
    return this;
  }

  @Override
  public JsonWriter field(String name, boolean value) throws IOException {
    out.writeBooleanField(name, value);
    return this;
  }
}
