package dev.inference.benchmarks.contenders;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.inference.benchmarks.Fixtures;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The raw OpenAI baseline ({@link RawOpenAi}: the same request bytes, the same Jackson streaming
 * reads) over a blocking HTTP client that reads and writes the socket on the caller's thread, so
 * that the transport is the only difference from {@code raw-openai}.
 */
abstract class RawOnCallerThread implements Contender {

  final URI endpoint;

  RawOnCallerThread(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** POSTs a JSON body with the bearer key and returns the whole answer; fails unless 200. */
  abstract byte[] post(byte[] body) throws IOException;

  /** POSTs a JSON body with the bearer key and returns the open answer; fails unless 200. */
  abstract InputStream postStreamed(byte[] body) throws IOException;

  /** The request body {@link Raw#request} writes for the OpenAI dialect. */
  static byte[] body(boolean stream, boolean jsonMode) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    try (JsonGenerator json = Raw.JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("model", Fixtures.MODEL);
      json.writeArrayFieldStart("messages");
      json.writeStartObject();
      json.writeStringField("role", "user");
      json.writeStringField("content", Fixtures.PROMPT);
      json.writeEndObject();
      json.writeEndArray();
      json.writeBooleanField("stream", stream);
      json.writeNumberField("temperature", Fixtures.TEMPERATURE);
      json.writeNumberField("max_tokens", Fixtures.MAX_TOKENS);
      if (stream) {
        json.writeObjectFieldStart("stream_options");
        json.writeBooleanField("include_usage", true);
        json.writeEndObject();
      }
      if (jsonMode) {
        json.writeObjectFieldStart("response_format");
        json.writeStringField("type", "json_object");
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return body.toByteArray();
  }

  private String answer(boolean jsonMode) {
    try (JsonParser parser = Raw.JSON.createParser(post(body(false, jsonMode)))) {
      return Raw.firstString(parser, "content");
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  @Override
  public String chat() {
    return answer(false);
  }

  @Override
  public long stream() {
    long chars = 0;
    try (InputStream body = postStreamed(body(true, false));
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
          continue;
        }
        try (JsonParser parser = Raw.JSON.createParser(line.substring(6))) {
          chars += Raw.firstString(parser, "content").length();
        }
      }
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
    return chars;
  }

  @Override
  public Object json() {
    return Raw.tree(answer(true));
  }
}
