package dev.inference.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import dev.inference.openai.OpenAiProviderFactory;
import dev.inference.spi.ProviderFactory;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Rules that need a driver set other than the test class path's. */
class ConfigReaderTest {

  /** Only the OpenAI driver is installed. */
  private static final ConfigReader.Drivers OPENAI_ONLY =
      new ConfigReader.Drivers() {
        @Override
        public SortedSet<String> ids() {
          return new TreeSet<>(java.util.List.of(OpenAiProviderFactory.ID));
        }

        @Override
        public ProviderFactory factory(String id) {
          return new OpenAiProviderFactory();
        }
      };

  private static String profile(String driver) {
    return "[inference.runtimes.rt]\nrequest_timeout_secs = 1\n"
        + "[inference.profiles.p]\n"
        + "task = \"text_generation\"\n"
        + "driver = \""
        + driver
        + "\"\n"
        + "runtime = \"rt\"\nmodel = \"m\"\nbase_url = \"http://127.0.0.1:11434/api/chat\"\n"
        + "temperature = 0\nmax_output_tokens = 1\nkeep_alive = \"5m\"\n";
  }

  @Test
  void oneOfOurDriversWithoutItsJarNamesTheArtifactToAdd() {
    assertThatThrownBy(
            () -> ConfigReader.read(profile("ollama_chat"), name -> Optional.empty(), OPENAI_ONLY))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            failure ->
                assertThat(((ConfigException) failure).problems())
                    .containsExactly(
                        new ConfigProblem(
                            "inference.profiles.p.driver",
                            5,
                            1,
                            "profile 'p' field 'driver' names driver 'ollama_chat', which is not installed: add"
                                + " the artifact dev.inference:inference-ollama to the class path (installed"
                                + " drivers: openai_chat_completions)")));
  }

  @Test
  void thePlatformDriverWithoutItsJarNamesInferencePlatform() {
    assertThatThrownBy(
            () ->
                ConfigReader.read(
                    profile("bitloops_platform_chat"), name -> Optional.empty(), OPENAI_ONLY))
        .hasMessageContaining("add the artifact dev.inference:inference-platform");
  }

  @Test
  void aForeignDriverListsTheInstalledOnes() {
    assertThatThrownBy(
            () -> ConfigReader.read(profile("mystery"), name -> Optional.empty(), OPENAI_ONLY))
        .hasMessage(
            "inference.profiles.p.driver (5:1): profile 'p' field 'driver' has unsupported value"
                + " 'mystery'; installed drivers: openai_chat_completions");
  }

  @Test
  void syntaxErrorsHideLongQuotedTokens() {
    assertThat(ConfigReader.redactTokens("Unexpected 'sk-abcdef', expected a value"))
        .isEqualTo("Unexpected text (9 characters), expected a value");
    assertThat(ConfigReader.redactTokens("Invalid escape sequence '\\q'"))
        .isEqualTo("Invalid escape sequence '\\q'");
  }

  @Test
  void urlsLoseTheirUserInfo() {
    assertThat(ConfigReader.redactUserInfo("ftp://user:pw@host/x?y=@z"))
        .isEqualTo("ftp://***@host/x?y=@z");
    assertThat(ConfigReader.redactUserInfo("https://host/a@b")).isEqualTo("https://host/a@b");
    assertThat(ConfigReader.redactUserInfo("no-scheme@host")).isEqualTo("no-scheme@host");
  }

  @Test
  void loopbackHosts() {
    assertThat(ConfigReader.isLoopback("localhost")).isTrue();
    assertThat(ConfigReader.isLoopback("api.localhost")).isTrue();
    assertThat(ConfigReader.isLoopback("127.0.0.2")).isTrue();
    assertThat(ConfigReader.isLoopback("[::1]")).isTrue();
    assertThat(ConfigReader.isLoopback("10.0.0.1")).isFalse();
    assertThat(ConfigReader.isLoopback("localhost.example.com")).isFalse();
    assertThat(ConfigReader.isLoopback(null)).isFalse();
  }
}
