package dev.inference.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
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

  static CommandLine commandLine(Env env) {
    CommandLine line = new CommandLine(new Cli(env));
    line.addSubcommand(new RunCommand(env));
    line.addSubcommand(new ValidateConfigCommand(env));
    line.addSubcommand(new DescribeProfileCommand(env));
    line.addSubcommand(new InferCommand(env));
    line.addSubcommand(new OperationsCommands.Status(env));
    line.addSubcommand(new OperationsCommands.Verify(env));
    line.addSubcommand(new OperationsCommands.EnsureModel(env));
    line.addSubcommand(new StubCommand(env));
    line.addSubcommand(new DemoCommand(env));
    line.addSubcommand("bus", BusCommand.commandLine(env));
    line.setOut(new PrintWriter(env.out(), true, StandardCharsets.UTF_8));
    line.setErr(new PrintWriter(env.err(), true, StandardCharsets.UTF_8));
    line.setParameterExceptionHandler(
        (failure, args) -> {
          CommandLine command = failure.getCommandLine();
          env.err().println("inference: " + failure.getMessage());
          env.err().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    line.setExecutionExceptionHandler(
        (failure, command, parsed) -> {
          env.err().println("inference: " + failure);
          return ExitCodes.FAILURE;
        });
    return line;
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
