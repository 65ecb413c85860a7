package dev.inference.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: usage, version, and the subcommands. */
@Command(
    name = "inference",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.VersionProvider.class,
    description =
        "Text generation through any provider: the bitloops-inference stdio runtime,"
            + " config checks, one-shot prompts, model operations and a self-contained demo.",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0   success",
      "  1   failure: any failure of run, validate-config and describe-profile (as"
          + " bitloops-inference); a result that is not ok for status, verify, ensure-model",
      "  2   usage: unknown command or option, bad value",
      "  3   config: not found, unreadable, invalid, unknown profile",
      "  4   the provider rejected the request (invalid, too long, filtered, unknown model)",
      "  5   the provider refused the credentials",
      "  6   rate limited or quota used up",
      "  7   the provider failed (server error, unusable answer, cut stream)",
      "  8   the provider could not be reached",
      "  9   timeout",
      "  10  cancelled"
    })
final class Cli implements Callable<Integer> {

  @Spec CommandSpec spec;

  private final Env env;

  Cli(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(env.out());
    env.out().flush();
    return ExitCodes.OK;
  }

  /**
   * The subcommands in the order of the usage, each made on demand: building a command's model is
   * picocli's reflection over its annotations, the larger part of the start-up of a short command.
   */
  private static final Map<String, Function<Env, Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Function<Env, Object>> subcommands() {
    Map<String, Function<Env, Object>> all = new LinkedHashMap<>();
    all.put("run", RunCommand::new);
    all.put("validate-config", ValidateConfigCommand::new);
    all.put("describe-profile", DescribeProfileCommand::new);
    all.put("infer", InferCommand::new);
    all.put("status", OperationsCommands.Status::new);
    all.put("verify", OperationsCommands.Verify::new);
    all.put("ensure-model", OperationsCommands.EnsureModel::new);
    all.put("stub", StubCommand::new);
    all.put("demo", DemoCommand::new);
    all.put("bus", BusCommand::commandLine);
    return all;
  }

  /** The whole command: usage, version and every subcommand. */
  static CommandLine commandLine(Env env) {
    return commandLine(env, new String[0]);
  }

  /**
   * The command for these arguments: when the first names a subcommand, only that one is built (the
   * rest could not run), which saves the model of the others; otherwise all of them, for the usage
   * and for picocli's own "unknown subcommand" message.
   */
  static CommandLine commandLine(Env env, String[] arguments) {
    CommandLine line = new CommandLine(new Cli(env));
    @Nullable Function<Env, Object> chosen =
        arguments.length == 0 ? null : SUBCOMMANDS.get(arguments[0]);
    if (chosen != null) {
      line.addSubcommand(arguments[0], chosen.apply(env));
    } else {
      SUBCOMMANDS.forEach((name, command) -> line.addSubcommand(name, command.apply(env)));
    }
    line.setOut(new PrintWriter(env.out(), true, StandardCharsets.UTF_8));
    line.setErr(new PrintWriter(env.err(), true, StandardCharsets.UTF_8));
    line.setParameterExceptionHandler(
        (failure, args) -> {
          CommandLine command = failure.getCommandLine();
          env.err().println("inference: " + failure.getMessage());
          env.err().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    line.setExecutionExceptionHandler((failure, command, parsed) -> failed(env, failure));
    return line;
  }

  /** A command that threw: its failure on stderr, and the exit code of a failure. */
  static int failed(Env env, Exception failure) {
    env.err().println("inference: " + failure);
    return ExitCodes.FAILURE;
  }

  /** The version of this build. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        Version.RUNTIME_NAME + " " + Version.version() + " (bitloops-inference protocol v1)"
      };
    }
  }
}
