package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A marker secret, put wherever a key can hide, never reaches a message, warning or toString. */
class SecretRedactionTest {

  private static final String MARKER = "sk-live-MARKER-3b9e";
  private static final Map<String, String> ENV =
      Map.of("KEY", MARKER, "TEMP", MARKER, "TOKENS", MARKER, "HEADER", "Bearer " + MARKER);

  private static Optional<String> env(String name) {
    return Optional.ofNullable(ENV.get(name));
  }

  @Test
  void badValuesThatHoldSecretsAreNeverShown() {
    String toml =
        "[inference.runtimes.rt]\n"
            + "request_timeout_secs = 5\n"
            + "[inference.profiles.env_in_numbers]\n"
            + "task = \"text_generation\"\n"
            + "driver = \"openai_chat_completions\"\n"
            + "runtime = \"rt\"\n"
            + "model = \"m\"\n"
            + "base_url = \"ftp://user:"
            + MARKER
            + "@example.test/v1\"\n"
            + "api_key = 42\n"
            + "temperature = \"${TEMP}\"\n"
            + "max_output_tokens = \"${TOKENS}\"\n"
            + "headers = { Authorization = \"${HEADER}\", X-Bad = 1 }\n"
            + "[inference.profiles.literal_blank_key]\n"
            + "task = \"text_generation\"\n"
            + "driver = \"${KEY}\"\n"
            + "runtime = \"${KEY}\"\n"
            + "model = \"m\"\n"
            + "api_key = \"  \"\n"
            + "temperature = 0\n"
            + "max_output_tokens = 1\n"
            + "[inference.profiles.unquoted]\n"
            + "task = \"${KEY}\"\n";
    ConfigException failure =
        catchThrowableOfType(
            ConfigException.class, () -> InferenceConfig.parse(toml, SecretRedactionTest::env));
    List<String> shown = new ArrayList<>();
    shown.add(failure.getMessage());
    shown.add(failure.toString());
    failure.problems().forEach(problem -> shown.add(problem.toString()));
    failure.problems().forEach(problem -> shown.add(problem.message()));
    assertThat(failure.problems()).hasSizeGreaterThanOrEqualTo(7);
    assertThat(shown).noneMatch(text -> text.contains("MARKER"));
  }

  @Test
  void aValidConfigWithKeysShowsNoneOfThem() {
    String toml =
        "[inference.runtimes.rt]\n"
            + "request_timeout_secs = 5\n"
            + "[inference.profiles.literal]\n"
            + "task = \"text_generation\"\n"
            + "driver = \"openai_chat_completions\"\n"
            + "runtime = \"rt\"\n"
            + "model = \"m\"\n"
            + "base_url = \"http://gpu.example.test/v1/chat/completions\"\n"
            + "api_key = \""
            + MARKER
            + "\"\n"
            + "temperature = 0\n"
            + "max_output_tokens = 1\n"
            + "headers = { Authorization = \"${HEADER}\" }\n"
            + "[inference.profiles.from_env]\n"
            + "task = \"text_generation\"\n"
            + "driver = \"bitloops_platform_chat\"\n"
            + "runtime = \"rt\"\n"
            + "model = \"m\"\n"
            + "api_key = \"${A}-${KEY}\"\n"
            + "temperature = 0\n"
            + "max_output_tokens = 1\n";
    InferenceConfig config = InferenceConfig.parse(toml, SecretRedactionTest::env);
    assertThat(config.settings("literal").apiKey().orElseThrow().reveal()).isEqualTo(MARKER);
    List<String> shown = new ArrayList<>();
    shown.add(config.toString());
    config.warnings().forEach(warning -> shown.add(warning.toString()));
    for (String profile : config.profileNames()) {
      shown.add(config.settings(profile).toString());
      shown.add(config.describe(profile).toString());
      shown.add(config.runtimeOf(profile).toString());
    }
    assertThat(config.warnings()).hasSize(3);
    assertThat(shown).noneMatch(text -> text.contains("MARKER"));
  }
}
