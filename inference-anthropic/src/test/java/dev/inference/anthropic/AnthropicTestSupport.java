package dev.inference.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.StreamEvent;
import dev.inference.anthropic.wire.AnthropicWireFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shared fixtures of the Anthropic driver tests. */
final class AnthropicTestSupport {

  /** A key no test output may ever show. */
  static final String MARKER_KEY = "sk-ant-api03-MARKER-7f3a9c";

  static final String PATH = AnthropicWireFixture.PATH;

  static final String REQUEST_ID = "req_011CSHoEeqs5C35K2UUqR7Fy";

  private AnthropicTestSupport() {}

  static ProviderSettings.Builder settings(int port) {
    return ProviderSettings.builder(AnthropicProviderFactory.ID)
        .model("claude-sonnet-4-5")
        .baseUrl(URI.create("http://127.0.0.1:" + port + PATH))
        .apiKey(Secret.of(MARKER_KEY))
        .requestTimeout(Duration.ofSeconds(10));
  }

  static InferenceClient client(int port) {
    return Inference.connect(settings(port).build());
  }

  /** Stubs the Messages path to answer 200 with this JSON body. */
  static void answer(WireMockExtension server, String body) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("request-id", REQUEST_ID)
                    .withBody(body)));
  }

  /** A 200 response with these events as its {@code text/event-stream} body. */
  static ResponseDefinitionBuilder sse(String... events) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
        .withHeader("request-id", REQUEST_ID)
        .withBody(String.join("", events).getBytes(StandardCharsets.UTF_8));
  }

  /** One named event. */
  static String event(String name, String data) {
    return AnthropicWireFixture.event(name, data);
  }

  static final String MESSAGE_START =
      event(
          "message_start",
          "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_014p7gG3wDgGV9EUtLvnow3U\","
              + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
              + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
              + "{\"input_tokens\":472,\"cache_creation_input_tokens\":0,"
              + "\"cache_read_input_tokens\":0,\"output_tokens\":2}}}");

  static final String PING = event("ping", "{\"type\": \"ping\"}");

  static final String MESSAGE_STOP = event("message_stop", "{\"type\":\"message_stop\"}");

  static String blockStart(int index, String block) {
    return event(
        "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":"
            + index
            + ",\"content_block\":"
            + block
            + "}");
  }

  static String delta(int index, String delta) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}");
  }

  static String textDelta(int index, String text) {
    return delta(index, "{\"type\":\"text_delta\",\"text\":" + quote(text) + "}");
  }

  static String jsonDelta(int index, String partial) {
    return delta(index, "{\"type\":\"input_json_delta\",\"partial_json\":" + quote(partial) + "}");
  }

  static String blockStop(int index) {
    return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  static String messageDelta(String stopReason, int outputTokens) {
    return event(
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
            + stopReason
            + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
            + outputTokens
            + "}}");
  }

  static String quote(String text) {
    return dev.inference.JsonValue.of(text).toJson();
  }

  /** Every event of one streamed call, in order. */
  static List<StreamEvent> readAll(InferenceClient client, InferenceRequest request) {
    List<StreamEvent> events = new ArrayList<>();
    try (InferenceStream stream = client.stream(request)) {
      for (StreamEvent event : stream) {
        events.add(event);
      }
    }
    return events;
  }

  /** The body of the one request the server received, as sent. */
  static String sentBody(WireMockExtension server) {
    return only(server).getRequest().getBodyAsString();
  }

  static ServeEvent only(WireMockExtension server) {
    List<ServeEvent> events = server.getAllServeEvents();
    if (events.size() != 1) {
      throw new AssertionError("expected one request, but the server saw " + events.size());
    }
    return events.get(0);
  }
}
