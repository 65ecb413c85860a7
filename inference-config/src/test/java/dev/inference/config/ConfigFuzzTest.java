package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the config path, bytes on disk to clients: any file ends in a {@link
 * ConfigException} or a config whose every profile gives settings, a description and a client (or
 * an {@link InferenceException} when the client cannot be made); every variable of the environment
 * holds the secret, which no problem, warning or client error may show, nor a key's text. Variables
 * named {@code UNSET...} are not set; {@code N...} hold a number, so that interpolated numbers
 * parse.
 */
class ConfigFuzzTest {

  private static final String SECRET = "cfg-fuzz-SECRET-5e0a";

  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("config-fuzz", ".toml");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> environment(String name) {
    if (name.startsWith("UNSET")) {
      return Optional.empty();
    }
    return Optional.of(name.startsWith("N") ? "0.5" : SECRET);
  }

  @FuzzTest(maxDuration = "60s")
  void load(byte[] toml) throws IOException {
    Files.write(FILE, toml);
    InferenceConfig config;
    try {
      config = InferenceConfig.load(FILE, ConfigFuzzTest::environment);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).doesNotContain(SECRET);
      assertThat(e.problems()).isNotEmpty();
      e.problems().forEach(problem -> assertThat(problem.toString()).doesNotContain(SECRET));
      return;
    }
    config.warnings().forEach(warning -> assertThat(warning.toString()).doesNotContain(SECRET));
    assertThat(config.toString()).doesNotContain(SECRET);
    assertThat(config.profileNames()).isNotEmpty();
    for (String profile : config.profileNames()) {
      config
          .settings(profile)
          .apiKey()
          .ifPresent(key -> assertThat(key.toString()).doesNotContain(SECRET));
      assertThat(config.runtimeOf(profile)).isNotNull();
      try (InferenceClient client = config.client(profile)) {
        assertThat(client.describe()).isNotNull();
      } catch (InferenceException e) {
        assertThat(e.getMessage()).doesNotContain(SECRET);
      }
    }
  }
}
