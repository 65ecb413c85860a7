package dev.inference.cli;

import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import dev.inference.runtime.LifecycleEvent;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.stub.Dialect;
import dev.inference.stub.InferdOptions;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's inferd step: the stub plays the inferd daemon on a Unix socket, with an admin socket
 * whose lifecycle (starting, model download, ready) the driver watches before it streams an answer.
 */
final class DemoInferd {

  /** Stops the watch once the daemon is ready; the demo has seen what it wanted. */
  private static final class Ready extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Ready() {
      super("ready", null, false, false);
    }
  }

  private DemoInferd() {}

  static void run(PrintStream out, Duration tokenDelay) {
    Path dir = socketFolder();
    try (StubServer daemon =
        StubServer.builder(Dialect.INFERD)
            .inferd(
                InferdOptions.builder()
                    .socket(dir.resolve("infer.sock"))
                    .adminSocket(dir.resolve("admin.sock"))
                    .stepDelay(Duration.ofMillis(150))
                    .build())
            .start()) {
      ProviderSettings settings =
          ProviderSettings.builder("inferd")
              .profileName("demo-inferd")
              .model("gemma-4")
              .baseUrl(daemon.chatEndpoint())
              .option("admin_socket", JsonValue.of(dir.resolve("admin.sock").toString()))
              .build();
      try (InferenceClient client = Inference.connect(settings)) {
        out.println("  endpoint      " + client.describe().endpoint());
        RuntimeOperations operations = client.operations().orElseThrow();
        try {
          operations.watchLifecycle(
              event -> {
                out.println("  lifecycle     " + line(event));
                if (event.state() == LifecycleEvent.State.READY) {
                  throw new Ready();
                }
              });
        } catch (Ready ready) {
          // watched until ready
        }
        RuntimeStatus status = operations.awaitReady(Duration.ofSeconds(10));
        out.println("  awaitReady    " + status.state().name().toLowerCase(java.util.Locale.ROOT));
        daemon.enqueue(
            Reply.stream("Tokens", " over", " a", " Unix", " socket,", " one", " NDJSON", " line")
                .withDelay(tokenDelay));
        out.print("  < ");
        try (InferenceStream events = client.stream(InferenceRequest.of("Hello, daemon."))) {
          for (StreamEvent event : events) {
            if (event instanceof StreamEvent.TextDelta delta) {
              out.print(delta.text());
              out.flush();
            } else if (event instanceof StreamEvent.Completed completed) {
              out.println(" each.");
              out.println(
                  "  (finish "
                      + completed.response().finishReason().orElseThrow().raw()
                      + ", "
                      + completed.response().providerName()
                      + ")");
            }
          }
        }
      }
    } finally {
      delete(dir);
    }
  }

  private static String line(LifecycleEvent event) {
    StringBuilder text = new StringBuilder(event.status());
    event.phase().ifPresent(phase -> text.append(' ').append(phase));
    event
        .downloadedBytes()
        .ifPresent(
            bytes ->
                text.append(' ')
                    .append(bytes)
                    .append(
                        event.totalBytes().isPresent()
                            ? " of " + event.totalBytes().getAsLong() + " bytes"
                            : " bytes"));
    return text.toString();
  }

  /** A short folder: a Unix socket's path must stay under about 100 bytes. */
  private static Path socketFolder() {
    try {
      Path tmp = Path.of("/tmp");
      return Files.isDirectory(tmp)
          ? Files.createTempDirectory(tmp, "inferd-demo")
          : Files.createTempDirectory("inferd-demo");
    } catch (IOException failed) {
      throw new UncheckedIOException("could not create a folder for the demo's sockets", failed);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
