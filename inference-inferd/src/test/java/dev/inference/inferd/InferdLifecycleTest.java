package dev.inference.inferd;

import static dev.inference.inferd.InferdTestSupport.client;
import static dev.inference.inferd.InferdTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.runtime.Check;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.LifecycleEvent;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import dev.inference.testkit.SocketServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin socket's lifecycle events, the status snapshot, verify and ensureModel. */
class InferdLifecycleTest {

  private static final String STARTING =
      "{\"id\":\"admin\",\"type\":\"status\",\"status\":\"starting\"}";
  private static final String DOWNLOAD =
      "{\"id\":\"admin\",\"type\":\"status\",\"status\":\"loading_model\",\"phase\":\"download\","
          + "\"downloaded_bytes\":33554432,\"total_bytes\":104857600,"
          + "\"source_url\":\"https://models.example/gemma.gguf\"}";
  private static final String READY = "{\"id\":\"admin\",\"type\":\"status\",\"status\":\"ready\"}";

  @TempDir Path dir;

  private static RuntimeOperations operations(InferenceClient client) {
    return client.operations().orElseThrow();
  }

  @Test
  void theWatcherSeesStartingDownloadAndReadyInOrderAndEndsOnEof() throws Exception {
    try (SocketServer admin =
            SocketServer.unix(
                dir.resolve("admin.sock"),
                c -> {
                  c.writeLine(STARTING);
                  c.write(DOWNLOAD.substring(0, 40));
                  c.write(DOWNLOAD.substring(40) + "\n");
                  c.writeLine("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"hibernating\"}");
                  c.writeLine(READY);
                });
        InferenceClient client = client("unix:" + dir.resolve("infer.sock"))) {
      List<LifecycleEvent> seen = new ArrayList<>();
      operations(client).watchLifecycle(seen::add);

      assertThat(seen)
          .extracting(LifecycleEvent::state)
          .containsExactly(
              LifecycleEvent.State.STARTING,
              LifecycleEvent.State.LOADING_MODEL,
              LifecycleEvent.State.UNKNOWN,
              LifecycleEvent.State.READY);
      LifecycleEvent download = seen.get(1);
      assertThat(download.phase()).contains("download");
      assertThat(download.downloadedBytes()).isEqualTo(OptionalLong.of(33554432));
      assertThat(download.totalBytes()).isEqualTo(OptionalLong.of(104857600));
      assertThat(download.details().members())
          .containsOnlyKeys("source_url")
          .containsEntry("source_url", JsonValue.of("https://models.example/gemma.gguf"));
      assertThat(seen.get(2).status()).isEqualTo("hibernating");
      assertThat(admin.connections()).as("the admin socket beside infer.sock").isEqualTo(1);
    }
  }

  @Test
  void aListenerThatThrowsStopsTheWatchWithItsOwnException() throws Exception {
    try (SocketServer admin =
            SocketServer.unix(
                dir.resolve("admin.sock"),
                c -> {
                  c.writeLine(STARTING);
                  c.hold();
                });
        InferenceClient client = client("unix:" + dir.resolve("infer.sock"))) {
      IllegalStateException enough = new IllegalStateException("enough");
      assertThatThrownBy(
              () ->
                  operations(client)
                      .watchLifecycle(
                          event -> {
                            throw enough;
                          }))
          .isSameAs(enough);
      assertThat(admin.awaitPeerClosed(0, InferdTestSupport.WAIT)).isTrue();
    }
  }

  @Test
  void interruptingTheWatchingThreadCancelsTheWatchAndClosesTheChannel() throws Exception {
    try (SocketServer admin =
            SocketServer.unix(
                dir.resolve("admin.sock"),
                c -> {
                  c.writeLine(STARTING);
                  c.hold();
                });
        InferenceClient client = client("unix:" + dir.resolve("infer.sock"))) {
      java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CompletableFuture<Throwable> ended =
          new java.util.concurrent.CompletableFuture<>();
      Thread watcher =
          new Thread(
              () -> {
                try {
                  operations(client).watchLifecycle(event -> started.countDown());
                  ended.complete(null);
                } catch (Throwable failed) {
                  ended.complete(failed);
                }
              });
      watcher.start();
      assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      watcher.interrupt();
      assertThat(ended.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .isInstanceOfSatisfying(
              InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
      assertThat(admin.awaitPeerClosed(0, InferdTestSupport.WAIT)).isTrue();
    }
  }

  @Test
  void statusReadsTheAdminSnapshot() throws Exception {
    try (SocketServer admin =
        SocketServer.unix(
            dir.resolve("control.sock"),
            c -> {
              c.writeLine(DOWNLOAD);
              c.hold();
            },
            c -> {
              c.writeLine(READY);
              c.hold();
            },
            c -> {
              c.writeLine("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"sulking\"}");
              c.hold();
            })) {
      try (InferenceClient client =
          client(
              settings("tcp://127.0.0.1:9")
                  .option("admin_socket", JsonValue.of(admin.endpoint()))
                  .build())) {
        RuntimeStatus loading = operations(client).status();
        assertThat(loading.state()).isEqualTo(RuntimeStatus.State.INSTALLING);
        assertThat(loading.diagnostics())
            .singleElement()
            .asString()
            .contains("loading_model", "phase download", "33554432 of 104857600 bytes");
        assertThat(operations(client).status().state()).isEqualTo(RuntimeStatus.State.READY);
        RuntimeStatus unknown = operations(client).status();
        assertThat(unknown.state()).isEqualTo(RuntimeStatus.State.UNKNOWN);
        assertThat(unknown.diagnostics()).singleElement().asString().contains("'sulking'");
      }
    }
  }

  @Test
  void verifyDialsTheInferenceSocketAndSaysModelReadyIsNotInV1() throws Exception {
    try (SocketServer daemon = SocketServer.unix(dir.resolve("infer.sock"), c -> c.hold());
        InferenceClient client = client(daemon.endpoint())) {
      VerifyResult defaults = operations(client).verify(Set.of());
      assertThat(defaults.outcomes())
          .as("the default checks are the ones v1 can answer")
          .extracting(VerifyResult.Outcome::check, VerifyResult.Outcome::ok)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Check.RUNTIME_READY, true),
              org.assertj.core.groups.Tuple.tuple(Check.LOOPBACK_ONLY, true));
      assertThat(defaults.ok()).isTrue();
      VerifyResult all = operations(client).verify(java.util.EnumSet.allOf(Check.class));
      assertThat(all.outcomes())
          .extracting(VerifyResult.Outcome::check, VerifyResult.Outcome::ok)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Check.RUNTIME_READY, true),
              org.assertj.core.groups.Tuple.tuple(Check.MODEL_READY, false),
              org.assertj.core.groups.Tuple.tuple(Check.LOOPBACK_ONLY, true));
      assertThat(all.outcomes().get(1).diagnostic())
          .contains("not supported by inferd protocol v1");
      // no admin socket beside it: status falls back to dialling the inference socket
      assertThat(operations(client).status().state()).isEqualTo(RuntimeStatus.State.READY);
    }
    try (InferenceClient client = client("unix:" + dir.resolve("gone.sock"))) {
      VerifyResult.Outcome runtime =
          operations(client).verify(Set.of(Check.RUNTIME_READY)).outcomes().get(0);
      assertThat(runtime.ok()).isFalse();
      assertThat(runtime.diagnostic()).contains("there is no socket file");
    }
  }

  @Test
  void ensureModelIsNotSomethingV1CanAsk() {
    try (InferenceClient client = client("unix:" + dir.resolve("infer.sock"))) {
      var result = operations(client).ensureModel("gemma-4", EnsureModelOptions.defaults());
      assertThat(result.ok()).isFalse();
      assertThat(result.errorClass()).contains(RuntimeOperations.ErrorClass.UNSUPPORTED);
      assertThat(result.diagnostics()).singleElement().asString().contains("watchLifecycle");
    }
  }

  @Test
  void aTcpEndpointHasNoAdminSocketUnlessTheProfileNamesOne() {
    try (InferenceClient client = client("tcp://127.0.0.1:47321")) {
      assertThatThrownBy(() -> operations(client).watchLifecycle(event -> {}))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
                assertThat(e.getMessage()).contains("admin_socket");
              });
    }
  }
}
