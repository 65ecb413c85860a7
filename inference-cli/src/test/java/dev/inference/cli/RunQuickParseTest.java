package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code run}'s arguments parsed without picocli give exactly what picocli gives, and every command
 * line outside the common shapes is left to picocli.
 */
class RunQuickParseTest {

  private static Env env() {
    return new Env(
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        name -> Optional.empty(),
        Path.of("."),
        false);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "run --config a.toml",
        "run --profile main",
        "run --config a.toml --profile main",
        "run --profile main --config /etc/inference/a.toml",
        "run --config=a.toml --profile=main",
        "run --config a.toml --profile=main --max-line-bytes 4096",
        "run --max-line-bytes=10 --config a=b.toml",
      })
  void parsesAsPicocliDoes(String line) {
    String[] args = line.split(" ");
    RunCommand quick = RunCommand.parsedQuickly(env(), args).orElseThrow();
    RunCommand picocli = new RunCommand(env());
    new CommandLine(picocli).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
    assertThat(quick.config).isEqualTo(picocli.config);
    assertThat(quick.profile).isEqualTo(picocli.profile);
    assertThat(quick.maxLineBytes).isEqualTo(picocli.maxLineBytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "validate-config --config a.toml",
        "run --help",
        "run -h",
        "run --version",
        "run --config",
        "run --config a.toml --config b.toml",
        "run --conf a.toml",
        "run --profile -x",
        "run --profile=",
        "run --max-line-bytes lots",
        "run --max-line-bytes 99999999999",
        "run --config a.toml extra",
        "run -- --config",
      })
  void leavesEverythingElseToPicocli(String line) {
    assertThat(RunCommand.parsedQuickly(env(), line.split(" "))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "--config"})
  void picocliStillAnswersWhatTheQuickPathDeclines(String option) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Env env =
        new Env(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            name -> Optional.empty(),
            Path.of("."),
            false);
    int code = Main.execute(new String[] {"run", option}, env);
    if (option.equals("--help")) {
      assertThat(code).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: inference run");
    } else {
      assertThat(code).isEqualTo(ExitCodes.USAGE);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("Missing required parameter for option '--config'")
          .contains("Try 'inference run --help'.");
    }
  }
}
