package dev.inference.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.FinishReason;
import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Tool;
import dev.inference.Usage;
import dev.inference.testkit.Scenario;
import dev.inference.testkit.WireFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ollama's native {@code /api/chat} wire format for the testkit: Go {@code json.Marshal} lines,
 * {@code {"error":"..."}} bodies. Ollama has no content filter, no quota and no context-length
 * error (it truncates the prompt), so those scenarios are unsupported.
 */
@SuppressWarnings("exports") // public for inference-http-apache's kit run, on the class path
public final class OllamaWireFixture implements WireFixture {

  /** The fixture. */
  public OllamaWireFixture() {}

  private static final String CREATED = "\"created_at\":\"2025-08-14T09:30:12.100000001Z\"";

  @Override
  public ProviderSettings.Builder settings(URI server) {
    return ProviderSettings.builder(OllamaProviderFactory.ID)
        .model("llama3.2")
        .baseUrl(server.resolve(OllamaTestSupport.PATH));
  }

  @Override
  public MappingBuilder chatRequest() {
    return post(urlPathEqualTo(OllamaTestSupport.PATH));
  }

  @Override
  public RequestPointers pointers() {
    return new RequestPointers(
        "/messages/0/content",
        "/messages/1/content",
        "/options/temperature",
        "/options/num_predict");
  }

  @Override
  public Map<String, JsonValue> responseFormatMembers(ResponseFormat format) {
    return Map.of(
        "/format",
        format instanceof ResponseFormat.Schema schema
            ? schema.schema().schema()
            : JsonValue.of("json"));
  }

  @Override
  public Map<String, JsonValue> toolMembers(Tool tool) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("/tools/0/type", JsonValue.of("function"));
    members.put("/tools/0/function/name", JsonValue.of(tool.name()));
    members.put("/tools/0/function/description", JsonValue.of(tool.description()));
    members.put("/tools/0/function/parameters", tool.parameters());
    return members;
  }

  /** Ollama names the tool in a result, not the call id; the arguments go back as an object. */
  @Override
  public Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("/messages/1/role", JsonValue.of("assistant"));
    members.put("/messages/1/tool_calls/0/function/name", JsonValue.of(call.name()));
    members.put("/messages/1/tool_calls/0/function/arguments", call.arguments());
    members.put("/messages/2/role", JsonValue.of("tool"));
    members.put("/messages/2/tool_name", JsonValue.of(result.toolName()));
    members.put("/messages/2/content", JsonValue.of(result.content()));
    return members;
  }

  /** Ollama takes images inline only, as plain base64 in the message's {@code images}. */
  @Override
  public Map<String, JsonValue> imageMembers(Part.Image image) {
    return Map.of("/messages/0/images/0", JsonValue.of(image.base64().orElseThrow()));
  }

  @Override
  public Optional<ResponseDefinitionBuilder> render(Scenario scenario) {
    if (scenario instanceof Scenario.Text text) {
      return done(text.finish(), text.usage()).map(last -> json(200, line(text.text(), last)));
    }
    if (scenario instanceof Scenario.JsonObject object) {
      return done(FinishReason.Kind.STOP, Optional.empty())
          .map(last -> json(200, line(object.text(), last)));
    }
    if (scenario instanceof Scenario.StreamedText streamed) {
      return done(streamed.finish(), streamed.usage())
          .map(
              last -> {
                StringBuilder body = lines(streamed.deltas());
                body.append(line("", last)).append('\n');
                return ndjson(body);
              });
    }
    if (scenario instanceof Scenario.ToolCalls calls) {
      return toolCalls(calls);
    }
    if (scenario instanceof Scenario.MidStreamError error) {
      StringBuilder body = lines(error.deltas());
      body.append("{\"error\":").append(quote(error.message())).append("}\n");
      return Optional.of(ndjson(body));
    }
    if (scenario instanceof Scenario.Truncated truncated) {
      return Optional.of(ndjson(lines(truncated.deltas())));
    }
    if (scenario instanceof Scenario.RateLimited limited) {
      return Optional.of(
          json(429, "{\"error\":\"too many requests, please slow down\"}")
              .withHeader("Retry-After", Long.toString(limited.retryAfter().toSeconds())));
    }
    if (scenario instanceof Scenario.HttpError error) {
      String body = "{\"error\":" + quote(error.message()) + "}";
      return switch (error.problem()) {
        case AUTHENTICATION -> Optional.of(json(401, body));
        case PERMISSION_DENIED -> Optional.of(json(403, body));
        case MODEL_NOT_FOUND -> Optional.of(json(404, body));
        case INVALID_REQUEST -> Optional.of(json(400, body));
        case SERVER_ERROR -> Optional.of(json(500, body));
        case UNAVAILABLE -> Optional.of(json(503, body));
        case CONTEXT_LENGTH_EXCEEDED, QUOTA_EXCEEDED -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /** The members of the final line, or empty for a finish reason Ollama never sends. */
  private static Optional<String> done(FinishReason.Kind finish, Optional<Usage> usage) {
    String reason;
    switch (finish) {
      case STOP -> reason = "stop";
      case LENGTH -> reason = "length";
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(
        ",\"done_reason\":\""
            + reason
            + "\",\"done\":true,\"total_duration\":1843402917,\"load_duration\":21738625"
            + usage
                .map(
                    counts ->
                        ",\"prompt_eval_count\":"
                            + counts.promptTokens().orElseThrow()
                            + ",\"prompt_eval_duration\":130079000,\"eval_count\":"
                            + counts.completionTokens().orElseThrow()
                            + ",\"eval_duration\":63323000")
                .orElse(""));
  }

  /**
   * Tool calls as Ollama sends them: whole, arguments as an object (so arguments that are not JSON
   * cannot be rendered), finished with {@code stop}; streamed, one line per call before the done
   * line.
   */
  private static Optional<ResponseDefinitionBuilder> toolCalls(Scenario.ToolCalls calls) {
    if (!calls.calls().stream().allMatch(Scenario.ToolCalls.Call::argumentsValid)) {
      return Optional.empty();
    }
    String last = done(FinishReason.Kind.STOP, Optional.empty()).orElseThrow();
    List<String> each = new ArrayList<>();
    for (int index = 0; index < calls.calls().size(); index++) {
      Scenario.ToolCalls.Call call = calls.calls().get(index);
      each.add(
          "{\"id\":"
              + quote(call.id())
              + ",\"function\":{\"index\":"
              + index
              + ",\"name\":"
              + quote(call.name())
              + ",\"arguments\":"
              + goEscaped(JsonValue.parse(call.argumentsJson()).toJson())
              + "}}");
    }
    if (!calls.streamed()) {
      return Optional.of(json(200, callLine(String.join(",", each), last)));
    }
    StringBuilder body = new StringBuilder();
    for (String call : each) {
      body.append(callLine(call, ",\"done\":false")).append('\n');
    }
    body.append(line("", last)).append('\n');
    return Optional.of(ndjson(body));
  }

  private static String callLine(String calls, String tail) {
    return "{\"model\":\"llama3.2\","
        + CREATED
        + ",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
        + calls
        + "]}"
        + tail
        + "}";
  }

  private static StringBuilder lines(List<String> deltas) {
    StringBuilder body = new StringBuilder();
    for (String delta : deltas) {
      body.append(line(delta, ",\"done\":false")).append('\n');
    }
    return body;
  }

  private static String line(String content, String tail) {
    return "{\"model\":\"llama3.2\","
        + CREATED
        + ",\"message\":{\"role\":\"assistant\",\"content\":"
        + quote(content)
        + "}"
        + tail
        + "}";
  }

  /** Go's json.Marshal escapes {@code <}, {@code >} and {@code &}. */
  private static String quote(String text) {
    return goEscaped(JsonValue.of(text).toJson());
  }

  private static String goEscaped(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseDefinitionBuilder ndjson(StringBuilder body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-ndjson")
        .withBody(body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
