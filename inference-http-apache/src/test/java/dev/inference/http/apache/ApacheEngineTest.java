package dev.inference.http.apache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.http.BodyTooLargeException;
import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineRequest;
import dev.inference.http.HttpEngineSettings;
import dev.inference.http.internal.CountingProxy;
import dev.inference.spi.SettingsProblem;
import dev.inference.stub.Dialect;
import dev.inference.stub.RecordedRequest;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine on its own, and chosen by a profile's {@code http_client}. */
class ApacheEngineTest {

  private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(1);
  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private HttpEngine engine;

  @BeforeEach
  void start() {
    server.start();
    engine =
        new ApacheHttpEngineFactory()
            .create(new HttpEngineSettings(Duration.ofSeconds(2), null, threads, threads));
  }

  @AfterEach
  void stop() {
    engine.close();
    server.stop();
    threads.shutdownNow();
  }

  private URI at(String path) {
    return URI.create(server.baseUrl() + path);
  }

  @Test
  void aProfileChoosesTheEngineByName() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client =
            Inference.connect(
                ProviderSettings.builder("openai_chat_completions")
                    .model("stub-model")
                    .baseUrl(stub.chatEndpoint())
                    .apiKey(Secret.of("sk-engine-test"))
                    .option("http_client", JsonValue.of("apache"))
                    .build())) {
      stub.enqueue(Reply.text("over apache"));
      assertThat(client.infer(InferenceRequest.builder().userPrompt("hi").build()).text())
          .isEqualTo("over apache");
      RecordedRequest sent = stub.requests().get(0);
      assertThat(sent.header("User-Agent")).contains("inference-java/0.1");
      assertThat(sent.header("Accept-Encoding")).as("no compression is asked for").isEmpty();
    }
  }

  @Test
  void anEngineThatIsNotInstalledIsASettingsProblemNamingTheInstalledOnes() {
    ProviderSettings settings =
        ProviderSettings.builder("openai_chat_completions")
            .model("m")
            .baseUrl(URI.create("http://127.0.0.1:9/v1/chat/completions"))
            .option("http_client", JsonValue.of("okhttp"))
            .build();
    assertThat(Inference.factory("openai_chat_completions").validate(settings))
        .contains(
            SettingsProblem.error(
                "http_client",
                "no HTTP client 'okhttp'; installed HTTP clients: jdk, apache (another one comes"
                    + " with its module, such as inference-http-apache)"));
    assertThatThrownBy(() -> Inference.connect(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("installed HTTP clients: jdk, apache");
  }

  @Test
  void aBufferedBodyOverItsLimitFailsAndAnErrorBodyIsCut() throws Exception {
    server.stubFor(get(urlPathEqualTo("/big")).willReturn(aResponse().withBody("x".repeat(4096))));
    server.stubFor(
        get(urlPathEqualTo("/error"))
            .willReturn(aResponse().withStatus(500).withBody("e".repeat(4096))));
    assertThatThrownBy(
            () -> engine.send(HttpEngineRequest.builder(at("/big")).buffered(1024, 64).build()))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessageContaining("1024-byte limit");
    try (HttpEngine.Exchange error =
        engine.send(HttpEngineRequest.builder(at("/error")).buffered(1024, 64).build())) {
      assertThat(error.status()).isEqualTo(500);
      assertThat(error.body().readAllBytes()).hasSize(64);
    }
  }

  @Test
  void redirectsAreNotFollowedAndHeadersAreFoundInAnyCase() throws Exception {
    server.stubFor(
        get(urlPathEqualTo("/moved"))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", server.baseUrl() + "/x")));
    try (HttpEngine.Exchange moved =
        engine.send(HttpEngineRequest.builder(at("/moved")).buffered(1024, 1024).build())) {
      assertThat(moved.status()).isEqualTo(302);
      assertThat(moved.header("LOCATION")).contains(server.baseUrl() + "/x");
    }
    assertThat(server.getAllServeEvents()).hasSize(1);
  }

  @Test
  void aBodyReadToItsEndLeavesTheConnectionForTheNextCallAndAnAbortDropsIt() throws Exception {
    server.stubFor(get(urlPathEqualTo("/s")).willReturn(aResponse().withBody("data: 1\n\n")));
    try (CountingProxy proxy = new CountingProxy(server.port())) {
      URI via = URI.create("http://127.0.0.1:" + proxy.port() + "/s");
      for (int i = 0; i < 3; i++) {
        try (HttpEngine.Exchange exchange = engine.send(HttpEngineRequest.builder(via).build())) {
          assertThat(new String(exchange.body().readAllBytes(), StandardCharsets.UTF_8))
              .isEqualTo("data: 1\n\n");
        }
      }
      assertThat(proxy.accepted()).isEqualTo(1);
      HttpEngine.Exchange unread = engine.send(HttpEngineRequest.builder(via).build());
      unread.abort();
      try (HttpEngine.Exchange next = engine.send(HttpEngineRequest.builder(via).build())) {
        assertThat(next.body().readAllBytes()).hasSize(9);
      }
      assertThat(proxy.accepted()).isEqualTo(2);
    }
  }
}
