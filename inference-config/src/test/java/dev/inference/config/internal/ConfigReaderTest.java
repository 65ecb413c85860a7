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

        @Override
        public String missing(String id) {
          return "REGISTRY SAYS no driver '" + id + "'";
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
  void aDriverThatIsNotInstalledIsExplainedInTheRegistrysWords() {
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
                            "profile 'p' field 'driver' has unsupported value 'ollama_chat':"
                                + " REGISTRY SAYS no driver 'ollama_chat'")));
  }

  @Test
  void syntaxErrorsHideLongQuotedTokens() {
    assertThat(TomlDocument.redactTokens("Unexpected 'sk-abcdef', expected a value"))
        .isEqualTo("Unexpected text (9 characters), expected a value");
    assertThat(TomlDocument.redactTokens("Invalid escape sequence '\\q'"))
        .isEqualTo("Invalid escape sequence '\\q'");
  }

  @Test
  void urlsLoseTheirUserInfo() {
    assertThat(Shown.redactUserInfo("ftp://user:pw@host/x?y=@z"))
        .isEqualTo("ftp://****@host/x?y=@z");
    assertThat(Shown.redactUserInfo("https://host/a@b")).isEqualTo("https://host/a@b");
    assertThat(Shown.redactUserInfo("no-scheme@host")).isEqualTo("****@host");
  }
}
