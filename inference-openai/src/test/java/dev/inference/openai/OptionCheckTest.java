package dev.inference.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An option set in code is checked as the same key in a TOML profile is. */
class OptionCheckTest {

  static ProviderSettings.Builder settings() {
    return ProviderSettings.builder(OpenAiProviderFactory.ID)
        .model("m")
        .baseUrl(URI.create("http://127.0.0.1:1/v1/chat/completions"));
  }

  @Test
  void aTypoListsTheSupportedKeys() {
    ProviderSettings typo = settings().option("max_token_field", JsonValue.of("x")).build();

    assertThatThrownBy(() -> Inference.connect(typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "driver 'openai_chat_completions' has no option 'max_token_field'; its options are ")
        .hasMessageContaining("max_tokens_field")
        .hasMessageContaining("organization");
  }

  @Test
  void aWronglyTypedValueIsRefusedWithTheMessageTheConfigGives() {
    ProviderSettings number = settings().option("organization", JsonValue.of(42)).build();

    assertThatThrownBy(() -> Inference.connect(number))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option 'organization' must be a string, but was 42");
  }

  @Test
  void aBadHeadersTableIsRefusedWithoutShowingItsValues() {
    ProviderSettings headers =
        settings()
            .option(
                "headers",
                JsonValue.object(
                    Map.of(
                        "Authorization", JsonValue.of("Bearer MARKER"), "X-Num", JsonValue.of(7))))
            .build();

    assertThatThrownBy(() -> Inference.connect(headers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option 'headers' must be a table of strings, but was a table");
  }

  @Test
  void aDeclaredOptionConnects() {
    ProviderSettings good = settings().option("organization", JsonValue.of("org-1")).build();

    try (InferenceClient client = Inference.connect(good)) {
      assertThat(client.describe().kind()).isEqualTo(OpenAiProviderFactory.ID);
    }
  }
}
