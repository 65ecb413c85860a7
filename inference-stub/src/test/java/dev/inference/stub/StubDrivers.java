package dev.inference.stub;

import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import java.time.Duration;

/** The real driver that reads each dialect, and a client of it aimed at a stub. */
final class StubDrivers {

  private StubDrivers() {}

  /** The driver id of a dialect. */
  static String driver(Dialect dialect) {
    return switch (dialect) {
      case OPENAI -> "openai_chat_completions";
      case OLLAMA -> "ollama_chat";
      case ANTHROPIC -> "anthropic_messages";
      case INFERD -> "inferd";
    };
  }

  /**
   * A client of the stub's dialect, without retries: each reply is checked as the caller sees it.
   */
  static InferenceClient client(StubServer stub) {
    return Inference.connect(
        ProviderSettings.builder(driver(stub.dialect()))
            .model("m1")
            .baseUrl(stub.chatEndpoint())
            .requestTimeout(Duration.ofSeconds(20))
            .maxRetries(0)
            .build());
  }
}
