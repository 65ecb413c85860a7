package dev.inference.stub;

import dev.inference.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request a {@link StubServer} received.
 *
 * @param method the HTTP method
 * @param path the path, without the query
 * @param headers the headers by lower-case name
 * @param body the body as UTF-8 text, empty when there was none
 * @since 0.1
 */
public record RecordedRequest(
    String method, String path, Map<String, List<String>> headers, String body) {

  /**
   * Copies the headers and checks for {@code null}.
   *
   * @param method the HTTP method
   * @param path the path
   * @param headers the headers by lower-case name
   * @param body the body
   */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, in any case
   * @return the value, or empty
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The body parsed as JSON.
   *
   * @return the JSON value, never {@code null}
   * @throws IllegalArgumentException when the body is not JSON
   */
  public JsonValue json() {
    return JsonValue.parse(body);
  }

  /**
   * This request as a JSON object {@code {"method","path","headers","body"}}, as the control
   * endpoint {@code GET /_stub/requests} shows it.
   *
   * @return the JSON value
   */
  public JsonValue toJsonValue() {
    Map<String, JsonValue> headerValues = new java.util.TreeMap<>();
    headers.forEach(
        (name, values) -> headerValues.put(name, JsonValue.of(String.join(", ", values))));
    Map<String, JsonValue> members = new java.util.LinkedHashMap<>();
    members.put("method", JsonValue.of(method));
    members.put("path", JsonValue.of(path));
    members.put("headers", JsonValue.object(headerValues));
    members.put("body", JsonValue.of(body));
    return JsonValue.object(members);
  }
}
