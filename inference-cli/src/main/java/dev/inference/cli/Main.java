package dev.inference.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The {@code inference} command. */
public final class Main {

  private Main() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Env env = Env.system();
    // stdout is the protocol channel: anything else that prints goes to stderr
    System.setOut(
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    int code = execute(args, env);
    env.out().flush();
    env.err().flush();
    System.exit(code);
  }

  static int execute(String[] args, Env env) {
    Optional<RunCommand> run = RunCommand.parsedQuickly(env, args);
    if (run.isEmpty()) {
      return Cli.commandLine(env, args).execute(args);
    }
    try {
      return run.get().call();
    } catch (RuntimeException failure) {
      return Cli.failed(env, failure);
    }
  }
}
