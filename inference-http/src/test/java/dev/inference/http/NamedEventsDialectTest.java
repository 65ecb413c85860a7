package dev.inference.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.StreamEvent;
import dev.inference.kit.CallOptions;
import dev.inference.kit.Json;
import dev.inference.kit.JsonReader;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import dev.inference.spi.DriverContext;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A made-up provider written on the public packages only: its stream uses named SSE events ({@code
 * event: delta}, {@code event: done}, {@code event: error}) and no {@code [DONE]}, its key goes in
 * {@code x-api-key} with a version header, and its errors have their own body.
 */
class NamedEventsDialectTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** The made-up provider's dialect. */
  static final class Acme implements HttpDialect {
    @Override
    public String kind() {
      return "acme_chat";
    }

    @Override
    public String providerName() {
      return "acme";
    }

    @Override
    public URI endpoint(ProviderSettings settings) {
      return settings.baseUrl().orElseThrow(() -> new IllegalArgumentException("needs base_url"));
    }

    @Override
    public Framing framing() {
      return Framing.sse();
    }

    @Override
    public void writeRequest(
        JsonWriter out, InferenceRequest request, CallOptions call, boolean stream)
        throws IOException {
      out.startObject().field("model", call.settings().model()).startArray("turns");
      for (Message message : request.messages()) {
        out.startObject().field("who", message.role().name()).field("say", message.text());
        out.endObject();
      }
      out.endArray().field("stream", stream).endObject();
    }

    @Override
    public Map<String, String> headers(ProviderSettings settings) {
      return Map.of(
          "x-api-key", settings.apiKey().orElseThrow().reveal(), "acme-version", "2026-01-01");
    }

    @Override
    public void readResponse(JsonReader in, ResponseSink out) throws IOException {
      JsonValue body = in.readValue();
      body.get("answer").flatMap(JsonValue::asString).ifPresent(out::text);
      body.get("stop").flatMap(JsonValue::asString).ifPresent(out::finishReason);
      out.complete();
    }

    @Override
    public StreamDecoder streamDecoder() {
      return (name, data, offset, length, out) -> {
        try (JsonReader in = Json.reader(data, offset, length)) {
          JsonValue frame = in.readValue();
          switch (name) {
            case "delta" -> frame.get("text").flatMap(JsonValue::asString).ifPresent(out::text);
            case "done" -> {
              frame.get("stop").flatMap(JsonValue::asString).ifPresent(out::finishReason);
              out.complete();
              return true;
            }
            case "error" -> {
              out.error(frame);
              return true;
            }
            default -> {}
          }
          return false;
        }
      };
    }

    @Override
    public InferenceException httpError(
        int status,
        Function<String, Optional<String>> header,
        byte[] body,
        Redactor redactor,
        Clock clock) {
      JsonValue parsed;
      try {
        parsed = Json.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notJson) {
        return HttpDialect.super.httpError(status, header, body, redactor, clock);
      }
      Optional<String> problem = parsed.get("problem").flatMap(JsonValue::asString);
      if (problem.equals(Optional.of("overloaded"))) {
        return InferenceException.builder(ErrorKind.UNAVAILABLE, "acme is overloaded")
            .providerName(providerName())
            .httpStatus(status)
            .build();
      }
      return HttpDialect.super.httpError(status, header, body, redactor, clock);
    }
  }

  private static InferenceClient client() {
    ProviderSettings settings =
        ProviderSettings.builder("acme_chat")
            .model("m")
            .baseUrl(URI.create("http://127.0.0.1:" + server.getPort() + "/chat"))
            .apiKey(Secret.of("acme-key-123456"))
            .maxRetries(0)
            .build();
    return HttpTransport.client(
        settings,
        DriverContext.defaults(),
        new Acme(),
        Capabilities.builder().streaming(true).build());
  }

  @Test
  void namedEventsAreDecodedAndTheDoneEventEndsTheStream() {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        "event: delta\ndata: {\"text\":\"Hel\"}\n\n"
                            + "event: delta\ndata: {\"text\":\"lo\"}\n\n"
                            + "event: done\ndata: {\"stop\":\"stop\"}\n\n"
                            + "event: delta\ndata: {\"text\":\" ignored\"}\n\n")));
    List<String> deltas = new ArrayList<>();
    String text;
    try (InferenceClient client = client();
        InferenceStream stream = client.stream(InferenceRequest.of("hi"))) {
      text = null;
      for (StreamEvent event : stream) {
        if (event instanceof StreamEvent.TextDelta delta) {
          deltas.add(delta.text());
        } else if (event instanceof StreamEvent.Completed done) {
          text = done.response().text();
        }
      }
    }
    assertThat(deltas).containsExactly("Hel", "lo");
    assertThat(text).isEqualTo("Hello");
    server.verify(
        postRequestedFor(urlEqualTo("/chat"))
            .withHeader("x-api-key", equalTo("acme-key-123456"))
            .withHeader("acme-version", equalTo("2026-01-01")));
  }

  @Test
  void userInfoInTheBaseUrlIsSentAsBasicCredentialsAndShownNowhere() {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(aResponse().withStatus(500).withBody("{\"problem\":\"broken\"}")));
    ProviderSettings settings =
        ProviderSettings.builder("acme_chat")
            .model("m")
            .baseUrl(URI.create("http://gate:s3cret-pass@127.0.0.1:" + server.getPort() + "/chat"))
            .apiKey(Secret.of("acme-key-123456"))
            .maxRetries(0)
            .build();
    try (InferenceClient client =
        HttpTransport.client(
            settings, DriverContext.defaults(), new Acme(), Capabilities.builder().build())) {
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("hi")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> assertThat(e.toString()).doesNotContain("s3cret-pass"));
      assertThat(client.describe().toString()).doesNotContain("s3cret-pass");
    }
    server.verify(
        postRequestedFor(urlEqualTo("/chat"))
            .withHeader("Authorization", equalTo("Basic Z2F0ZTpzM2NyZXQtcGFzcw==")));
  }

  @Test
  void anErrorEventFailsTheStreamWithItsPartialText() {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        "event: delta\ndata: {\"text\":\"Hel\"}\n\n"
                            + "event: error\ndata: {\"error\":{\"message\":\"boom\"}}\n\n")));
    try (InferenceClient client = client();
        InferenceStream stream = client.stream(InferenceRequest.of("hi"))) {
      assertThatThrownBy(() -> stream.forEach(event -> {}))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.partialText()).hasValue("Hel");
                assertThat(e.getMessage()).contains("boom");
              });
    }
  }

  @Test
  void aBodyThatEndsWithoutTheDoneEventIsTruncated() {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("event: delta\ndata: {\"text\":\"Hel\"}\n\n")));
    try (InferenceClient client = client();
        InferenceStream stream = client.stream(InferenceRequest.of("hi"))) {
      assertThatThrownBy(() -> stream.forEach(event -> {}))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED));
    }
  }

  @Test
  void theProvidersOwnErrorBodyIsTranslatedAndOthersFallBackOnTheDefaults() {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(aResponse().withStatus(529).withBody("{\"problem\":\"overloaded\"}")));
    try (InferenceClient client = client()) {
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("hi")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("overloaded");
              });
    }
    server.resetAll();
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":{\"message\":\"bad key acme-key-123456\"}}")));
    try (InferenceClient client = client()) {
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("hi")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                assertThat(e.getMessage()).doesNotContain("acme-key-123456");
              });
    }
  }
}
