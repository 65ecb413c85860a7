package dev.inference.openai;

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
import dev.inference.spi.DriverContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shared fixtures of the OpenAI driver tests. */
final class OpenAiTestSupport {

  /** A key no test output may ever show. */
  static final String MARKER_KEY = "sk-test-MARKER-7f3a9c";

  static final String PATH = "/v1/chat/completions";

  private OpenAiTestSupport() {}

  static ProviderSettings.Builder settings(int port) {
    return ProviderSettings.builder("openai_chat_completions")
        .model("gpt-4.1-mini")
        .baseUrl(URI.create("http://127.0.0.1:" + port + PATH))
        .apiKey(Secret.of(MARKER_KEY))
        .temperature(0.1)
        .maxOutputTokens(200)
        .requestTimeout(Duration.ofSeconds(10));
  }

  static InferenceClient client(int port) {
    return Inference.connect(settings(port).build());
  }

  static InferenceClient client(ProviderSettings settings, DriverContext context) {
    return Inference.connect(settings, context);
  }

  /** Joins lines with CRLF, as many servers frame SSE. */
  static byte[] crlf(String... lines) {
    return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** Joins lines with LF. */
  static byte[] lf(String... lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** Stubs the chat path to answer 200 with this JSON body. */
  static void answer(WireMockExtension server, String body) {
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(PATH))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  /** A 200 response with these bytes as its {@code text/event-stream} body. */
  static ResponseDefinitionBuilder sse(byte[] body) {
    return com.github.tomakehurst.wiremock.client.WireMock.aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body);
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
    List<ServeEvent> events = server.getAllServeEvents();
    if (events.size() != 1) {
      throw new AssertionError("expected one request, but the server saw " + events.size());
    }
    return events.get(0).getRequest().getBodyAsString();
  }
}
