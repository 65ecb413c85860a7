package dev.inference.anthropic.wire;

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
 * The Anthropic Messages wire format, as Anthropic's API writes it (named SSE events, {@code
 * ping}s, the {@code {"type":"error","error":{...}}} envelope), for the testkit.
 */
public final class AnthropicWireFixture implements WireFixture {

  /** The Messages path. */
  public static final String PATH = "/v1/messages";

  /** The model the fixture's answers name. */
  public static final String MODEL = "claude-sonnet-4-5-20250929";

  private final String driver;

  /**
   * A fixture for a driver that speaks this dialect.
   *
   * @param driver the driver id
   */
  public AnthropicWireFixture(String driver) {
    this.driver = driver;
  }

  @Override
  public ProviderSettings.Builder settings(URI server) {
    return ProviderSettings.builder(driver)
        .model("claude-sonnet-4-5")
        .baseUrl(server.resolve(PATH));
  }

  @Override
  public MappingBuilder chatRequest() {
    return post(urlPathEqualTo(PATH));
  }

  @Override
  public RequestPointers pointers() {
    return new RequestPointers("/system", "/messages/0/content", "/temperature", "/max_tokens");
  }

  @Override
  public Map<String, JsonValue> responseFormatMembers(ResponseFormat format) {
    return format instanceof ResponseFormat.Schema schema
        ? Map.of(
            "/output_config/format/type",
            JsonValue.of("json_schema"),
            "/output_config/format/schema",
            schema.schema().schema())
        : Map.of(
            "/system",
            JsonValue.of(
                "Answer with a single JSON object and nothing else: no prose, no code fences."));
  }

  /** Tools are top-level objects with {@code input_schema}. */
  @Override
  public Map<String, JsonValue> toolMembers(Tool tool) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("/tools/0/name", JsonValue.of(tool.name()));
    members.put("/tools/0/description", JsonValue.of(tool.description()));
    members.put("/tools/0/input_schema", tool.parameters());
    return members;
  }

  /**
   * The call is a {@code tool_use} block; its result a {@code tool_result} block of a user turn.
   */
  @Override
  public Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("/messages/1/role", JsonValue.of("assistant"));
    members.put("/messages/1/content/0/type", JsonValue.of("tool_use"));
    members.put("/messages/1/content/0/id", JsonValue.of(call.id()));
    members.put("/messages/1/content/0/name", JsonValue.of(call.name()));
    members.put("/messages/1/content/0/input", call.arguments());
    members.put("/messages/2/role", JsonValue.of("user"));
    members.put("/messages/2/content/0/type", JsonValue.of("tool_result"));
    members.put("/messages/2/content/0/tool_use_id", JsonValue.of(result.callId()));
    members.put("/messages/2/content/0/content", JsonValue.of(result.content()));
    return members;
  }

  /** An image block after the text block: a base64 source for bytes, a url source for URLs. */
  @Override
  public Map<String, JsonValue> imageMembers(Part.Image image) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("/messages/0/content/0/type", JsonValue.of("text"));
    members.put("/messages/0/content/1/type", JsonValue.of("image"));
    if (image.isInline()) {
      members.put("/messages/0/content/1/source/type", JsonValue.of("base64"));
      members.put(
          "/messages/0/content/1/source/media_type", JsonValue.of(image.mediaType().orElseThrow()));
      members.put("/messages/0/content/1/source/data", JsonValue.of(image.base64().orElseThrow()));
    } else {
      members.put("/messages/0/content/1/source/type", JsonValue.of("url"));
      members.put("/messages/0/content/1/source/url", JsonValue.of(image.href()));
    }
    return members;
  }

  @Override
  public Optional<ResponseDefinitionBuilder> render(Scenario scenario) {
    if (scenario instanceof Scenario.ToolCalls calls) {
      return toolCalls(calls);
    }
    if (scenario instanceof Scenario.Text text) {
      return Optional.of(json(200, message(text.text(), text.finish(), text.usage())));
    }
    if (scenario instanceof Scenario.JsonObject object) {
      return Optional.of(
          json(200, message(object.text(), FinishReason.Kind.STOP, Optional.empty())));
    }
    if (scenario instanceof Scenario.StreamedText streamed) {
      StringBuilder body = start(streamed.usage());
      deltas(body, streamed.deltas());
      body.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
      body.append(
          event(
              "message_delta",
              "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                  + quote(stopReason(streamed.finish()))
                  + ",\"stop_sequence\":null}"
                  + streamed
                      .usage()
                      .map(
                          u ->
                              ",\"usage\":{\"output_tokens\":"
                                  + u.completionTokens().orElseThrow()
                                  + "}")
                      .orElse("")
                  + "}"));
      body.append(event("message_stop", "{\"type\":\"message_stop\"}"));
      return Optional.of(sse(body));
    }
    if (scenario instanceof Scenario.MidStreamError error) {
      StringBuilder body = start(Optional.empty());
      deltas(body, error.deltas());
      body.append(event("error", envelope("api_error", error.message())));
      return Optional.of(sse(body));
    }
    if (scenario instanceof Scenario.Truncated truncated) {
      StringBuilder body = start(Optional.empty());
      deltas(body, truncated.deltas());
      return Optional.of(sse(body));
    }
    if (scenario instanceof Scenario.RateLimited limited) {
      return Optional.of(
          json(
                  429,
                  envelope(
                      "rate_limit_error",
                      "This request would exceed the rate limit for your organization of 50"
                          + " requests per minute."))
              .withHeader("retry-after", Long.toString(limited.retryAfter().toSeconds())));
    }
    if (scenario instanceof Scenario.HttpError error) {
      String message = error.message();
      return Optional.of(
          switch (error.problem()) {
            case AUTHENTICATION -> json(401, envelope("authentication_error", message));
            case PERMISSION_DENIED -> json(403, envelope("permission_error", message));
            case MODEL_NOT_FOUND -> json(404, envelope("not_found_error", message));
            case INVALID_REQUEST, CONTEXT_LENGTH_EXCEEDED ->
                json(400, envelope("invalid_request_error", message));
            case QUOTA_EXCEEDED -> json(402, envelope("billing_error", message));
            case SERVER_ERROR -> json(500, envelope("api_error", message));
            case UNAVAILABLE -> json(529, envelope("overloaded_error", message));
          });
    }
    return Optional.empty();
  }

  /**
   * A whole message as the API sends it.
   *
   * @param text the answer
   * @param finish why it stopped
   * @param usage the counts, or empty to send none
   * @return the body
   */
  public static String message(String text, FinishReason.Kind finish, Optional<Usage> usage) {
    return "{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\""
        + MODEL
        + "\",\"content\":[{\"type\":\"text\",\"text\":"
        + quote(text)
        + "}],\"stop_reason\":"
        + quote(stopReason(finish))
        + ",\"stop_sequence\":null"
        + usage
            .map(
                counts ->
                    ",\"usage\":{\"input_tokens\":"
                        + counts.promptTokens().orElseThrow()
                        + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                        + "\"output_tokens\":"
                        + counts.completionTokens().orElseThrow()
                        + ",\"service_tier\":\"standard\"}")
            .orElse("")
        + "}";
  }

  /**
   * Tool calls as {@code tool_use} blocks. A whole message carries each input as an object, so
   * arguments that are not valid JSON can only be streamed ({@code input_json_delta} fragments are
   * text); the whole form is then not rendered.
   */
  private static Optional<ResponseDefinitionBuilder> toolCalls(Scenario.ToolCalls calls) {
    if (!calls.streamed()) {
      StringBuilder blocks = new StringBuilder();
      for (Scenario.ToolCalls.Call call : calls.calls()) {
        if (!call.argumentsValid()) {
          return Optional.empty();
        }
        blocks
            .append(blocks.isEmpty() ? "" : ",")
            .append("{\"type\":\"tool_use\",\"id\":")
            .append(quote(call.id()))
            .append(",\"name\":")
            .append(quote(call.name()))
            .append(",\"input\":")
            .append(JsonValue.parse(call.argumentsJson()).toJson())
            .append('}');
      }
      return Optional.of(
          json(
              200,
              "{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\","
                  + "\"model\":\""
                  + MODEL
                  + "\",\"content\":["
                  + blocks
                  + "],\"stop_reason\":\"tool_use\",\"stop_sequence\":null}"));
    }
    StringBuilder body = new StringBuilder();
    body.append(event("message_start", messageStart(Optional.empty())));
    for (int index = 0; index < calls.calls().size(); index++) {
      Scenario.ToolCalls.Call call = calls.calls().get(index);
      body.append(
          event(
              "content_block_start",
              "{\"type\":\"content_block_start\",\"index\":"
                  + index
                  + ",\"content_block\":{\"type\":\"tool_use\",\"id\":"
                  + quote(call.id())
                  + ",\"name\":"
                  + quote(call.name())
                  + ",\"input\":{}}}"));
      List<String> fragments = new ArrayList<>(List.of(""));
      fragments.addAll(call.fragments());
      for (String fragment : fragments) {
        body.append(
            event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":"
                    + index
                    + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                    + quote(fragment)
                    + "}}"));
      }
      body.append(
          event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
    }
    body.append(
        event(
            "message_delta",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":42}}"));
    body.append(event("message_stop", "{\"type\":\"message_stop\"}"));
    return Optional.of(sse(body));
  }

  /**
   * The error envelope.
   *
   * @param type the error type
   * @param message the message
   * @return the body
   */
  public static String envelope(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":"
        + quote(type)
        + ",\"message\":"
        + quote(message)
        + "},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
  }

  /**
   * One named SSE event.
   *
   * @param name the event's name
   * @param data its data
   * @return the frame, ending in a blank line
   */
  public static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private static String messageStart(Optional<Usage> usage) {
    return "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\","
        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
        + MODEL
        + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null"
        + usage
            .map(
                counts ->
                    ",\"usage\":{\"input_tokens\":"
                        + counts.promptTokens().orElseThrow()
                        + ",\"cache_creation_input_tokens\":0,"
                        + "\"cache_read_input_tokens\":0,\"output_tokens\":1}")
            .orElse("")
        + "}}";
  }

  private static StringBuilder start(Optional<Usage> usage) {
    StringBuilder body = new StringBuilder();
    body.append(event("message_start", messageStart(usage)));
    body.append(
        event(
            "content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
    body.append(event("ping", "{\"type\": \"ping\"}"));
    return body;
  }

  private static void deltas(StringBuilder body, List<String> deltas) {
    for (String delta : deltas) {
      body.append(
          event(
              "content_block_delta",
              "{\"type\":\"content_block_delta\",\"index\":0,"
                  + "\"delta\":{\"type\":\"text_delta\",\"text\":"
                  + quote(delta)
                  + "}}"));
    }
  }

  private static String stopReason(FinishReason.Kind kind) {
    return switch (kind) {
      case LENGTH -> "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case CONTENT_FILTER -> "refusal";
      case STOP -> "end_turn";
      default -> "pause_turn";
    };
  }

  private static String quote(String text) {
    return JsonValue.of(text).toJson();
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy")
        .withBody(body.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseDefinitionBuilder sse(StringBuilder body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
        .withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy")
        .withBody(body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
