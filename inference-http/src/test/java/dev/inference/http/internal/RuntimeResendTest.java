package dev.inference.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.spi.DriverContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runtime operation whose connection breaks is sent once more on a new connection. The server
 * here does what a keep-alive server does when it closes an idle connection just as the client
 * reuses it: it reads the request and closes without a byte of answer. The JDK resends only a GET
 * itself, so a POST such as Ollama's {@code /api/show} failed with "header parser received no
 * bytes" in a burst of model checks.
 */
@Timeout(60) // a hang guard only
class RuntimeResendTest {

  private static final JsonValue SHOW = JsonValue.object(Map.of("model", JsonValue.of("m")));

  @Test
  void aPostOnAKeepAliveConnectionTheServerClosedIsSentAgainOnANewOne() throws Exception {
    // each connection answers its first request and drops at its second
    try (DroppingServer server = new DroppingServer(1);
        HttpChatClient client = client(server)) {
      URI show = server.uri("/api/show");
      assertThat(client.exchangeJson("POST", show, SHOW, Duration.ofSeconds(10)))
          .isEqualTo(DroppingServer.answer(1));
      // sent on the pooled connection, which drops it; the resend opens the second connection
      assertThat(client.exchangeJson("POST", show, SHOW, Duration.ofSeconds(10)))
          .isEqualTo(DroppingServer.answer(3));
      assertThat(server.requests()).as("requests read").isEqualTo(3);
      assertThat(server.accepted()).as("connections").isEqualTo(2);
    }
  }

  @Test
  void aSecondBrokenConnectionIsATransportFailureAfterExactlyTwoTries() throws Exception {
    try (DroppingServer server = new DroppingServer(0);
        HttpChatClient client = client(server)) {
      assertThatThrownBy(
              () ->
                  client.exchangeJson(
                      "POST", server.uri("/api/show"), SHOW, Duration.ofSeconds(10)))
          .isInstanceOfSatisfying(
              InferenceException.class,
              failure -> {
                assertThat(failure.kind()).isEqualTo(ErrorKind.TRANSPORT);
                assertThat(failure.getMessage()).contains("127.0.0.1:" + server.port());
              });
      assertThat(server.requests()).as("requests read").isEqualTo(2);
    }
  }

  @Test
  void aTimeoutIsNotSentAgain() throws Exception {
    // reads the request and never answers: the operation's deadline ends it, once
    try (DroppingServer server = new DroppingServer(-1);
        HttpChatClient client = client(server)) {
      assertThatThrownBy(
              () ->
                  client.exchangeJson(
                      "POST", server.uri("/api/show"), SHOW, Duration.ofMillis(300)))
          .isInstanceOfSatisfying(
              InferenceException.class,
              failure -> assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT));
      assertThat(server.requests()).as("requests read").isEqualTo(1);
    }
  }

  private static HttpChatClient client(DroppingServer server) {
    return TestDialect.client(
        TestDialect.settings(server.port()).maxRetries(0).build(), DriverContext.defaults());
  }
}
