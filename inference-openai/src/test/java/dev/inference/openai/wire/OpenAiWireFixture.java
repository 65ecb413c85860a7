package dev.inference.openai.wire;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The OpenAI chat completions wire format, as OpenAI's servers write it, for the testkit. */
public final class OpenAiWireFixture implements WireFixture {

  private static final String PATH = "/v1/chat/completions";

  private final String driver;

  /**
   * A fixture for a driver that speaks this dialect.
   *
   * @param driver the driver id
   */
  public OpenAiWireFixture(String driver) {
    this.driver = driver;
  }

  @Override
  public ProviderSettings.Builder settings(URI server) {
    return ProviderSettings.builder(driver).model("gpt-4.1-mini").baseUrl(server.resolve(PATH));
  }

  @Override
  public MappingBuilder chatRequest() {
    return post(urlPathEqualTo(PATH));
  }

  @Override
  public RequestPointers pointers() {
    return new RequestPointers(
        "/messages/0/content", "/messages/1/content", "/temperature", "/max_tokens");
  }

  @Override
  public Map<String, JsonValue> responseFormatMembers(ResponseFormat format) {
    return format instanceof ResponseFormat.Schema schema
        ? Map.of(
            "/response_format/type",
            JsonValue.of("json_schema"),
            "/response_format/json_schema/schema",
            schema.schema().schema())
        : Map.of("/response_format/type", JsonValue.of("json_object"));
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

  @Override
  public Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("/messages/1/role", JsonValue.of("assistant"));
    members.put("/messages/1/tool_calls/0/id", JsonValue.of(call.id()));
    members.put("/messages/1/tool_calls/0/type", JsonValue.of("function"));
    members.put("/messages/1/tool_calls/0/function/name", JsonValue.of(call.name()));
    members.put("/messages/1/tool_calls/0/function/arguments", JsonValue.of(call.rawArguments()));
    members.put("/messages/2/role", JsonValue.of("tool"));
    members.put("/messages/2/tool_call_id", JsonValue.of(result.callId()));
    members.put("/messages/2/content", JsonValue.of(result.content()));
    return members;
  }

  /** A user message with an image is an array of parts; inline bytes go as a data URL. */
  @Override
  public Map<String, JsonValue> imageMembers(Part.Image image) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("/messages/0/content/0/type", JsonValue.of("text"));
    members.put("/messages/0/content/1/type", JsonValue.of("image_url"));
    members.put("/messages/0/content/1/image_url/url", JsonValue.of(image.href()));
    image
        .detail()
        .ifPresent(
            detail ->
                members.put(
                    "/messages/0/content/1/image_url/detail", JsonValue.of(detail.wireName())));
    return members;
  }

  @Override
  public Optional<ResponseDefinitionBuilder> render(Scenario scenario) {
    if (scenario instanceof Scenario.Text text) {
      return Optional.of(json(200, answer(text.text(), text.finish(), text.usage())));
    }
    if (scenario instanceof Scenario.JsonObject object) {
      return Optional.of(
          json(200, answer(object.text(), FinishReason.Kind.STOP, Optional.empty())));
    }
    if (scenario instanceof Scenario.StreamedText streamed) {
      StringBuilder body = new StringBuilder(": keep-alive\n\n");
      body.append(
          chunk(
              "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}",
              "null",
              ",\"usage\":null"));
      deltas(body, streamed.deltas());
      body.append(chunk("{}", quote(word(streamed.finish())), ",\"usage\":null"));
      streamed
          .usage()
          .ifPresent(
              usage ->
                  body.append(
                      "data: {\"id\":\"chatcmpl-conf\",\"object\":\"chat.completion.chunk\","
                          + "\"choices\":[],\"usage\":"
                          + usage(usage)
                          + "}\n\n"));
      body.append("data: [DONE]\n\n");
      return Optional.of(sse(body));
    }
    if (scenario instanceof Scenario.ToolCalls calls) {
      return Optional.of(
          calls.streamed() ? toolCallStream(calls) : json(200, toolCallAnswer(calls)));
    }
    if (scenario instanceof Scenario.MidStreamError error) {
      StringBuilder body = new StringBuilder();
      deltas(body, error.deltas());
      body.append("data: {\"error\":{\"message\":")
          .append(quote(error.message()))
          .append(",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");
      return Optional.of(sse(body));
    }
    if (scenario instanceof Scenario.Truncated truncated) {
      StringBuilder body = new StringBuilder();
      deltas(body, truncated.deltas());
      return Optional.of(sse(body));
    }
    if (scenario instanceof Scenario.RateLimited limited) {
      return Optional.of(
          json(
                  429,
                  error(
                      "Rate limit reached for gpt-4.1-mini on requests per min (RPM).",
                      "requests",
                      "rate_limit_exceeded"))
              .withHeader("Retry-After", Long.toString(limited.retryAfter().toSeconds())));
    }
    if (scenario instanceof Scenario.HttpError error) {
      String message = error.message();
      return Optional.of(
          switch (error.problem()) {
            case AUTHENTICATION ->
                json(401, error(message, "invalid_request_error", "invalid_api_key"));
            case PERMISSION_DENIED -> json(403, error(message, "permission_error", null));
            case MODEL_NOT_FOUND ->
                json(404, error(message, "invalid_request_error", "model_not_found"));
            case INVALID_REQUEST ->
                json(400, error(message, "invalid_request_error", "invalid_value"));
            case CONTEXT_LENGTH_EXCEEDED ->
                json(400, error(message, "invalid_request_error", "context_length_exceeded"));
            case QUOTA_EXCEEDED ->
                json(429, error(message, "insufficient_quota", "insufficient_quota"));
            case SERVER_ERROR -> json(500, error(message, "server_error", null));
            case UNAVAILABLE -> json(503, error(message, "service_unavailable", null));
          });
    }
    return Optional.empty();
  }

  private static String answer(String text, FinishReason.Kind finish, Optional<Usage> usage) {
    return "{\"id\":\"chatcmpl-conf\",\"object\":\"chat.completion\",\"created\":1700000000,"
        + "\"model\":\"gpt-4.1-mini-2025-04-14\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":"
        + quote(text)
        + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":"
        + quote(word(finish))
        + "}]"
        + usage.map(counts -> ",\"usage\":" + usage(counts)).orElse("")
        + ",\"system_fingerprint\":\"fp_conf\"}";
  }

  /** A whole answer with tool calls: {@code content} null, arguments as JSON strings. */
  private static String toolCallAnswer(Scenario.ToolCalls calls) {
    StringBuilder list = new StringBuilder();
    for (Scenario.ToolCalls.Call call : calls.calls()) {
      list.append(list.isEmpty() ? "" : ",").append(callStart(call, quote(call.argumentsJson())));
    }
    return "{\"id\":\"chatcmpl-conf\",\"object\":\"chat.completion\",\"created\":1700000000,"
        + "\"model\":\"gpt-4.1-mini-2025-04-14\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
        + list
        + "],\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],"
        + "\"system_fingerprint\":\"fp_conf\"}";
  }

  /**
   * OpenAI's tool-call stream: the role chunk carries the first call's id and name with empty
   * arguments, each later call starts in a chunk of its own, and the arguments follow in fragments
   * that carry only the index.
   */
  private static ResponseDefinitionBuilder toolCallStream(Scenario.ToolCalls calls) {
    StringBuilder body = new StringBuilder(": keep-alive\n\n");
    for (int index = 0; index < calls.calls().size(); index++) {
      Scenario.ToolCalls.Call call = calls.calls().get(index);
      String start = "{\"index\":" + index + "," + callStart(call, "\"\"").substring(1);
      body.append(
          chunk(
              (index == 0 ? "{\"role\":\"assistant\",\"content\":null," : "{")
                  + "\"tool_calls\":["
                  + start
                  + "]"
                  + (index == 0 ? ",\"refusal\":null}" : "}"),
              "null",
              ",\"usage\":null"));
      for (String fragment : call.fragments()) {
        body.append(
            chunk(
                "{\"tool_calls\":[{\"index\":"
                    + index
                    + ",\"function\":{\"arguments\":"
                    + quote(fragment)
                    + "}}]}",
                "null",
                ",\"usage\":null"));
      }
    }
    body.append(chunk("{}", "\"tool_calls\"", ",\"usage\":null"));
    body.append("data: [DONE]\n\n");
    return sse(body);
  }

  private static String callStart(Scenario.ToolCalls.Call call, String arguments) {
    return "{\"id\":"
        + quote(call.id())
        + ",\"type\":\"function\",\"function\":{\"name\":"
        + quote(call.name())
        + ",\"arguments\":"
        + arguments
        + "}}";
  }

  private static void deltas(StringBuilder body, List<String> deltas) {
    for (String delta : deltas) {
      body.append(chunk("{\"content\":" + quote(delta) + "}", "null", ",\"usage\":null"));
    }
  }

  private static String chunk(String delta, String finish, String tail) {
    return "data: {\"id\":\"chatcmpl-conf\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
        + "\"model\":\"gpt-4.1-mini-2025-04-14\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + finish
        + "}]"
        + tail
        + "}\n\n";
  }

  private static String usage(Usage usage) {
    return "{\"prompt_tokens\":"
        + usage.promptTokens().orElseThrow()
        + ",\"completion_tokens\":"
        + usage.completionTokens().orElseThrow()
        + ",\"total_tokens\":"
        + usage.totalTokens().orElseThrow()
        + "}";
  }

  private static String error(String message, String type, String code) {
    return "{\"error\":{\"message\":"
        + quote(message)
        + ",\"type\":"
        + quote(type)
        + ",\"param\":null,\"code\":"
        + (code == null ? "null" : quote(code))
        + "}}";
  }

  private static String word(FinishReason.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static String quote(String text) {
    return JsonValue.of(text).toJson();
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-request-id", "req_conformance")
        .withBody(body.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseDefinitionBuilder sse(StringBuilder body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
        .withBody(body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
