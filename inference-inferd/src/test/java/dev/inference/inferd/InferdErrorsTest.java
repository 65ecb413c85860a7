package dev.inference.inferd;

import static dev.inference.inferd.InferdTestSupport.MARKER_KEY;
import static dev.inference.inferd.InferdTestSupport.client;
import static dev.inference.inferd.InferdTestSupport.deltas;
import static dev.inference.inferd.InferdTestSupport.done;
import static dev.inference.inferd.InferdTestSupport.error;
import static dev.inference.inferd.InferdTestSupport.json;
import static dev.inference.inferd.InferdTestSupport.request;
import static dev.inference.inferd.InferdTestSupport.settings;
import static dev.inference.inferd.InferdTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.Secret;
import dev.inference.StreamEvent;
import dev.inference.testkit.SocketServer;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The daemon's error codes, retries before the first token only, and the TCP auth frame. */
class InferdErrorsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "queue_full, RATE_LIMITED, true",
    "backend_unavailable, UNAVAILABLE, true",
    "invalid_request, INVALID_REQUEST, false",
    "frame_too_large, INVALID_REQUEST, false",
    "internal, SERVER_ERROR, true",
    "overheated, SERVER_ERROR, true"
  })
  void eachErrorCodeMapsToItsKindAndKeepsTheRawCode(String code, ErrorKind kind, boolean retry)
      throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(error("e1", code, "the daemon says " + code));
                });
        InferenceClient client = client(server.endpoint())) {
      assertThatThrownBy(() -> client.infer(request("e1")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.isRetryable()).isEqualTo(retry);
                assertThat(e.providerCode()).contains(code);
                assertThat(e.retryAfter()).isEmpty();
                assertThat(e.requestId()).contains("e1");
                assertThat(e.getMessage()).contains("the daemon says " + code);
              });
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void aFullQueueBeforeTheFirstTokenIsRetriedOnANewConnection() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(error("q1", "queue_full", "10 queued"));
                },
                c -> {
                  c.readLine();
                  c.write(token("q1", "served"));
                  c.write(done("q1", "served", "end"));
                });
        InferenceClient client = client(settings(server.endpoint()).maxRetries(2).build());
        InferenceStream stream = client.stream(request("q1"))) {
      assertThat(deltas(stream.iterator())).containsExactly("served");
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void anErrorAfterTheFirstTokenIsNotRetriedAndKeepsThePartialText() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(token("q2", "half"));
                  c.write(error("q2", "queue_full", "odd but possible"));
                });
        InferenceClient client = client(settings(server.endpoint()).maxRetries(2).build());
        InferenceStream stream = client.stream(request("q2"))) {
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).isEqualTo(new StreamEvent.TextDelta("half"));
      assertThatThrownBy(events::hasNext)
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                assertThat(e.partialText()).contains("half");
              });
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void overTcpTheKeyGoesFirstInTheAuthFrame() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.readLine();
                  c.write(done("k1", "welcome", "end"));
                });
        InferenceClient client =
            client(settings(server.endpoint()).apiKey(Secret.of(MARKER_KEY)).build())) {
      assertThat(client.infer(request("k1")).text()).isEqualTo("welcome");
      assertThat(server.lines().get(0))
          .isEqualTo("{\"type\":\"auth\",\"key\":\"" + MARKER_KEY + "\"}");
      assertThat(json(server.lines().get(1)).get("id")).contains(JsonValue.of("k1"));
    }
  }

  @Test
  void aSilentCloseAfterTheAuthFrameIsARefusedKeyNotATruncatedStream() throws Exception {
    try (SocketServer server = SocketServer.tcp(c -> c.readLine());
        InferenceClient client =
            client(settings(server.endpoint()).apiKey(Secret.of(MARKER_KEY)).build())) {
      assertThatThrownBy(() -> client.infer(request("k2")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).contains("auth frame").doesNotContain(MARKER_KEY);
                assertThat(e.toString()).doesNotContain(MARKER_KEY);
              });
      assertThatThrownBy(() -> client.stream(request("k3")).iterator().hasNext())
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION));
    }
  }

  @Test
  void aUnixSocketGetsNoAuthFrameAndAnEchoedKeyIsRedacted() throws Exception {
    try (SocketServer server =
            SocketServer.unix(
                dir.resolve("infer.sock"),
                c -> {
                  c.readLine();
                  c.write(token("k4", "said " + MARKER_KEY));
                  c.write(error("k4", "invalid_request", "bad key " + MARKER_KEY));
                });
        InferenceClient client =
            client(settings(server.endpoint()).apiKey(Secret.of(MARKER_KEY)).build())) {
      assertThatThrownBy(() -> client.infer(request("k4")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                assertThat(e.getMessage()).contains("bad key").doesNotContain(MARKER_KEY);
                assertThat(e.partialText().orElseThrow()).doesNotContain(MARKER_KEY);
              });
      assertThat(server.lines()).hasSize(1);
      assertThat(json(server.lines().get(0)).get("type")).isEmpty();
      assertThat(client.describe().toString()).doesNotContain(MARKER_KEY);
    }
  }
}
