package dev.inference.testkit;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.Tool;
import dev.inference.http.Framing;
import dev.inference.http.HttpDialect;
import dev.inference.http.HttpTransport;
import dev.inference.http.StreamDecoder;
import dev.inference.kit.CallOptions;
import dev.inference.kit.Json;
import dev.inference.kit.JsonReader;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.ResponseSink;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small driver that declares tools, parallel tool calls, image URLs and streaming, for the kit's
 * self-tests of sections 15 and 16 (the guide's Acme driver declares neither tools nor images). Its
 * wire, which {@link ToolWireFixture} plays: a request {@code {model, messages: [{role, text,
 * images?, calls?, results?}], tools?, stream}}, an answer {@code {text?, calls?: [{id, name,
 * arguments}], stop}}, and a stream of SSE frames {@code {text}}, {@code {call: {index, id?, name?,
 * fragment}}} and a last {@code {stop}}.
 */
final class ToolDriver implements ProviderFactory {

  static final String ID = "tool_test";

  private static final Capabilities CAPABILITIES =
      Capabilities.builder().streaming(true).parallelToolCalls(true).imageUrls(true).build();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    return HttpTransport.client(settings, context, new Dialect(), CAPABILITIES);
  }

  private static final class Dialect implements HttpDialect {
    @Override
    public String kind() {
      return ID;
    }

    @Override
    public String providerName() {
      return "tooly";
    }

    @Override
    public URI endpoint(ProviderSettings settings) {
      return settings.baseUrl().orElseThrow();
    }

    @Override
    public Framing framing() {
      return Framing.sse();
    }

    @Override
    public Map<String, String> headers(ProviderSettings settings) {
      return Map.of();
    }

    @Override
    public void writeRequest(
        JsonWriter out, InferenceRequest request, CallOptions call, boolean stream)
        throws IOException {
      out.startObject().field("model", call.settings().model()).startArray("messages");
      for (Message message : request.messages()) {
        out.startObject().field("role", message.role().name().toLowerCase(Locale.ROOT));
        out.field("text", message.text()).startArray("images");
        for (Part.Image image : message.parts(Part.Image.class)) {
          out.value(image.href());
        }
        out.endArray().startArray("calls");
        for (Part.ToolCall each : message.parts(Part.ToolCall.class)) {
          out.startObject().field("id", each.id()).field("name", each.name());
          out.field("arguments", each.rawArguments()).endObject();
        }
        out.endArray().startArray("results");
        for (Part.ToolResult result : message.parts(Part.ToolResult.class)) {
          out.startObject().field("id", result.callId());
          out.field("content", result.content()).endObject();
        }
        out.endArray().endObject();
      }
      out.endArray().startArray("tools");
      for (Tool tool : request.tools()) {
        out.startObject().field("name", tool.name()).field("description", tool.description());
        out.field("parameters", tool.parameters()).endObject();
      }
      out.endArray().field("stream", stream).endObject();
    }

    @Override
    public void readResponse(JsonReader in, ResponseSink out) throws IOException {
      JsonValue body = in.readValue();
      body.get("text").flatMap(JsonValue::asString).ifPresent(out::text);
      List<JsonValue> calls =
          body.get("calls")
              .filter(JsonValue.ArrayValue.class::isInstance)
              .map(array -> ((JsonValue.ArrayValue) array).elements())
              .orElse(List.of());
      for (int index = 0; index < calls.size(); index++) {
        JsonValue each = calls.get(index);
        out.toolCall(index, string(each, "id"), string(each, "name"), string(each, "arguments"));
      }
      body.get("stop").flatMap(JsonValue::asString).ifPresent(out::finishReason);
      out.complete();
    }

    @Override
    public StreamDecoder streamDecoder() {
      return (event, data, offset, length, out) -> {
        JsonValue frame;
        try (JsonReader in = Json.reader(data, offset, length)) {
          frame = in.readValue();
        }
        frame.get("text").flatMap(JsonValue::asString).ifPresent(out::text);
        if (frame.get("call").isPresent()) {
          JsonValue each = frame.get("call").get();
          int index = (int) each.get("index").map(JsonValue::asLong).orElseThrow().orElseThrow();
          out.toolCall(index, string(each, "id"), string(each, "name"), string(each, "fragment"));
        }
        if (frame.get("stop").isPresent()) {
          out.finishReason(string(frame, "stop"));
          out.complete();
          return true;
        }
        return false;
      };
    }

    private static String string(JsonValue object, String name) {
      return object.get(name).flatMap(JsonValue::asString).orElse("");
    }
  }
}
