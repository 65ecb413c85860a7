package dev.inference.cli;

import dev.inference.InferenceClient;
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

  @Option(
      names = "--max-line-bytes",
      paramLabel = "BYTES",
      description = "The longest request line accepted (default: ${DEFAULT-VALUE}).")
  int maxLineBytes = ProtocolLoop.DEFAULT_MAX_LINE_BYTES;

  RunCommand(Env env) {
    super(env);
  }

  @Override
  int execute() {
    Loaded loaded = load(ExitCodes.FAILURE);
    loaded
        .config()
        .warnings()
        .forEach(w -> env.err().println("warning: " + loaded.source().describe(w)));
    try (InferenceClient client = connect(loaded, ExitCodes.FAILURE)) {
      return new ProtocolLoop(
              client,
              loaded.profile(),
              env.in(),
              env.out(),
              env.err(),
              Math.max(1024, maxLineBytes),
              failure -> explain(loaded, failure))
          .run();
    }
  }
}
