package dev.inference.http.apache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.http.internal.DroppingServer;
import dev.inference.runtime.RuntimeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kit resends a runtime operation whose keep-alive connection the server closed whatever the
 * engine: Apache's pooled connection fails with {@code NoHttpResponseException}, and the engine
 * retries nothing itself.
 */
@Timeout(60) // a hang guard only
class ApacheRuntimeResendTest {

  @Test
  void anOllamaStatusOverApacheSurvivesAKeepAliveConnectionClosedAsItIsReused() throws Exception {
    // /api/version is answered on the first connection, which drops /api/tags when it is reused
    try (DroppingServer server = new DroppingServer(1);
        InferenceClient client =
            Inference.connect(
                ProviderSettings.builder("ollama_chat")
                    .model("m")
                    .baseUrl(server.uri("/api/chat"))
                    .maxRetries(0)
                    .option("http_client", JsonValue.of("apache"))
                    .build())) {
      RuntimeStatus status = client.operations().orElseThrow().status();

      assertThat(status.ok()).as("status %s", status).isTrue();
      assertThat(status.version()).contains("0.1.1");
      assertThat(status.models()).extracting(RuntimeStatus.ModelInfo::name).contains("m:latest");
      assertThat(server.requests()).as("requests read").isEqualTo(3);
      assertThat(server.accepted()).as("connections").isEqualTo(2);
    }
  }
}
