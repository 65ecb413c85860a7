package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretTest {

  private static final String MARKER = "sk-test-MARKER-123";

  @Test
  void toStringShowsTheSourceNeverTheValue() {
    Secret secret = Secret.of(MARKER);

    assertThat(secret.toString()).isEqualTo("Secret[literal]").doesNotContain("MARKER");
    assertThat(secret.source()).isEqualTo("literal");
    assertThat(String.valueOf(secret)).doesNotContain(MARKER);
    assertThat(secret.reveal()).isEqualTo(MARKER);
  }

  @Test
  void blankSecretsAreRejectedWithoutEchoingThem() {
    assertThatThrownBy(() -> Secret.of("   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a secret must not be blank");
    assertThatThrownBy(() -> Secret.ofEnv(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be blank");
  }

  @Test
  void anUnsetEnvironmentVariableFailsWhenRevealedNamingTheVariable() {
    String name = "INFERENCE_TEST_UNSET_" + UUID.randomUUID().toString().replace('-', '_');
    assumeThat(System.getenv(name)).isNull();
    Secret secret = Secret.ofEnv(name);

    assertThat(secret.toString()).isEqualTo("Secret[env:" + name + "]");
    assertThatThrownBy(secret::reveal)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("secret env:" + name + " has no value: set it before connecting");
  }

  @Test
  void anEnvironmentSecretReadsTheVariableButNeverShowsIt() {
    String name = System.getenv().keySet().stream().sorted().findFirst().orElse(null);
    assumeThat(name).isNotNull();
    String value = System.getenv(name);
    assumeThat(value).isNotBlank();
    Secret secret = Secret.ofEnv(name);

    assertThat(secret.reveal()).isEqualTo(value);
    assertThat(secret.toString()).isEqualTo("Secret[env:" + name + "]");
  }

  @Test
  void anExceptionThatMentionsTheSecretOrTheSettingsNeverShowsTheValue() {
    Secret secret = Secret.of(MARKER);
    ProviderSettings settings =
        ProviderSettings.builder("openai_chat_completions").model("m").apiKey(secret).build();
    InferenceException failure =
        InferenceException.builder(
                ErrorKind.AUTHENTICATION, "the key " + secret + " was refused for " + settings)
            .httpStatus(401)
            .providerCode("invalid_api_key")
            .requestId("req-1")
            .providerName("openai")
            .build();

    assertThat(failure.toString())
        .contains("AUTHENTICATION", "401", "invalid_api_key", "Secret[literal]")
        .doesNotContain(MARKER);
    assertThat(failure.getMessage()).doesNotContain(MARKER);
    assertThat(failure.toBuilder().build().toString()).doesNotContain(MARKER);
  }
}
