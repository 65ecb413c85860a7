package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ProviderSettings;
import dev.inference.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of config documents under {@code src/test/resources/configs}: each {@code NAME.toml}
 * ends with a {@code # ==== case} block (or has a {@code NAME.case} file beside it, for the seed
 * examples, which stay byte for byte as published) holding its environment ({@code # env
 * NAME=value}) and its exact outcome ({@code # expect ...}): every profile with its settings, every
 * ignored profile, runtime and warning, or every problem with its path and line:column.
 *
 * <p>Run with {@code -Dconfigs.record=true} to rewrite the expectations from the actual outcome;
 * review the diff before committing it.
 */
class ConfigCasesTest {

  static final Path DIR = Path.of("src/test/resources/configs");
  static final String MARKER = "MARKER";
  private static final String BLOCK = "# ==== case";

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".toml"))
          .map(name -> name.substring(0, name.length() - ".toml".length()))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @Test
  void theTableHasEnoughCasesOfBothKinds() throws IOException {
    List<String> all = cases().collect(Collectors.toList());
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    assertThat(all.stream().filter(name -> name.startsWith("valid_"))).hasSizeGreaterThan(20);
    assertThat(all.stream().filter(name -> name.startsWith("invalid_"))).hasSizeGreaterThan(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void loadsExactlyAsExpected(String name) throws IOException {
    Path toml = DIR.resolve(name + ".toml");
    Path sidecar = DIR.resolve(name + ".case");
    List<String> spec =
        Files.exists(sidecar)
            ? Files.readAllLines(sidecar, StandardCharsets.UTF_8)
            : caseBlock(Files.readAllLines(toml, StandardCharsets.UTF_8));
    Map<String, String> env = new LinkedHashMap<>();
    List<String> expected = new ArrayList<>();
    for (String line : spec) {
      if (line.startsWith("# env ")) {
        String pair = line.substring("# env ".length());
        int eq = pair.lastIndexOf('=');
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      } else if (line.startsWith("# expect ")) {
        expected.add(line.substring("# expect ".length()));
      }
    }

    List<String> actual = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    try {
      InferenceConfig config = InferenceConfig.load(toml, key -> Optional.ofNullable(env.get(key)));
      assertThat(name).as("a valid config").startsWith("valid_");
      for (String profile : config.profileNames()) {
        ProviderSettings settings = config.settings(profile);
        actual.add("profile " + summary(settings, config.runtimeOf(profile).name()));
        shown.add(settings.toString());
      }
      config.ignoredProfiles().forEach(ignored -> actual.add("ignored " + ignored));
      config.runtimes().values().forEach(runtime -> actual.add("runtime " + summary(runtime)));
      config.warnings().forEach(warning -> actual.add("warning " + warning));
      config.warnings().forEach(warning -> shown.add(warning.toString()));
      shown.add(config.toString());
      config.runtimes().values().forEach(runtime -> shown.add(runtime.toString()));
    } catch (ConfigException failure) {
      assertThat(name).as("an invalid config: " + failure.getMessage()).startsWith("invalid_");
      failure.problems().forEach(problem -> actual.add("problem " + problem));
      assertThat(failure.getMessage())
          .isEqualTo(
              failure.problems().stream()
                  .map(ConfigProblem::toString)
                  .collect(Collectors.joining("\n")));
      shown.add(failure.getMessage());
      shown.add(failure.toString());
    }

    if (Boolean.getBoolean("configs.record")) {
      record(toml, sidecar, env, actual);
      return;
    }
    assertThat(actual).containsExactlyElementsOf(expected);
    // secrets in these cases all contain MARKER; no message, warning or toString may show one
    assertThat(shown).noneMatch(text -> text.contains(MARKER));
  }

  private static List<String> caseBlock(List<String> lines) {
    int start = lines.indexOf(BLOCK);
    assertThat(start).as("the file ends with a '" + BLOCK + "' block").isNotNegative();
    return lines.subList(start + 1, lines.size());
  }

  static String summary(ProviderSettings settings, String runtime) {
    return settings.profileName().orElseThrow()
        + ": driver="
        + settings.driver()
        + " model="
        + settings.model()
        + " base_url="
        + settings.baseUrl().map(Object::toString).orElse("none")
        + " api_key="
        + settings.apiKey().map(Secret::reveal).orElse("none")
        + " temperature="
        + settings.temperature().getAsDouble()
        + " max_output_tokens="
        + settings.maxOutputTokens().getAsLong()
        + " runtime="
        + runtime
        + " request_timeout="
        + settings.timeouts().request()
        + " connect_timeout="
        + settings.timeouts().connect()
        + (settings.options().isEmpty()
            ? ""
            : " options="
                + settings.options().entrySet().stream()
                    .map(option -> option.getKey() + ":" + option.getValue().toJson())
                    .collect(Collectors.joining(",", "{", "}")));
  }

  static String summary(RuntimeConfig runtime) {
    StringBuilder out = new StringBuilder(runtime.name()).append(':');
    runtime.requestTimeout().ifPresent(d -> out.append(" request_timeout=").append(d));
    out.append(" connect_timeout=").append(runtime.connectTimeout());
    runtime.firstTokenTimeout().ifPresent(d -> out.append(" first_token_timeout=").append(d));
    runtime.idleTimeout().ifPresent(d -> out.append(" idle_timeout=").append(d));
    out.append(" max_retries=").append(runtime.maxRetries());
    out.append(" backoff=")
        .append(runtime.retryInitialBackoff())
        .append("..")
        .append(runtime.retryMaxBackoff());
    runtime.maxConcurrentRequests().ifPresent(n -> out.append(" max_concurrent=").append(n));
    runtime.requestsPerSecond().ifPresent(n -> out.append(" requests_per_second=").append(n));
    runtime
        .circuitBreakerFailureRate()
        .ifPresent(n -> out.append(" circuit_breaker_failure_rate=").append(n));
    runtime
        .circuitBreakerMinCalls()
        .ifPresent(n -> out.append(" circuit_breaker_min_calls=").append(n));
    runtime.circuitBreakerWait().ifPresent(d -> out.append(" circuit_breaker_wait=").append(d));
    runtime.command().ifPresent(c -> out.append(" command=").append(c));
    if (!runtime.args().isEmpty()) {
      out.append(" args=").append(runtime.args());
    }
    runtime.startupTimeout().ifPresent(d -> out.append(" startup_timeout=").append(d));
    return out.toString();
  }

  private static void record(Path toml, Path sidecar, Map<String, String> env, List<String> actual)
      throws IOException {
    List<String> block = new ArrayList<>();
    env.forEach((key, value) -> block.add("# env " + key + "=" + value));
    actual.forEach(line -> block.add("# expect " + line));
    if (Files.exists(sidecar)) {
      List<String> kept =
          Files.readAllLines(sidecar, StandardCharsets.UTF_8).stream()
              .filter(line -> !line.startsWith("# env ") && !line.startsWith("# expect "))
              .collect(Collectors.toList());
      kept.addAll(block);
      Files.write(sidecar, kept, StandardCharsets.UTF_8);
      return;
    }
    List<String> lines = Files.readAllLines(toml, StandardCharsets.UTF_8);
    List<String> body = new ArrayList<>(lines.subList(0, lines.indexOf(BLOCK) + 1));
    body.addAll(block);
    Files.write(toml, body, StandardCharsets.UTF_8);
  }
}
