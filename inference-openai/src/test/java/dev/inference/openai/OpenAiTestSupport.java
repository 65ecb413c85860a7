package dev.inference.openai;

import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.spi.DriverContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Shared fixtures of the OpenAI driver tests. */
final class OpenAiTestSupport {

  /** A key no test output may ever show. */
  static final String MARKER_KEY = "sk-test-MARKER-7f3a9c";

  static final String PATH = "/v1/chat/completions";

  private OpenAiTestSupport() {}

  static ProviderSettings.Builder settings(int port) {
    return ProviderSettings.builder("openai_chat_completions")
        .model("gpt-4.1-mini")
        .baseUrl(URI.create("http://127.0.0.1:" + port + PATH))
        .apiKey(Secret.of(MARKER_KEY))
        .temperature(0.1)
        .maxOutputTokens(200)
        .requestTimeout(Duration.ofSeconds(10));
  }

  static InferenceClient client(int port) {
    return Inference.connect(settings(port).build());
  }

  static InferenceClient client(ProviderSettings settings, DriverContext context) {
    return Inference.connect(settings, context);
  }

  /** Joins lines with CRLF, as many servers frame SSE. */
  static byte[] crlf(String... lines) {
    return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** Joins lines with LF. */
  static byte[] lf(String... lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }
}
