package dev.inference.stub;

import dev.inference.JsonValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Finds the images of a chat request body, in any dialect, for {@link RecordedRequest}. */
final class RequestImages {

  private RequestImages() {}

  /**
   * OpenAI {@code image_url} parts, Anthropic {@code image} blocks and Ollama {@code images}, in
   * message order.
   */
  static List<RecordedRequest.Image> of(String body) {
    JsonValue json;
    try {
      json = JsonValue.parse(body);
    } catch (IllegalArgumentException notJson) {
      return List.of();
    }
    List<RecordedRequest.Image> images = new ArrayList<>();
    if (!(json.get("messages").orElse(null) instanceof JsonValue.ArrayValue messages)) {
      return images;
    }
    for (JsonValue message : messages.elements()) {
      if (message.get("content").orElse(null) instanceof JsonValue.ArrayValue parts) {
        parts(parts, images);
      }
      if (message.get("images").orElse(null) instanceof JsonValue.ArrayValue base64) {
        for (JsonValue image : base64.elements()) {
          image.asString().ifPresent(text -> images.add(fromBase64(text, "")));
        }
      }
    }
    return images;
  }

  /**
   * OpenAI {@code image_url} parts and Anthropic {@code image} blocks, also those inside a {@code
   * tool_result} block's content.
   */
  private static void parts(JsonValue.ArrayValue parts, List<RecordedRequest.Image> images) {
    for (JsonValue part : parts.elements()) {
      part.get("image_url")
          .flatMap(image -> image.get("url"))
          .flatMap(JsonValue::asString)
          .ifPresent(url -> images.add(fromUrl(url)));
      String type = part.get("type").flatMap(JsonValue::asString).orElse("");
      if (type.equals("image")) {
        part.get("source").ifPresent(source -> images.add(fromSource(source)));
      } else if (type.equals("tool_result")
          && part.get("content").orElse(null) instanceof JsonValue.ArrayValue content) {
        parts(content, images);
      }
    }
  }

  /**
   * An Anthropic {@code source}: {@code base64} with {@code media_type} and {@code data}, or a
   * {@code url}.
   */
  private static RecordedRequest.Image fromSource(JsonValue source) {
    String kind = source.get("type").flatMap(JsonValue::asString).orElse("");
    if (kind.equals("url")) {
      return new RecordedRequest.Image(
          "", 0, Optional.of(source.get("url").flatMap(JsonValue::asString).orElse("")));
    }
    return fromBase64(
        source.get("data").flatMap(JsonValue::asString).orElse(""),
        source.get("media_type").flatMap(JsonValue::asString).orElse(""));
  }

  private static RecordedRequest.Image fromUrl(String url) {
    if (!url.startsWith("data:")) {
      return new RecordedRequest.Image("", 0, Optional.of(url));
    }
    int comma = url.indexOf(',');
    String header = comma < 0 ? url.substring(5) : url.substring(5, comma);
    String mediaType = header.endsWith(";base64") ? header.substring(0, header.length() - 7) : "";
    return fromBase64(comma < 0 ? "" : url.substring(comma + 1), mediaType);
  }

  private static RecordedRequest.Image fromBase64(String text, String mediaType) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException notBase64) {
      return new RecordedRequest.Image(mediaType, -1, Optional.empty());
    }
    return new RecordedRequest.Image(
        mediaType.isEmpty() ? sniff(bytes) : mediaType, bytes.length, Optional.empty());
  }

  /** The media type from the first bytes: PNG, JPEG, GIF or WebP; else empty. */
  static String sniff(byte[] bytes) {
    if (starts(bytes, 0x89, 'P', 'N', 'G')) {
      return "image/png";
    }
    if (starts(bytes, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (starts(bytes, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (starts(bytes, 'R', 'I', 'F', 'F')
        && bytes.length >= 12
        && bytes[8] == 'W'
        && bytes[9] == 'E'
        && bytes[10] == 'B'
        && bytes[11] == 'P') {
      return "image/webp";
    }
    return "";
  }

  private static boolean starts(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
