package dev.inference.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.spi.DriverContext;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After faults of every kind, closing the client leaves no thread the library started and no
 * connection open.
 *
 * <p>On JDK 17 {@code HttpClient} has no {@code close()}: its selector thread and its pooled
 * connections go when the client becomes unreachable, so the test drops the client and {@link
 * AfterClose} asks for a collection while it waits. On JDK 21 and later, {@code close()} closes the
 * JDK client at once.
 */
class ClientCleanupTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String OK = "{\"text\":\"fine\",\"finish\":\"stop\"}";

  @Test
  void noThreadOrConnectionOutlivesTheClient() throws Exception {
    Set<Thread> before = AfterClose.libraryThreads();
    try (CountingProxy proxy = new CountingProxy(server.getPort())) {
      runFaults(proxy.port());

      assertThat(proxy.accepted()).isGreaterThan(3);
      AfterClose.assertConnectionsClose(proxy);
    }
    AfterClose.assertThreadsEnd(before);
  }

  @Test
  void aClientOnlyDescribedStartsNoThread() {
    Set<Thread> before = AfterClose.libraryThreads();
    try (InferenceClient client =
        TestDialect.client(
            TestDialect.settings(server.getPort()).build(), DriverContext.defaults())) {
      assertThat(client.describe().endpoint()).contains("127.0.0.1");
      // no HttpClient (selector thread), pool thread or timer until the first call
      assertThat(AfterClose.libraryThreads()).isEqualTo(before);
    }
  }

  /** In a method of its own, so that nothing keeps the client reachable afterwards. */
  private static void runFaults(int port) {
    server.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withBody(OK)));
    server.stubFor(
        post(urlEqualTo("/ok"))
            .withRequestBody(containing("\"stream\":true"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("data: {\"text\":\"a\"}\n\ndata: {\"finish\":\"stop\"}\n\n")));
    server.stubFor(
        post(urlEqualTo("/reset"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    server.stubFor(
        post(urlEqualTo("/garbage"))
            .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
    server.stubFor(
        post(urlEqualTo("/empty")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    server.stubFor(
        post(urlEqualTo("/stall"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody("data: {\"text\":\"a\"}\n\ndata: {\"finish\":\"stop\"}\n\n")
                    .withChunkedDribbleDelay(2, 5000)));
    for (String path : new String[] {"/ok", "/reset", "/garbage", "/empty", "/stall"}) {
      InferenceClient client =
          TestDialect.client(
              TestDialect.settings(port)
                  .baseUrl(java.net.URI.create("http://127.0.0.1:" + port + path))
                  .retryInitialBackoff(Duration.ofMillis(5))
                  .idleTimeout(Duration.ofMillis(300))
                  .build(),
              DriverContext.defaults());
      try (client) {
        try {
          client.infer(InferenceRequest.of("x"));
        } catch (InferenceException expected) {
          assertThat(path).isNotEqualTo("/ok");
        }
        try (InferenceStream stream = client.stream(InferenceRequest.of("x"))) {
          stream.forEach(event -> {});
        } catch (InferenceException expected) {
          assertThat(path).isNotEqualTo("/ok");
        }
        if (path.equals("/ok")) {
          InferenceStream abandoned = client.stream(InferenceRequest.of("x"));
          abandoned.close();
          assertThatThrownBy(() -> abandoned.iterator().next())
              .isInstanceOf(InferenceException.class);
        }
      }
    }
  }
}
