package dev.inference.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.inference.Capabilities;
import dev.inference.InferenceRequest;
import dev.inference.Message;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderSettings;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * A minimal SSE dialect for testing the kit without a driver: the request is {@code {"prompt": ...,
 * "stream": ...}}; a body or frame is {@code {"text": ..., "finish": ...}} or an {@code error}.
 */
final class TestDialect implements ChatDialect {

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
  public Framing framing() {
    return Framing.SSE;
  }

  @Override
  public void writeRequest(
      JsonGenerator out, InferenceRequest request, CallOptions call, boolean stream)
      throws IOException {
    out.writeStartObject();
    StringBuilder prompt = new StringBuilder();
    for (Message message : request.messages()) {
      prompt.append(message.content());
    }
    out.writeStringField("prompt", prompt.toString());
    out.writeBooleanField("stream", stream);
    out.writeEndObject();
  }

  @Override
  public Map<String, String> headers(ProviderSettings settings) {
    return Map.of();
  }

  @Override
  public void readResponse(JsonParser parser, ResponseAccumulator out) throws IOException {
    readChunk(parser, out);
  }

  @Override
  public void readChunk(JsonParser parser, ResponseAccumulator out) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new com.fasterxml.jackson.core.JsonParseException(parser, "expected an object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "text" -> out.text(parser.getText());
        case "finish" -> {
          out.finishReason(parser.getText());
          out.complete();
        }
        case "error" ->
            out.error(dev.inference.JsonValue.object(Map.of("error", JacksonJson.read(parser))));
        default -> parser.skipChildren();
      }
    }
  }
}
