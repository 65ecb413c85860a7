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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The raw baseline for the Anthropic dialect: {@code /v1/messages} and its SSE of named events by
 * hand. The API has no JSON mode without a schema, so JSON is asked for in the system prompt, as
 * the library's driver does.
 */
final class RawAnthropic extends Raw {

  RawAnthropic(URI endpoint) {
    super(endpoint);
  }

  @Override
  void dialectFields(JsonGenerator json, boolean stream, boolean jsonMode) throws IOException {
    json.writeNumberField("max_tokens", Fixtures.MAX_TOKENS);
    json.writeNumberField("temperature", Fixtures.TEMPERATURE);
    if (jsonMode) {
      json.writeStringField("system", "Answer with one JSON object and nothing else.");
    }
  }

  @Override
  HttpRequest.Builder authenticate(HttpRequest.Builder request) {
    return request.header("x-api-key", Fixtures.API_KEY).header("anthropic-version", "2023-06-01");
  }

  @Override
  public String chat() {
    return answer(false, "text");
  }

  @Override
  public long stream() {
    InputStream body = send(request(true, false), HttpResponse.BodyHandlers.ofInputStream()).body();
    long chars = 0;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      boolean delta = false;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("event: ")) {
          delta = line.equals("event: content_block_delta");
        } else if (delta && line.startsWith("data: ")) {
          // text_delta carries "text"; read to message_stop, so the connection goes back to the
          // pool
          try (JsonParser parser = JSON.createParser(line.substring(6))) {
            chars += firstString(parser, "text").length();
          }
        }
      }
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
    return chars;
  }

  @Override
  public Object json() {
    return tree(answer(true, "text"));
  }
}
