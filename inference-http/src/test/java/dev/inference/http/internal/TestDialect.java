package dev.inference.http.internal;

import dev.inference.Capabilities;
import dev.inference.InferenceRequest;
import dev.inference.Message;
import dev.inference.ProviderSettings;
import dev.inference.http.Framing;
import dev.inference.http.HttpDialect;
import dev.inference.http.StreamDecoder;
import dev.inference.kit.CallOptions;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Json;
import dev.inference.kit.JsonReader;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.ResponseSink;
import dev.inference.spi.DriverContext;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * A minimal SSE dialect for testing the kit without a driver: the request is {@code {"prompt": ...,
 * "stream": ...}}; a body or frame is {@code {"text": ..., "finish": ...}} or an {@code error}.
 */
final class TestDialect implements HttpDialect {

  static HttpChatClient client(ProviderSettings settings, DriverContext context) {
    return new HttpChatClient(
        settings,
        context,
        new TestDialect(),
        Capabilities.builder().streaming(true).usageReporting(true).build(),
        settings.baseUrl().orElseThrow());
  }

  static ProviderSettings.Builder settings(int port) {
    return ProviderSettings.builder("test")
        .model("m")
        .baseUrl(URI.create("http://127.0.0.1:" + port + "/chat"));
  }

  @Override
  public String kind() {
    return "test";
  }

  @Override
  public String providerName() {
    return "testprovider";
  }

  @Override
  public java.net.URI endpoint(ProviderSettings settings) {
    return settings.baseUrl().orElseThrow();
  }

  @Override
  public Framing framing() {
    return Framing.sse();
  }

  /** OpenAI's stream conventions: {@code [DONE]} ends it, {@code event: error} fails it. */
  @Override
  public StreamDecoder streamDecoder() {
    return (name, data, offset, length, out) -> {
      String text = new String(data, offset, length, java.nio.charset.StandardCharsets.UTF_8);
      if (text.startsWith("[DONE]")) {
        return true;
      }
      if ("error".equals(name)) {
        dev.inference.JsonValue payload;
        try {
          payload = Json.parse(text);
        } catch (IllegalArgumentException notJson) {
          payload =
              dev.inference.JsonValue.object(Map.of("error", dev.inference.JsonValue.of(text)));
        }
        if (!ErrorMapper.isErrorPayload(payload)) {
          payload = dev.inference.JsonValue.object(Map.of("error", payload));
        }
        out.error(payload);
        return true;
      }
      try (JsonReader in = Json.reader(data, offset, length)) {
        readChunk(in, out);
      }
      return false;
    };
  }

  @Override
  public void writeRequest(
      JsonWriter out, InferenceRequest request, CallOptions call, boolean stream)
      throws IOException {
    out.startObject();
    StringBuilder prompt = new StringBuilder();
    for (Message message : request.messages()) {
      prompt.append(message.text());
    }
    out.field("prompt", prompt.toString());
    out.field("stream", stream);
    out.endObject();
  }

  @Override
  public Map<String, String> headers(ProviderSettings settings) {
    return Map.of();
  }

  @Override
  public void readResponse(JsonReader parser, ResponseSink out) throws IOException {
    readChunk(parser, out);
  }

  private static void readChunk(JsonReader parser, ResponseSink out) throws IOException {
    if (parser.next() != JsonReader.Token.START_OBJECT) {
      throw parser.unexpected("expected an object");
    }
    while (parser.next() == JsonReader.Token.NAME) {
      String field = parser.name();
      parser.next();
      switch (field) {
        case "text" -> out.text(parser.text());
        case "finish" -> {
          out.finishReason(parser.text());
          out.complete();
        }
        case "error" ->
            out.error(dev.inference.JsonValue.object(Map.of("error", parser.readValue())));
        default -> parser.skipChildren();
      }
    }
  }
}
