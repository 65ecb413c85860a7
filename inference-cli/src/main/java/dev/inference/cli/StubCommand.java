package dev.inference.cli;

import dev.inference.stub.Dialect;
import dev.inference.stub.StubServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
          + " /_stub/requests, forget both with POST /_stub/reset."
    })
final class StubCommand implements Callable<Integer> {

  private final Env env;

  @Option(
      names = "--dialect",
      required = true,
      paramLabel = "DIALECT",
      description = "openai, ollama or anthropic.")
  String dialect = "openai";

  @Option(names = "--port", paramLabel = "N", description = "The port; 0 picks a free one.")
  int port;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "A model to list (repeatable); default: " + StubServer.DEFAULT_MODEL + ".")
  List<String> models = new ArrayList<>();

  @Option(names = "--exit-on-eof", description = "Stop when stdin ends.")
  boolean exitOnEof;

  StubCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Dialect chosen;
    try {
      chosen = Dialect.fromName(dialect);
    } catch (IllegalArgumentException unknown) {
      env.err().println("inference stub: " + unknown.getMessage());
      return ExitCodes.USAGE;
    }
    StubServer.Builder builder = StubServer.builder(chosen).port(port);
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
    env.out()
        .println(
            Json.object()
                .put("dialect", chosen.cliName())
                .put("port", server.port())
                .put("base_url", server.baseUrl().toString())
                .put("chat_endpoint", server.chatEndpoint().toString())
                .toJson());
    env.out().flush();
    env.err().println("inference stub: " + chosen.cliName() + " dialect on " + server.baseUrl());
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
}
