package dev.inference.ollama;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.testkit.ReplayHttpEngine;
import dev.inference.testkit.WireFuzzing;
import java.net.URI;

/**
 * Coverage-guided fuzzing of the Ollama driver's decoding, through the public client: any bytes as
 * a 200 body, a streamed ({@code application/x-ndjson}) body or an error body end in a response,
 * events or an {@link dev.inference.InferenceException}, never another exception, never an open
 * exchange, never the key in a message ({@link WireFuzzing}). Bytes go in through {@link
 * ReplayHttpEngine}, from memory.
 */
class OllamaWireFuzzTest {

  private static final String KEY = "ollama-fuzz-KEY-31c7e2";

  private static final InferenceClient CLIENT =
      Inference.connect(
          ProviderSettings.builder("ollama_chat")
              .model("llama3.2")
              .baseUrl(URI.create("http://127.0.0.1:9/api/chat"))
              .apiKey(Secret.of(KEY))
              .maxRetries(0)
              .circuitBreakerEnabled(false)
              .option("http_client", JsonValue.of(ReplayHttpEngine.NAME))
              .option("max_frame_bytes", JsonValue.of(4096))
              .build());

  private static final WireFuzzing WIRE = WireFuzzing.of(CLIENT, KEY, "application/x-ndjson");

  @FuzzTest(maxDuration = "60s")
  void wire(byte[] body) {
    WIRE.buffered(body);
    WIRE.streamed(body);
    WIRE.error(body);
  }
}
