package dev.inference.inferd;

import static dev.inference.inferd.InferdTestSupport.MARKER_KEY;
import static dev.inference.inferd.InferdTestSupport.WAIT;
import static dev.inference.inferd.InferdTestSupport.client;
import static dev.inference.inferd.InferdTestSupport.done;
import static dev.inference.inferd.InferdTestSupport.request;
import static dev.inference.inferd.InferdTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.spi.SettingsProblem;
import dev.inference.testkit.SocketServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a review of the driver found: an interrupt is a cancelled call (never a refused key), a
 * request over the frame cap is refused before any byte, the key is read when a call needs it, a
 * key in a mistaken base URL shows nowhere, and closing the client ends a lifecycle watch.
 */
class InferdHardeningTest {

  @TempDir Path dir;

  @Test
  void anInterruptWhileWaitingForTheAnswerIsCancelledEvenAfterAnAuthFrame() throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine(); // auth
                  c.readLine(); // request
                  requested.countDown();
                  c.hold();
                });
        InferenceClient client =
            client(settings(server.endpoint()).apiKey(Secret.of(MARKER_KEY)).build())) {
      AtomicReference<Thread> caller = new AtomicReference<>();
      CompletableFuture<Object[]> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                caller.set(Thread.currentThread());
                try {
                  client.infer(request("i1"));
                  return new Object[] {null, false};
                } catch (InferenceException failed) {
                  return new Object[] {failed, Thread.interrupted()};
                }
              });
      assertThat(requested.await(10, TimeUnit.SECONDS)).isTrue();
      caller.get().interrupt();
      Object[] result = outcome.get(10, TimeUnit.SECONDS);
      InferenceException failure = (InferenceException) result[0];
      assertThat(failure.kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(failure.getMessage()).doesNotContain("api_key", MARKER_KEY);
      assertThat(result[1]).as("the interrupt status is kept").isEqualTo(true);
      assertThat(server.awaitPeerClosed(0, WAIT)).isTrue();
    }
  }

  @Test
  void aRequestOverTheFrameCapIsRefusedBeforeAnyByte() throws Exception {
    try (SocketServer server = SocketServer.tcp(c -> c.hold());
        InferenceClient client =
            client(
                settings(server.endpoint())
                    .option("max_frame_bytes", JsonValue.of(1024))
                    .build())) {
      InferenceException failure =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("x".repeat(2000))));
      assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(failure.getMessage()).contains("1024-byte frame cap", "shorter conversation");
      assertThat(server.connections()).as("nothing was sent").isZero();
    }
  }

  @Test
  void anUnsetKeyFailsOnlyTheCallsThatSendIt() throws Exception {
    Secret unset = Secret.ofEnv("INFERD_TEST_KEY_THAT_IS_NEVER_SET");
    Path socket = dir.resolve("infer.sock");
    try (SocketServer unix =
            SocketServer.unix(
                socket,
                c -> {
                  String line = c.readLine();
                  String id =
                      JsonValue.parse(line).get("id").flatMap(JsonValue::asString).orElseThrow();
                  c.write(done(id, "fine", "end"));
                });
        InferenceClient overUnix = client(settings("unix:" + socket).apiKey(unset).build())) {
      assertThat(overUnix.infer(InferenceRequest.of("hi")).text())
          .as("a Unix socket sends no key, so an unset one does not matter")
          .isEqualTo("fine");
      assertThat(unix.lines()).singleElement().asString().doesNotContain("\"auth\"");
    }
    try (SocketServer tcp = SocketServer.tcp(c -> c.hold());
        InferenceClient overTcp = client(settings(tcp.endpoint()).apiKey(unset).build())) {
      InferenceException failure =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              InferenceException.class, () -> overTcp.infer(InferenceRequest.of("hi")));
      assertThat(failure.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(failure.getMessage()).contains("INFERD_TEST_KEY_THAT_IS_NEVER_SET");
    }
  }

  @Test
  void aKeyInAMistakenBaseUrlShowsInNoProblem() {
    ProviderSettings settings =
        ProviderSettings.builder(InferdProviderFactory.ID)
            .model("gemma-4")
            .baseUrl(URI.create("https://bob:" + MARKER_KEY + "@gateway.example/v1"))
            .build();
    List<SettingsProblem> problems = new InferdProviderFactory().validate(settings);
    assertThat(problems).isNotEmpty();
    assertThat(problems.toString()).doesNotContain(MARKER_KEY).contains("gateway.example");
  }

  @Test
  void closingTheClientEndsALifecycleWatch() throws Exception {
    Path admin = dir.resolve("admin.sock");
    CountDownLatch snapshot = new CountDownLatch(1);
    try (SocketServer daemon =
        SocketServer.unix(
            admin,
            c -> {
              c.write("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"starting\"}\n");
              c.hold();
            })) {
      InferenceClient client =
          client(
              settings("unix:" + dir.resolve("infer.sock"))
                  .option("admin_socket", JsonValue.of(admin.toString()))
                  .build());
      CompletableFuture<Throwable> watch =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  client.operations().orElseThrow().watchLifecycle(event -> snapshot.countDown());
                  return null;
                } catch (RuntimeException ended) {
                  return ended;
                }
              });
      assertThat(snapshot.await(10, TimeUnit.SECONDS)).isTrue();
      client.close();
      Throwable ended = watch.get(10, TimeUnit.SECONDS);
      assertThat(ended).isInstanceOf(InferenceException.class);
      assertThat(((InferenceException) ended).kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(ended).hasMessageContaining("the client was closed");
      assertThat(daemon.awaitPeerClosed(0, WAIT)).isTrue();
    }
  }
}
