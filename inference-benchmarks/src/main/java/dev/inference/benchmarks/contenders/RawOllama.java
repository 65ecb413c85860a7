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

/** The raw baseline for the Ollama dialect: {@code /api/chat} and NDJSON by hand. */
final class RawOllama extends Raw {

  RawOllama(URI endpoint) {
    super(endpoint);
  }

  @Override
  void dialectFields(JsonGenerator json, boolean stream, boolean jsonMode) throws IOException {
    if (jsonMode) {
      json.writeStringField("format", "json");
    }
    json.writeObjectFieldStart("options");
    json.writeNumberField("temperature", Fixtures.TEMPERATURE);
    json.writeNumberField("num_predict", Fixtures.MAX_TOKENS);
    json.writeEndObject();
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
        if (line.isEmpty()) {
          continue;
        }
        try (JsonParser parser = JSON.createParser(line)) {
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
