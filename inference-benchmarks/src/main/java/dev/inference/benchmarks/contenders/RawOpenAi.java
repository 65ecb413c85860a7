package dev.inference.benchmarks.contenders;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.inference.benchmarks.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The raw baseline for the OpenAI dialect: chat completions and SSE by hand. */
final class RawOpenAi extends Raw {

  RawOpenAi(URI endpoint) {
    super(endpoint);
  }

  @Override
  void dialectFields(JsonGenerator json, boolean stream, boolean jsonMode) throws IOException {
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
  }

  @Override
  public String chat() {
    return answer(false, "content");
  }

  @Override
  public long stream() {
    InputStream body = send(request(true, false), HttpResponse.BodyHandlers.ofInputStream()).body();
    long chars = 0;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.startsWith("data: ")) {
          continue;
        }
        if (line.equals("data: [DONE]")) {
          continue; // read to the end, so that the connection goes back to the pool
        }
        try (JsonParser parser = JSON.createParser(line.substring(6))) {
          chars += firstString(parser, "content").length();
        }
      }
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
    return chars;
  }

  @Override
  public Object json() {
    return tree(answer(true, "content"));
  }
}
