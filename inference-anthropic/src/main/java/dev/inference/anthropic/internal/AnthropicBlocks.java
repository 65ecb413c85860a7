package dev.inference.anthropic.internal;

import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.kit.JsonWriter;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Content blocks of a request: text, image, tool_use and tool_result. */
final class AnthropicBlocks {

  private AnthropicBlocks() {}

  /** A text, image or tool call part as its block. */
  static void write(JsonWriter out, Part part) throws IOException {
    if (part instanceof Part.Text text) {
      if (text.text().isEmpty()) {
        return; // the API refuses empty text blocks
      }
      out.startObject();
      out.field("type", "text");
      out.field("text", text.text());
      out.endObject();
    } else if (part instanceof Part.Image image) {
      image(out, image);
    } else if (part instanceof Part.ToolCall call) {
      out.startObject();
      out.field("type", "tool_use");
      out.field("id", call.id());
      out.field("name", call.name());
      // input must be an object: arguments that are not one (blank, or not JSON) go as {}
      JsonValue arguments = call.arguments();
      out.field(
          "input",
          arguments instanceof JsonValue.ObjectValue ? arguments : JsonValue.object(Map.of()));
      out.endObject();
    }
  }

  /** A tool result, with {@code is_error} when the tool failed. */
  static void toolResult(JsonWriter out, Part.ToolResult result) throws IOException {
    out.startObject();
    out.field("type", "tool_result");
    out.field("tool_use_id", result.callId());
    out.field("content", result.content());
    if (result.error()) {
      out.field("is_error", true);
    }
    out.endObject();
  }

  /**
   * An image: inline bytes and {@code data:} URLs as a {@code base64} source, other URLs as a
   * {@code url} source. The detail hint has no Anthropic counterpart and is left out.
   */
  private static void image(JsonWriter out, Part.Image image) throws IOException {
    out.startObject();
    out.field("type", "image");
    out.startObject("source");
    if (image.isInline()) {
      out.field("type", "base64");
      out.field("media_type", image.mediaType().orElseThrow());
      out.field("data", image.base64().orElseThrow());
    } else {
      URI url = image.url().orElseThrow();
      String href = url.toString();
      int comma = href.indexOf(',');
      String header = comma < 0 ? "" : href.substring(0, comma);
      if (href.regionMatches(true, 0, "data:", 0, 5) && header.endsWith(";base64")) {
        out.field("type", "base64");
        out.field("media_type", header.substring(5, header.length() - 7));
        out.field("data", href.substring(comma + 1));
      } else {
        out.field("type", "url");
        out.field("url", href);
      }
    }
    out.endObject();
    out.endObject();
  }
}
