package dev.inference.benchmarks.contenders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ProviderSettings;
import dev.inference.benchmarks.Fixtures;
import dev.inference.config.InferenceConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The code contender builds the client the TOML contender's profile describes, nothing less. */
class InferenceLibraryTest {

  @Test
  void theSettingsBuiltInCodeAreTheSettingsOfTheTomlProfile() {
    for (String[] driver :
        new String[][] {
          {"openai_chat_completions", "http://127.0.0.1:9/v1/chat/completions"},
          {"ollama_chat", "http://127.0.0.1:9/api/chat"},
          {"anthropic_messages", "http://127.0.0.1:9/v1/messages"},
          {"inferd", "unix:/tmp/inferd-bench/infer.sock"}
        }) {
      ProviderSettings inCode = InferenceLibrary.settings(driver[0], URI.create(driver[1]));
      ProviderSettings fromToml =
          InferenceConfig.parse(Fixtures.toml(driver[0], driver[1])).settings("bench");
      assertThat(inCode).usingRecursiveComparison().isEqualTo(fromToml);
      assertThat(inCode.toString()).isEqualTo(fromToml.toString());
    }
  }
}
