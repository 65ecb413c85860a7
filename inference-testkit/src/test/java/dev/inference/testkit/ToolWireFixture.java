package dev.inference.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Tool;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire of {@link ToolDriver}, for the kit's self-tests of sections 15 and 16: it renders text
 * answers and tool calls only, which is all those sections play.
 */
final class ToolWireFixture implements WireFixture {

  private static final String PATH = "/v1/tool";

  @Override
  public ProviderSettings.Builder settings(URI server) {
    return ProviderSettings.builder(ToolDriver.ID).model("tool-1").baseUrl(server.resolve(PATH));
  }

  @Override
  public MappingBuilder chatRequest() {
    return post(urlPathEqualTo(PATH));
  }

  @Override
  public RequestPointers pointers() {
    return new RequestPointers("/messages/0/text", "/messages/1/text", "/none", "/none");
  }

  @Override
  public Map<String, JsonValue> responseFormatMembers(ResponseFormat format) {
    return Map.of("/none", JsonValue.of("never asked: the driver declares text only"));
  }

  @Override
  public Map<String, JsonValue> toolMembers(Tool tool) {
    return Map.of(
        "/tools/0/name", JsonValue.of(tool.name()),
        "/tools/0/description", JsonValue.of(tool.description()),
        "/tools/0/parameters", tool.parameters());
  }

  @Override
  public Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
    Map<String, JsonValue> members = new LinkedHashMap<>(); // in order, for the self-test
    members.put("/messages/1/calls/0/id", JsonValue.of(call.id()));
    members.put("/messages/1/calls/0/arguments", JsonValue.of(call.rawArguments()));
    members.put("/messages/2/results/0/id", JsonValue.of(result.callId()));
    members.put("/messages/2/results/0/content", JsonValue.of(result.content()));
    return members;
  }

  @Override
  public Map<String, JsonValue> imageMembers(Part.Image image) {
    return Map.of("/messages/0/images/0", JsonValue.of(image.href()));
  }

  @Override
  public Optional<ResponseDefinitionBuilder> render(Scenario scenario) {
    if (scenario instanceof Scenario.Text text) {
      return Optional.of(json("{\"text\":" + quote(text.text()) + ",\"stop\":\"stop\"}"));
    }
    if (scenario instanceof Scenario.ToolCalls calls && !calls.streamed()) {
      List<String> each = new ArrayList<>();
      for (Scenario.ToolCalls.Call call : calls.calls()) {
        each.add(
            "{\"id\":"
                + quote(call.id())
                + ",\"name\":"
                + quote(call.name())
                + ",\"arguments\":"
                + quote(call.argumentsJson())
                + "}");
      }
      return Optional.of(
          json("{\"calls\":[" + String.join(",", each) + "],\"stop\":\"tool_calls\"}"));
    }
    if (scenario instanceof Scenario.ToolCalls calls) {
      StringBuilder body = new StringBuilder();
      for (int index = 0; index < calls.calls().size(); index++) {
        Scenario.ToolCalls.Call call = calls.calls().get(index);
        String start = "{\"index\":" + index + ",\"id\":" + quote(call.id());
        frame(body, start + ",\"name\":" + quote(call.name()) + ",\"fragment\":\"\"}");
        for (String fragment : call.fragments()) {
          frame(body, "{\"index\":" + index + ",\"fragment\":" + quote(fragment) + "}");
        }
      }
      body.append("data: {\"stop\":\"tool_calls\"}\n\n");
      return Optional.of(
          aResponse()
              .withStatus(200)
              .withHeader("Content-Type", "text/event-stream")
              .withBody(body.toString()));
    }
    return Optional.empty();
  }

  private static void frame(StringBuilder body, String call) {
    body.append("data: {\"call\":").append(call).append("}\n\n");
  }

  private static String quote(String text) {
    return JsonValue.of(text).toJson();
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
