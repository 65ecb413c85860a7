package dev.inference.inferd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.ProviderDescription;
import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import dev.inference.config.InferenceConfig;
import dev.inference.testkit.SocketServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TOML profile with driver = "inferd" loads from a file, with or without base_url, and calls. */
class InferdConfigTest {

  @TempDir Path dir;

  private static String toml(String baseUrl, String extra) {
    return "[inference.runtimes.local]\nrequest_timeout_secs = 30\n\n"
        + "[inference.profiles.gemma]\n"
        + "task = \"text_generation\"\n"
        + "driver = \"inferd\"\n"
        + "runtime = \"local\"\n"
        + "model = \"gemma-4\"\n"
        + "temperature = 0.3\n"
        + "max_output_tokens = 256\n"
        + baseUrl
        + extra;
  }

  private static Optional<String> noEnv(String name) {
    return Optional.empty();
  }

  @Test
  void aProfileOnAUnixSocketLoadsFromAFileAndCalls() throws Exception {
    Path socket = dir.resolve("infer.sock");
    try (SocketServer server =
        SocketServer.unix(
            socket,
            c -> {
              c.readLine();
              c.writeLine("{\"type\":\"done\",\"content\":\"hi\",\"stop_reason\":\"end\"}");
            })) {
      Path file = dir.resolve("inference.toml");
      Files.writeString(
          file,
          toml(
              "base_url = \"" + server.endpoint() + "\"\n",
              "admin_socket = \""
                  + dir.resolve("admin.sock")
                  + "\"\n"
                  + "image_token_budget = 560\ntop_k = 40\n"));
      InferenceConfig config = InferenceConfig.load(file);
      ProviderDescription description = config.describe("gemma");
      assertThat(description.kind()).isEqualTo("inferd");
      assertThat(description.providerName()).isEqualTo("inferd");
      assertThat(description.endpoint()).isEqualTo("unix:" + socket);
      try (InferenceClient client = config.client("gemma")) {
        assertThat(client.infer(InferenceRequest.of("hello")).text()).isEqualTo("hi");
      }
      assertThat(server.lines().get(0)).contains("\"top_k\":40", "\"image_token_budget\":560");
    }
  }

  @Test
  void aProfileWithoutBaseUrlTakesTheDaemonsDefaultPath() {
    InferenceConfig config = InferenceConfig.parse(toml("", ""), InferdConfigTest::noEnv);
    assertThat(config.describe("gemma").endpoint()).startsWith("unix:/").endsWith("/infer.sock");
  }

  @Test
  void badInferdKeysAreReportedAtTheirPath() {
    assertThatThrownBy(
            () ->
                InferenceConfig.parse(
                    toml(
                        "base_url = \"tcp://10.1.2.3:47321\"\n",
                        "image_token_budget = 300\ntop_k = 0\n"),
                    InferdConfigTest::noEnv))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigProblem::path)
                  .contains(
                      "inference.profiles.gemma.image_token_budget",
                      "inference.profiles.gemma.top_k",
                      "inference.profiles.gemma.base_url");
              assertThat(e.getMessage()).contains("one of 70, 140, 280, 560, 1120", "loopback");
            });
  }
}
