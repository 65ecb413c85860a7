package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the real command, {@code java -cp <test class path> dev.inference.cli.Main}, as a child
 * process, the way a Bitloops host starts its runtime. Every result is checked for the marker key:
 * no command may ever print it.
 */
final class ChildProcess {

  /** The API key of every test config; it must never appear in any output. */
  static final String MARKER = "sk-MARKER-5ecret-0123456789abcdef";

  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private ChildProcess() {}

  record Result(int exitCode, String stdout, String stderr) {
    List<String> lines() {
      return stdout.lines().toList();
    }
  }

  static ProcessBuilder builder(Path directory, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().remove(ConfigSource.ENV_CONFIG);
    builder.environment().remove(ConfigSource.ENV_MODEL);
    builder.environment().put("MARKER_KEY", MARKER);
    builder.environment().putAll(environment);
    return builder;
  }

  /** Runs to the end with this stdin. */
  static Result run(Path directory, Map<String, String> environment, byte[] stdin, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(directory, "stdout", ".txt");
    Path err = Files.createTempFile(directory, "stderr", ".txt");
    Process process =
        builder(directory, environment, args)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException closedEarly) {
      // the command may stop reading (shutdown) before all input was written
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the command did not finish: " + List.of(args));
    }
    Result result =
        new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    assertThat(result.stdout()).as("stdout never shows the key").doesNotContain(MARKER);
    assertThat(result.stderr()).as("stderr never shows the key").doesNotContain(MARKER);
    return result;
  }

  static Result run(Path directory, Map<String, String> environment, String stdin, String... args)
      throws IOException, InterruptedException {
    return run(directory, environment, stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  static Result run(Path directory, String... args) throws IOException, InterruptedException {
    return run(directory, Map.of(), new byte[0], args);
  }

  /** A running command whose stdout is read line by line. */
  static final class Session implements AutoCloseable {
    final Process process;
    final BufferedReader out;

    Session(Path directory, Map<String, String> environment, String... args) throws IOException {
      this.process =
          builder(directory, environment, args)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    String readLine() throws IOException {
      String line = out.readLine();
      assertThat(line).isNotNull().doesNotContain(MARKER);
      return line;
    }

    @Override
    public void close() {
      process.destroy();
    }
  }
}
