package dev.inference.cli;

import dev.inference.JsonValue;
import dev.inference.bus.BusHandler;
import dev.inference.config.ConfigException;
import dev.inference.config.InferenceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bus}: the BusDK inference contract ({@code bus.inference.install|model.ensure|status|
 * verify}), served by the profiles of the config: {@code events}, {@code self-test}, {@code
 * handle}.
 */
@Command(
    name = "bus",
    mixinStandardHelpOptions = true,
    description =
        "The BusDK inference events (install, model.ensure, status, verify) answered by the"
            + " config's profiles: [inference.bus.nodes.<node_id>] profile = \"<name>\" says which"
            + " profile serves a node, else the profile named like the node.")
final class BusCommand implements Callable<Integer> {

  private final Env env;

  BusCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(env.out());
    return ExitCodes.USAGE;
  }

  static CommandLine commandLine(Env env) {
    CommandLine bus = new CommandLine(new BusCommand(env));
    bus.addSubcommand(new Events(env));
    bus.addSubcommand(new SelfTest(env));
    bus.addSubcommand(new Handle(env));
    return bus;
  }

  /** What the bus subcommands share: the config, its nodes, a handler over them. */
  abstract static class WithHandler extends BaseCommand {

    WithHandler(Env env) {
      super(env);
    }

    @Override
    final int execute() {
      ConfigSource source = ConfigSource.discover(config, env);
      InferenceConfig loaded;
      try {
        loaded = source.load(env);
      } catch (ConfigException failure) {
        source.describe(failure).forEach(env.err()::println);
        return ExitCodes.CONFIG;
      }
      try (BusNodes nodes = new BusNodes(loaded)) {
        BusHandler handler = new BusHandler(nodes, BusNodes.deploymentSecrets(), nodes.providers());
        int code = run(handler);
        env.out().flush();
        return code;
      } catch (ConfigException failure) {
        source.describe(failure).forEach(env.err()::println);
        return ExitCodes.CONFIG;
      }
    }

    abstract int run(BusHandler handler);
  }

  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      description =
          "Prints the event names, one per line; with --format json, the providers this config"
              + " serves, the events and their capability metadata.")
  static final class Events extends WithHandler {
    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    Events(Env env) {
      super(env);
    }

    @Override
    int run(BusHandler handler) {
      if (format.equals("json")) {
        env.out().println(handler.describe().toJson());
      } else if (format.equals("text")) {
        BusHandler.events().forEach(env.out()::println);
      } else {
        env.err().println("inference bus events: --format is text or json, but was " + format);
        return ExitCodes.USAGE;
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "self-test",
      mixinStandardHelpOptions = true,
      description =
          "Checks the contract's validation against built-in cases; prints 'OK inference bus"
              + " self-test' and exits 0, else what failed and exits 1.")
  static final class SelfTest extends WithHandler {
    SelfTest(Env env) {
      super(env);
    }

    @Override
    int run(BusHandler handler) {
      List<String> failures = handler.selfTest();
      if (failures.isEmpty()) {
        env.out().println("OK inference bus self-test");
        return ExitCodes.OK;
      }
      failures.forEach(failure -> env.out().println("FAILED " + failure));
      return ExitCodes.FAILURE;
    }
  }

  @Command(
      name = "handle",
      mixinStandardHelpOptions = true,
      description =
          "Reads Bus event envelopes, one JSON object per line, from FILE or stdin, and writes one"
              + " response envelope per line to stdout, in order (the same correlation_id); then"
              + " exits 0. A malformed line gets a bad_request response.")
  static final class Handle extends WithHandler {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The envelopes; default stdin.")
    @Nullable Path file;

    Handle(Env env) {
      super(env);
    }

    @Override
    int run(BusHandler handler) {
      try (InputStream in = file == null ? env.in() : Files.newInputStream(file);
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          env.out().println(handler.handle(envelope(line)).toJson());
          env.out().flush();
        }
        return ExitCodes.OK;
      } catch (IOException unreadable) {
        env.err()
            .println(
                "inference bus handle: cannot read "
                    + (file == null ? "stdin" : file)
                    + ": "
                    + unreadable.getMessage());
        return ExitCodes.USAGE;
      }
    }

    /**
     * A line as JSON; a line that is not JSON is handed over as text, which the handler refuses.
     */
    private static JsonValue envelope(String line) {
      try {
        return JsonValue.parse(line);
      } catch (IllegalArgumentException notJson) {
        return JsonValue.of(line);
      }
    }
  }
}
