package dev.inference.ollama;

import dev.inference.Description;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.Tool;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Shared fixtures of the Ollama driver tests. */
final class OllamaTestSupport {

  /** A key no test output may ever show. */
  static final String MARKER_KEY = "ollama-test-MARKER-5be21d";

  static final String PATH = "/api/chat";

  /** The arguments of the weather tool the tool tests declare. */
  record Weather(@Description("a city name") String city, String unit) {}

  /** A tool whose schema comes from a record, so it is strict: Ollama has no strict to send. */
  static final Tool WEATHER = Tool.of("get_weather", "Current weather in a city", Weather.class);

  /** {@link #WEATHER} exactly as it goes in {@code tools}. */
  static final String WEATHER_JSON =
      "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
          + "\"description\":\"Current weather in a city\",\"parameters\":{\"type\":\"object\","
          + "\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"a city name\"},"
          + "\"unit\":{\"type\":\"string\"}},\"required\":[\"city\",\"unit\"],"
          + "\"additionalProperties\":false}}}";

  /** The options every request of {@link #client} carries, then {@code stream}. */
  static final String OPTIONS = "\"options\":{\"temperature\":0.1,\"num_predict\":200}";

  private OllamaTestSupport() {}

  /** A local profile as bitloops writes it: temperature and token limit, no key. */
  static ProviderSettings.Builder settings(int port) {
    return ProviderSettings.builder("ollama_chat")
        .model("llama3.2")
        .baseUrl(URI.create("http://127.0.0.1:" + port + PATH))
        .temperature(0.1)
        .maxOutputTokens(200)
        .requestTimeout(Duration.ofSeconds(10));
  }

  static InferenceClient client(int port) {
    return Inference.connect(settings(port).build());
  }

  /**
   * An NDJSON body exactly as Ollama writes one: each line is Go's {@code json.Marshal} output
   * followed by {@code '\n'}.
   */
  static byte[] ndjson(String... lines) {
    StringBuilder body = new StringBuilder();
    for (String line : lines) {
      body.append(line).append('\n');
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Lines joined with {@code '\n'}, the last one without it. */
  static byte[] ndjsonWithoutFinalNewline(String... lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }
}
