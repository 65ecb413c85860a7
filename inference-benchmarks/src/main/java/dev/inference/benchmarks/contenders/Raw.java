package dev.inference.benchmarks.contenders;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.inference.benchmarks.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the raw baselines share: one JDK {@code HttpClient}, a request body written with Jackson's
 * generator, answers read with Jackson's streaming parser and nothing else (no retries, no timeouts
 * beyond the JDK's, no canonical response).
 */
abstract class Raw implements Contender {

  static final JsonFactory JSON = new JsonFactory();

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final URI endpoint;

  Raw(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Writes the dialect's fields after the common ones. */
  abstract void dialectFields(JsonGenerator json, boolean stream, boolean jsonMode)
      throws IOException;

  HttpRequest request(boolean stream, boolean jsonMode) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("model", Fixtures.MODEL);
      json.writeArrayFieldStart("messages");
      json.writeStartObject();
      json.writeStringField("role", "user");
      json.writeStringField("content", Fixtures.PROMPT);
      json.writeEndObject();
      json.writeEndArray();
      json.writeBooleanField("stream", stream);
      dialectFields(json, stream, jsonMode);
      json.writeEndObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json");
    return authenticate(request)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
  }

  /** Adds the dialect's key headers: a bearer token unless the dialect says otherwise. */
  HttpRequest.Builder authenticate(HttpRequest.Builder request) {
    return request.header("Authorization", "Bearer " + Fixtures.API_KEY);
  }

  /**
   * Sends, and sends once more when the first try failed before any response: the JDK's pool can
   * hand out a connection its clean-up is closing ("HTTP/1.1 header parser received no bytes"),
   * which ended all three raw contenders' 16-thread benchmarks in one run with 20 s of warm-up;
   * every client retries that (this library through its retry policy, with a backoff raw does not
   * pay).
   */
  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      HttpResponse<T> response;
      try {
        response = http.send(request, handler);
      } catch (IOException stale) {
        response = http.send(request, handler);
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + response.statusCode());
      }
      return response;
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  /**
   * One whole (not streamed) answer's text: the first string field named {@code field} in it.
   *
   * @param jsonMode whether the request asks for JSON
   * @param field {@code content} (OpenAI, Ollama) or {@code text} (Anthropic)
   */
  String answer(boolean jsonMode, String field) {
    byte[] body = send(request(false, jsonMode), HttpResponse.BodyHandlers.ofByteArray()).body();
    try (JsonParser parser = JSON.createParser(body)) {
      return firstString(parser, field);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  /**
   * The text of the first string field named {@code name} in a JSON document, which is read to its
   * end: the finish reason and the usage come after the text (an OpenAI chunk's {@code
   * finish_reason}, Ollama's {@code done}), and a client must read them, as this library does.
   * Stopping at the text would leave a third of an OpenAI chunk unread, and the baseline would
   * measure less work than any correct client does (bench/notes.md, session 15).
   */
  static String firstString(JsonParser parser, String name) throws IOException {
    String found = null;
    JsonToken token;
    while ((token = parser.nextToken()) != null) {
      if (found == null && token == JsonToken.FIELD_NAME && parser.currentName().equals(name)) {
        if (parser.nextToken() == JsonToken.VALUE_STRING) {
          found = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
    }
    return found == null ? "" : found;
  }

  /** Parses JSON text into maps, lists and scalars: the minimum tree. */
  static Object tree(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      parser.nextToken();
      return value(parser);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.put(name, value(parser));
        }
        return object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        return array;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return parser.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      default -> {
        return "null";
      }
    }
  }

  @Override
  public void close() {}
}
