package dev.inference.cli;

import dev.inference.stub.Dialect;
import dev.inference.stub.InferdOptions;
import dev.inference.stub.StubServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stub}: the stub provider server, for tests written in other languages. */
@Command(
    name = "stub",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the stub provider server on loopback until stopped (Ctrl-C, SIGTERM, or the end of"
          + " stdin with --exit-on-eof).",
      "Prints one JSON line {\"dialect\",\"port\",\"base_url\",\"chat_endpoint\"} on stdout once it"
          + " listens. Script it with POST /_stub/replies, read what it received with GET"
          + " /_stub/requests, forget both with POST /_stub/reset.",
      "With --dialect inferd the line is {\"dialect\",\"base_url\",\"chat_endpoint\",\"socket\"|"
          + "\"port\",\"admin_socket\"?}: chat_endpoint is unix:PATH or tcp://127.0.0.1:N, base_url"
          + " has only the /_stub/ control endpoints. With --port and an admin socket the line comes"
          + " once the lifecycle reached ready."
    })
final class StubCommand implements Callable<Integer> {

  /** The pause between two lifecycle steps, so that a human watching the admin socket sees it. */
  static final long STEP_DELAY_MS = 300;

  private final Env env;

  @Option(
      names = "--dialect",
      required = true,
      paramLabel = "DIALECT",
      description = "openai, ollama, anthropic or inferd.")
  String dialect = "openai";

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "The port; 0 picks a free one. With inferd: serve loopback TCP on it instead of a Unix"
              + " socket.")
  @Nullable Integer port;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "A model to list (repeatable); default: " + StubServer.DEFAULT_MODEL + ".")
  List<String> models = new ArrayList<>();

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      description = "inferd: the Unix socket; default: infer.sock in a fresh temporary directory.")
  @Nullable Path socket;

  @Option(
      names = "--key-env",
      paramLabel = "VAR",
      description =
          "inferd with --port: the environment variable holding the key of the auth frame.")
  @Nullable String keyEnv;

  @Option(
      names = "--admin-socket",
      paramLabel = "PATH",
      description = "inferd: an admin socket playing the lifecycle; inference listens once ready.")
  @Nullable Path adminSocket;

  @Option(
      names = "--step-delay-ms",
      paramLabel = "MS",
      description = "inferd: the pause between lifecycle steps; default: " + STEP_DELAY_MS + ".")
  long stepDelayMs = STEP_DELAY_MS;

  @Option(names = "--exit-on-eof", description = "Stop when stdin ends.")
  boolean exitOnEof;

  StubCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Dialect chosen;
    StubServer.Builder builder;
    try {
      chosen = Dialect.fromName(dialect);
      builder = StubServer.builder(chosen);
      if (chosen == Dialect.INFERD) {
        builder.inferd(inferdOptions());
      } else {
        if (socket != null || keyEnv != null || adminSocket != null) {
          throw new IllegalArgumentException(
              "--socket, --key-env and --admin-socket are for --dialect inferd");
        }
        builder.port(port == null ? 0 : port);
      }
    } catch (IllegalArgumentException | IllegalStateException unusable) {
      env.err().println("inference stub: " + unusable.getMessage());
      return ExitCodes.USAGE;
    }
    if (!models.isEmpty()) {
      builder.models(models.toArray(String[]::new));
    }
    StubServer server;
    try {
      server = builder.start();
    } catch (RuntimeException failed) {
      env.err().println("inference stub: " + failed.getMessage());
      return ExitCodes.FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(server::close, "inference-stub-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String listening = chosen == Dialect.INFERD ? inferdLine(server) : httpLine(server);
    env.out().println(listening);
    env.out().flush();
    env.err()
        .println(
            "inference stub: "
                + chosen.cliName()
                + " dialect on "
                + (chosen == Dialect.INFERD ? server.chatEndpoint() : server.baseUrl()));
    try {
      if (exitOnEof) {
        while (env.in().read() >= 0) {
          // drain until the end of input
        }
      } else {
        stopped.await();
      }
    } catch (IOException | InterruptedException done) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
    }
    return ExitCodes.OK;
  }

  private InferdOptions inferdOptions() {
    InferdOptions.Builder options = InferdOptions.builder();
    if (port != null && socket != null) {
      throw new IllegalArgumentException("choose --socket or --port, not both");
    }
    if (port != null) {
      options.tcpPort(port);
    }
    if (socket != null) {
      options.socket(socket.toAbsolutePath());
    }
    if (keyEnv != null) {
      String name = keyEnv;
      Optional<String> key = env.env(name);
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "--key-env " + name + ": the environment variable is not set or is blank");
      }
      options.key(key.get());
    }
    if (adminSocket != null) {
      options.adminSocket(adminSocket.toAbsolutePath());
    }
    if (stepDelayMs < 0) {
      throw new IllegalArgumentException("--step-delay-ms must be >= 0, but was " + stepDelayMs);
    }
    return options.stepDelay(Duration.ofMillis(stepDelayMs)).build();
  }

  private static String httpLine(StubServer server) {
    return Json.object()
        .put("dialect", server.dialect().cliName())
        .put("port", server.port())
        .put("base_url", server.baseUrl().toString())
        .put("chat_endpoint", server.chatEndpoint().toString())
        .toJson();
  }

  private String inferdLine(StubServer server) {
    Json line =
        Json.object()
            .put("dialect", server.dialect().cliName())
            .put("base_url", server.baseUrl().toString());
    if (server.inferd().socket().isEmpty()) {
      // a free TCP port is known once bound, and the admin lifecycle binds it at ready
      server.inferd().awaitReady(Duration.ofDays(1));
    }
    line.put("chat_endpoint", server.chatEndpoint().toString());
    server.inferd().socket().ifPresent(path -> line.put("socket", path.toString()));
    server.inferd().port().ifPresent(bound -> line.put("port", bound));
    server.inferd().adminSocket().ifPresent(path -> line.put("admin_socket", path.toString()));
    return line.toJson();
  }
}
