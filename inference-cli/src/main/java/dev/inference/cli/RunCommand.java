package dev.inference.cli;

import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.config.ConfigWarning;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the bitloops-inference stdio protocol v1. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Serves one profile over the bitloops-inference stdio protocol v1: one JSON request per line"
          + " on stdin (describe, infer, shutdown), one JSON response per line on stdout.",
      "Start-up failures go to stderr with exit 1 and nothing on stdout; shutdown and the end of"
          + " input exit 0."
    })
final class RunCommand extends BaseCommand {

  /** The options {@link #parsedQuickly} knows: those of this command and of its base. */
  private static final Set<String> QUICK_OPTIONS =
      Set.of("--config", "--profile", "--max-line-bytes");

  @Option(
      names = "--max-line-bytes",
      paramLabel = "BYTES",
      description = "The longest request line accepted (default: ${DEFAULT-VALUE}).")
  int maxLineBytes = ProtocolLoop.DEFAULT_MAX_LINE_BYTES;

  RunCommand(Env env) {
    super(env);
  }

  /**
   * The command for {@code run} arguments of the common shapes, parsed without picocli: a host
   * starts the runtime with {@code run --config P --profile N} and waits for its first answer, and
   * picocli's model of a command (reflection over its annotations) is the larger part of that wait.
   * Anything else (help, version, an unknown or repeated option, a missing or bad value) gets
   * empty, and picocli parses it with its usual messages.
   *
   * @param env the process's streams and environment
   * @param args the whole command line
   * @return the parsed command, or empty when picocli must parse these arguments
   */
  static Optional<RunCommand> parsedQuickly(Env env, String[] args) {
    if (args.length == 0 || !args[0].equals("run")) {
      return Optional.empty();
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      String value;
      int equals = name.indexOf('=');
      if (equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return Optional.empty();
      }
      if (!QUICK_OPTIONS.contains(name)
          || value.isEmpty()
          || value.startsWith("-")
          || values.put(name, value) != null) {
        return Optional.empty();
      }
    }
    RunCommand run = new RunCommand(env);
    String bytes = values.get("--max-line-bytes");
    if (bytes != null) {
      try {
        run.maxLineBytes = Integer.parseInt(bytes);
      } catch (NumberFormatException notAnInt) {
        return Optional.empty();
      }
    }
    String file = values.get("--config");
    try {
      run.config = file == null ? null : Path.of(file);
    } catch (InvalidPathException notAPath) {
      return Optional.empty();
    }
    run.profile = values.get("--profile");
    return Optional.of(run);
  }

  @Override
  int execute() {
    // no lambda on the way to the first answer: linking one costs more than the rest of a line's
    // work (bench/notes.md, start-up of inference run; StartPathTest keeps it so)
    WarmUp.start();
    Loaded loaded = load(ExitCodes.FAILURE);
    for (ConfigWarning warning : loaded.config().warnings()) {
      env.err().println("warning: " + loaded.source().describe(warning));
    }
    try (InferenceClient client = connect(loaded, ExitCodes.FAILURE)) {
      return new ProtocolLoop(
              client,
              loaded.profile(),
              fallbackOf(loaded),
              env.in(),
              env.out(),
              env.err(),
              Math.max(1024, maxLineBytes),
              new Function<InferenceException, InferenceException>() {
                @Override
                public InferenceException apply(InferenceException failure) {
                  return explain(loaded, failure);
                }
              })
          .run();
    }
  }
}
