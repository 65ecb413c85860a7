package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.inference.InferenceClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fallback = ["other", ...]} in a profile: the chain it makes, and every mistake as a
 * problem at its line and column.
 */
class FallbackConfigTest {

  @TempDir Path dir;

  private static String profile(String name, String extra) {
    return "[inference.profiles."
        + name
        + "]\n"
        + "task = \"text_generation\"\n"
        + "driver = \"fake_all_types\"\n"
        + "runtime = \"rt\"\n"
        + "model = \""
        + name
        + "-model\"\n"
        + "base_url = \"https://fake.test/v1\"\n"
        + "temperature = 0.2\n"
        + "max_output_tokens = 10\n"
        + extra
        + "\n";
  }

  private InferenceConfig load(String profiles) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("inference.toml"),
            "[inference.runtimes.rt]\nrequest_timeout_secs = 30\n\n" + profiles);
    return InferenceConfig.load(file, name -> Optional.empty());
  }

  private ConfigException problems(String profiles) {
    return catchThrowableOfType(ConfigException.class, () -> load(profiles));
  }

  @Test
  void a_chain_follows_each_fallback_in_order_each_profile_once() throws IOException {
    InferenceConfig config =
        load(
            profile("main", "fallback = [\"backup\", \"local\"]\n")
                + profile("backup", "fallback = [\"local\"]\n")
                + profile("local", "")
                + "[inference.profiles.embed]\ntask = \"embeddings\"\n");

    assertThat(config.fallbackChain("main")).containsExactly("main", "backup", "local");
    assertThat(config.fallbackChain("backup")).containsExactly("backup", "local");
    assertThat(config.fallbackChain("local")).containsExactly("local");
  }

  @Test
  void a_profile_with_a_fallback_connects_a_client_that_describes_its_primary() throws IOException {
    InferenceConfig config =
        load(profile("main", "fallback = [\"local\"]\n") + profile("local", ""));
    try (InferenceClient client = config.client("main")) {
      assertThat(client.describe().modelName()).isEqualTo("main-model");
      assertThat(client.toString()).startsWith("fallback(");
    }
    try (InferenceClient client = config.client("local")) {
      assertThat(client.toString()).doesNotStartWith("fallback(");
    }
  }

  @Test
  void every_mistake_is_a_problem_at_its_line_and_column() {
    ConfigException failure =
        problems(
            profile("a", "fallback = [\"b\", \"nope\", \"a\", \"b\", 3]\n") // line 12
                + profile("b", "fallback = [\"c\"]\n") // line 22
                + profile("c", "fallback = [\"b\"]\n") // line 32
                + profile("d", "fallback = \"a\"\n") // line 42
                + "[inference.profiles.embed]\ntask = \"embeddings\"\n"
                + profile("e", "fallback = [\"embed\"]\n")); // line 54

    assertThat(failure.problems())
        .extracting(
            ConfigProblem::path, ConfigProblem::line, ConfigProblem::column, ConfigProblem::message)
        .containsExactly(
            tuple(
                "inference.profiles.a.fallback",
                12,
                18,
                "profile 'a' field 'fallback' names unknown profile 'nope'; text_generation"
                    + " profiles: a, b, c, d, e"),
            tuple(
                "inference.profiles.a.fallback",
                12,
                26,
                "profile 'a' field 'fallback' names the profile itself"),
            tuple(
                "inference.profiles.a.fallback",
                12,
                31,
                "profile 'a' field 'fallback' names profile 'b' twice"),
            tuple(
                "inference.profiles.a.fallback",
                12,
                36,
                "profile 'a' field 'fallback' must hold profile names, but has 3"),
            tuple(
                "inference.profiles.b.fallback",
                22,
                1,
                "profile 'b' field 'fallback' makes a cycle: b -> c -> b; a fallback chain must"
                    + " end"),
            tuple(
                "inference.profiles.d.fallback",
                42,
                1,
                "profile 'd' field 'fallback' must be an array of profile names, but was 'a'"),
            tuple(
                "inference.profiles.e.fallback",
                54,
                13,
                "profile 'e' field 'fallback' names unknown profile 'embed'; text_generation"
                    + " profiles: a, b, c, d, e"));
  }

  @Test
  void a_fallback_is_accepted_by_every_driver_as_an_extension_key() throws IOException {
    InferenceConfig config = load(profile("only", "fallback = []\n"));
    assertThat(config.fallbackChain("only")).isEqualTo(List.of("only"));
  }
}
