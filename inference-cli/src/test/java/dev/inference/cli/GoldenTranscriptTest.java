package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every golden case through {@code inference run} (a child process, as a host starts it)
 * against the same loopback responses the original bitloops-inference 0.1.3 was recorded with, and
 * compares what a host sees: the exit code, how many HTTP requests reached the provider, and stdout
 * line by line. Ignored: {@code runtime_name} and {@code runtime_version}, and this library's
 * documented additive fields ({@code inference-cli/README.md}) where the original had none.
 *
 * <p>Recording: {@code -Dgolden.oracle=/path/to/bitloops-inference} runs the original instead and
 * rewrites the {@code .golden} files (see {@code golden/README.md}).
 */
class GoldenTranscriptTest {

  static final Path DIRECTORY = Path.of("src/test/resources/golden");

  /**
   * Keys this library adds to an answer, allowed where the original has none: {@code reasoning},
   * and {@code finish_reason} (Ollama's {@code done:true} without {@code done_reason} reads as
   * {@code stop} here; the original leaves the field out).
   */
  static final Set<String> ADDITIVE = Set.of("reasoning", "finish_reason");

  /**
   * Keys this library adds to an error's {@code details} ({@code status} only where the original
   * left details out for an empty body).
   */
  static final Set<String> ADDITIVE_DETAILS =
      Set.of(
          "kind",
          "retryable",
          "retry_after_ms",
          "provider_code",
          "partial_text",
          "description",
          "status");

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> everyCaseAnswersAsTheOriginal() throws IOException {
    String oracle = System.getProperty("golden.oracle", "");
    List<GoldenCase> cases = GoldenCase.all(DIRECTORY);
    assertThat(cases).as("golden cases").hasSizeGreaterThanOrEqualTo(30);
    // two cases at a time: most of a case is a JVM starting, which one core does alone
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "golden-case");
              thread.setDaemon(true);
              return thread;
            });
    Map<String, Future<GoldenCase.Outcome>> runs = new LinkedHashMap<>();
    for (GoldenCase golden : cases) {
      runs.put(golden.name(), pool.submit(() -> run(golden, oracle)));
    }
    return cases.stream()
        .map(
            golden ->
                DynamicTest.dynamicTest(
                    golden.name(),
                    () -> {
                      GoldenCase.Outcome outcome = runs.get(golden.name()).get();
                      if (oracle.isEmpty()) {
                        compare(golden, outcome);
                      } else {
                        Files.writeString(golden.golden(), outcome.render());
                      }
                    }))
        .onClose(pool::shutdownNow);
  }

  private static void compare(GoldenCase golden, GoldenCase.Outcome actual) throws IOException {
    GoldenCase.Outcome expected = GoldenCase.Outcome.parse(Files.readString(golden.golden()));
    assertThat(actual.exitCode()).as("exit code").isEqualTo(expected.exitCode());
    assertThat(actual.requests()).as("HTTP requests").isEqualTo(expected.requests());
    assertThat(actual.stdout()).as("stdout lines").hasSameSizeAs(expected.stdout());
    for (int i = 0; i < expected.stdout().size(); i++) {
      String want = expected.stdout().get(i);
      String got = actual.stdout().get(i);
      assertThat(JsonValue.parse(got).toJson()).as("line %d is compact JSON", i + 1).isEqualTo(got);
      assertThat(comparable(got, want)).as("line %d", i + 1).isEqualTo(comparable(want, want));
    }
  }

  /** Runs the case through ours ({@code oracle} empty) or the original's binary. */
  private GoldenCase.Outcome run(GoldenCase golden, String oracle) throws Exception {
    Path caseDir = Files.createDirectories(dir.resolve(golden.name()));
    Path config = caseDir.resolve("config.toml");
    Files.writeString(config, golden.config());
    try (ScriptedHttpServer server = new ScriptedHttpServer(golden.responses())) {
      Map<String, String> environment =
          Map.of("BASE_URL", server.baseUrl(), "MARKER_KEY", ChildProcess.MARKER);
      String[] args = {"run", "--config", config.toString(), "--profile", "main"};
      ProcessBuilder builder;
      if (oracle.isEmpty()) {
        builder = ChildProcess.builder(caseDir, environment, args);
      } else {
        List<String> command = new ArrayList<>(List.of(oracle));
        command.addAll(List.of(args));
        builder = new ProcessBuilder(command).directory(caseDir.toFile());
        builder.environment().putAll(environment);
      }
      Path out = caseDir.resolve("stdout.txt");
      Process process =
          builder
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(golden.stdin().getBytes(StandardCharsets.UTF_8));
      } catch (IOException closedEarly) {
        // shutdown: the command stops reading
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(golden.name() + ": the command did not finish");
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(stdout).as("stdout never shows the key").doesNotContain(ChildProcess.MARKER);
      // the server's port changes from run to run: lines say ${BASE_URL} instead
      List<String> lines =
          stdout.lines().map(line -> line.replace(server.baseUrl(), "${BASE_URL}")).toList();
      return new GoldenCase.Outcome(process.exitValue(), server.requests(), lines);
    }
  }

  /**
   * The line as compared: without the runtime's name and version, and without the additive keys
   * that the recorded line lacks.
   */
  static String comparable(String line, String recorded) {
    Map<String, JsonValue> top = members(JsonValue.parse(line));
    Map<String, JsonValue> original = members(JsonValue.parse(recorded));
    top.remove("runtime_name");
    top.remove("runtime_version");
    top.keySet().removeIf(key -> ADDITIVE.contains(key) && !original.containsKey(key));
    if (top.get("details") instanceof JsonValue.ObjectValue details) {
      Map<String, JsonValue> kept = new LinkedHashMap<>(details.members());
      Map<String, JsonValue> recordedDetails =
          original.get("details") instanceof JsonValue.ObjectValue object
              ? object.members()
              : Map.of();
      kept.keySet()
          .removeIf(key -> ADDITIVE_DETAILS.contains(key) && !recordedDetails.containsKey(key));
      if (kept.isEmpty() && !original.containsKey("details")) {
        top.remove("details");
      } else {
        top.put("details", JsonValue.object(kept));
      }
    }
    return JsonValue.object(top).toJson();
  }

  private static Map<String, JsonValue> members(JsonValue json) {
    return json instanceof JsonValue.ObjectValue object
        ? new LinkedHashMap<>(object.members())
        : new LinkedHashMap<>();
  }
}
