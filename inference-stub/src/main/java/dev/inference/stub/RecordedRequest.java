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
   * The images the request carried, in message order: OpenAI {@code image_url} parts (a {@code
   * data:} URL decoded, an {@code http(s)} URL kept), Anthropic {@code image} blocks (a {@code
   * base64} source decoded with its {@code media_type}, a {@code url} source kept; also inside
   * {@code tool_result} blocks) and Ollama {@code images} (base64, the media type read from the
   * bytes).
   *
   * @return the images, empty when there were none or the body is not JSON
   * @since 0.2
   */
  public List<Image> images() {
    return RequestImages.of(body);
  }

  /**
   * An image a chat request carried.
   *
   * @param mediaType the media type: the one of a {@code data:} URL, else the one the bytes show
   *     ({@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp}); empty when
   *     unknown or for a URL
   * @param byteCount the number of bytes of an inline image; 0 for a URL, -1 when the base64 was
   *     not valid
   * @param url the {@code http(s)} URL of an image the provider would fetch; empty for an inline
   *     one
   * @since 0.2
   */
  public record Image(String mediaType, long byteCount, Optional<String> url) {
    /**
     * Checks for {@code null}.
     *
     * @param mediaType the media type
     * @param byteCount the number of bytes
     * @param url the URL
     */
    public Image {
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * This request as a JSON object {@code {"method","path","headers","body"}}, as the control
   * endpoint {@code GET /_stub/requests} shows it, with {@code "images":[{"media_type",
   * "byte_count"} or {"url"}]} after the body when the request carried images.
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
    List<Image> images = images();
    if (!images.isEmpty()) {
      members.put(
          "images",
          JsonValue.array(
              images.stream()
                  .map(
                      image ->
                          image.url().isPresent()
                              ? JsonValue.object(Map.of("url", JsonValue.of(image.url().get())))
                              : JsonValue.object(
                                  new java.util.TreeMap<>(
                                      Map.of(
                                          "byte_count",
                                          JsonValue.of(image.byteCount()),
                                          "media_type",
                                          JsonValue.of(image.mediaType())))))
                  .toList()));
    }
    return JsonValue.object(members);
  }
}
