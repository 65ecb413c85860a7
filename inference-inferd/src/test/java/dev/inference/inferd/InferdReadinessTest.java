package dev.inference.inferd;

import static dev.inference.inferd.InferdTestSupport.WAIT;
import static dev.inference.inferd.InferdTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.spi.DriverContext;
import dev.inference.testkit.SocketServer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awaitReady} dials with backoff on the client's clock: the daemon's socket exists only once
 * it is ready, so a fake clock lets a 1.5 s wait pass at once.
 */
class InferdReadinessTest {

  @TempDir Path dir;

  private final FakeTime time = new FakeTime();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicReference<SocketServer> daemon = new AtomicReference<>();

  @AfterEach
  void stop() {
    SocketServer server = daemon.get();
    if (server != null) {
      server.close();
    }
    executor.shutdownNow();
  }

  private InferenceClient client(Path socket) {
    DriverContext context =
        DriverContext.builder()
            .clock(time.clock)
            .scheduler(time.scheduler)
            .executor(executor)
            .build();
    return new InferdProviderFactory().create(settings("unix:" + socket).build(), context);
  }

  private static RuntimeOperations operations(InferenceClient client) {
    return client.operations().orElseThrow();
  }

  @Test
  void aSocketThatAppearsAfterOneAndAHalfSecondsIsReady() throws Exception {
    Path socket = dir.resolve("infer.sock");
    // 100 + 200 + 400 + 800 ms of backoff: the fifth dial finds the socket
    time.at(Duration.ofMillis(1500), () -> daemon.set(SocketServer.unix(socket, c -> c.hold())));
    try (InferenceClient client = client(socket)) {
      RuntimeStatus status = operations(client).awaitReady(Duration.ofSeconds(30));
      assertThat(status.ok()).isTrue();
      assertThat(status.diagnostics()).singleElement().asString().contains("accepts connections");
    }
    assertThat(daemon.get()).as("the socket appeared on the fake clock").isNotNull();
    assertThat(daemon.get().awaitPeerClosed(0, WAIT)).as("the ready dial closed at once").isTrue();
  }

  @Test
  void nothingListeningTimesOutWithTheBackoffScheduleInTheMessage() {
    try (InferenceClient client = client(dir.resolve("never.sock"))) {
      assertThatThrownBy(() -> operations(client).awaitReady(Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                assertThat(e.getMessage())
                    .contains("within 30000 ms")
                    .contains("waiting 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000")
                    .contains("backoff from 100 ms, doubling, at most 5000 ms")
                    .contains("there is no socket file");
              });
    }
  }

  @Test
  void aDaemonThatNeverAcceptsWithAFullListenQueueTimesOutInsteadOfHanging() throws Exception {
    Path socket = dir.resolve("wedged.sock");
    List<SocketChannel> queued = new ArrayList<>();
    try (ServerSocketChannel wedged = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      wedged.bind(UnixDomainSocketAddress.of(socket), 1); // listens, never accepts
      for (int i = 0; i < 64; i++) { // fill its queue until a connect would block
        SocketChannel waiting = SocketChannel.open(StandardProtocolFamily.UNIX);
        waiting.configureBlocking(false);
        queued.add(waiting);
        try {
          if (!waiting.connect(UnixDomainSocketAddress.of(socket))) {
            break;
          }
        } catch (IOException full) {
          break;
        }
      }
      try (InferenceClient client =
          new InferdProviderFactory()
              .create(
                  settings("unix:" + socket).connectTimeout(Duration.ofMillis(200)).build(),
                  DriverContext.builder()
                      .clock(time.clock)
                      .scheduler(time.scheduler)
                      .executor(executor)
                      .build())) {
        assertThatThrownBy(() -> operations(client).awaitReady(Duration.ofSeconds(2)))
            .isInstanceOfSatisfying(
                InferenceException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                  assertThat(e.getMessage()).contains("within 2000 ms", "waiting 100, 200");
                });
      }
    } finally {
      for (SocketChannel waiting : queued) {
        waiting.close();
      }
    }
  }

  @Test
  void aFolderThatDeniesAccessFailsAtOnce() throws IOException {
    assumeFalse(
        runningAsRoot(), "root reads any folder, so a folder cannot deny it access; run as a user");
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, Set.of());
    try (InferenceClient client = client(locked.resolve("infer.sock"))) {
      assertThatThrownBy(() -> operations(client).awaitReady(Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
                assertThat(e.getMessage()).contains("waiting will not help", "access is denied");
              });
      assertThat(time.clock.instant()).as("no backoff was waited").isEqualTo(Instant.EPOCH);
    } finally {
      Files.setPosixFilePermissions(
          locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  private boolean runningAsRoot() throws IOException {
    Path probe = Files.createTempFile(dir, "uid", ".probe");
    return ((Integer) Files.getAttribute(probe, "unix:uid")) == 0;
  }
}
