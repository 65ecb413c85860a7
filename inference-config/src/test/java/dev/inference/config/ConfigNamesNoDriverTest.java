package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.Inference;
import dev.inference.ProviderSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The config module knows no driver: every driver id, default endpoint, endpoint path and artifact
 * comes from the drivers themselves ({@code ProviderFactory} hooks). A driver added later needs no
 * change here.
 */
class ConfigNamesNoDriverTest {

  @Test
  void theMainCodeNamesNoDriverIdUrlPathOrArtifact() throws IOException {
    List<String> forbidden = new ArrayList<>();
    for (String id : Inference.drivers()) {
      forbidden.add(id);
      Inference.factory(id).defaultBaseUrl().map(URI::toString).ifPresent(forbidden::add);
    }
    assertThat(forbidden).contains("openai_chat_completions", "ollama_chat");
    forbidden.addAll(
        List.of(
            "platform.bitloops.net",
            "/api/chat",
            "/v1/chat/completions",
            "inference-openai",
            "inference-ollama",
            "inference-platform"));

    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        for (String name : forbidden) {
          if (text.contains(name)) {
            found.add(file.getFileName() + ": " + name);
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void aDriverDefaultEndpointComesFromTheDriver() {
    InferenceConfig config =
        InferenceConfig.parse(
            "[inference.runtimes.r]\nrequest_timeout_secs = 5\n\n[inference.profiles.p]\n"
                + "task = \"text_generation\"\ndriver = \"bitloops_platform_chat\"\n"
                + "runtime = \"r\"\nmodel = \"m\"\ntemperature = 0\nmax_output_tokens = 1\n");
    ProviderSettings settings = config.settings("p");

    assertThat(settings.baseUrl())
        .isEqualTo(Inference.factory("bitloops_platform_chat").defaultBaseUrl());
    assertThat(config.describe("p").endpoint())
        .isEqualTo(Inference.factory("bitloops_platform_chat").defaultBaseUrl().get().toString());
    assertThat(config.describe("p").providerName()).isEqualTo("bitloops");
  }
}
