package dev.inference.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a command may touch: its standard streams, the environment variables and the working
 * directory. Tests run commands in-process with their own.
 */
record Env(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Function<String, Optional<String>> environment,
    Path workingDirectory,
    boolean errIsTerminal) {

  static Env system() {
    return new Env(
        System.in,
        new PrintStream(System.out, false, StandardCharsets.UTF_8),
        new PrintStream(System.err, true, StandardCharsets.UTF_8),
        new SystemEnvironment(),
        Path.of("").toAbsolutePath(),
        terminal());
  }

  /**
   * Java 17 cannot ask about stderr alone: a console means stdin and stdout are a terminal, and
   * then stderr almost always is too. {@code INFERENCE_PROGRESS=bar|lines} overrides the guess.
   */
  private static boolean terminal() {
    String forced = System.getenv("INFERENCE_PROGRESS");
    if (forced != null && !forced.isBlank()) {
      return forced.strip().equalsIgnoreCase("bar");
    }
    return System.console() != null;
  }

  Optional<String> env(String name) {
    Optional<String> value = environment.apply(name);
    return value.isPresent() && !value.get().isBlank() ? value : Optional.empty();
  }

  /**
   * The process's environment variables. A class, not a lambda: {@code inference run} links no
   * lambda on the way to its first answer (bench/notes.md, start-up).
   */
  private static final class SystemEnvironment implements Function<String, Optional<String>> {
    @Override
    public Optional<String> apply(String name) {
      return Optional.ofNullable(System.getenv(name));
    }
  }
}
