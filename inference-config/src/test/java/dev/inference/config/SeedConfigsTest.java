package dev.inference.config;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two example configs of the {@code bitloops-inference} README, unchanged, load and open
 * working clients. The examples name real endpoints, so the calls go to WireMock through the loaded
 * settings with only {@code base_url} replaced; {@link #aProfileCallsItsEndpointThroughClient()}
 * goes through {@link InferenceConfig#client(String)} itself.
 *
 * <p>Every driver is the real one: {@code inference-openai}, {@code inference-ollama} and {@code
 * inference-platform} are test dependencies.
 */
class SeedConfigsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Path DAEMON = ConfigCasesTest.DIR.resolve("valid_seed_daemon_example.toml");
  private static final Path PLATFORM =
      ConfigCasesTest.DIR.resolve("valid_seed_platform_example.toml");
  private static final String KEY = "sk-test-MARKER-seed";
  private static final String PATH = "/v1/chat/completions";

  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4.1-mini-2025-04-14\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},"
          + "\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}";

  private static Optional<String> env(String name, String value, String asked) {
    return asked.equals(name) ? Optional.of(value) : Optional.empty();
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getPort() + PATH);
  }

  @Test
  void theDaemonExampleOpensAnOpenAiClientThatSendsTheProfileDefaults() {
    InferenceConfig config = InferenceConfig.load(DAEMON, name -> env("OPENAI_API_KEY", KEY, name));
    assertThat(config.profileNames()).containsExactly("ollama_local", "openai_fast");
    assertThat(config.warnings()).isEmpty();
    server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(COMPLETION)));

    ProviderSettings settings =
        config.settings("openai_fast").toBuilder().baseUrl(endpoint()).build();
    try (InferenceClient client = Inference.connect(settings)) {
      InferenceResponse response = client.infer(InferenceRequest.of("Summarise this diff."));
      assertThat(response.text()).isEqualTo("hello");
      assertThat(response.providerName()).isEqualTo("openai");
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"gpt-4.1-mini\",\"temperature\":0.1,\"max_tokens\":200}",
                    true,
                    true)));
  }

  @Test
  void theDaemonExampleDescribesBothProfilesWithoutAnyCall() {
    InferenceConfig config = InferenceConfig.load(DAEMON, name -> Optional.empty());

    ProviderDescription openai = config.describe("openai_fast");
    assertThat(openai.kind()).isEqualTo("openai_chat_completions");
    assertThat(openai.providerName()).isEqualTo("openai");
    assertThat(openai.modelName()).isEqualTo("gpt-4.1-mini");
    assertThat(openai.endpoint()).isEqualTo("https://api.openai.com/v1/chat/completions");

    ProviderDescription ollama = config.describe("ollama_local");
    assertThat(ollama.kind()).isEqualTo("ollama_chat");
    assertThat(ollama.modelName()).isEqualTo("qwen2.5-coder:14b");
    assertThat(ollama.endpoint()).isEqualTo("http://127.0.0.1:11434/api/chat");
    server.verify(0, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void theDaemonExampleWithoutTheKeyVariableSendsNoAuthorization() {
    InferenceConfig config = InferenceConfig.load(DAEMON, name -> Optional.empty());
    assertThat(config.settings("openai_fast").apiKey()).isEmpty();
    server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(COMPLETION)));

    ProviderSettings settings =
        config.settings("openai_fast").toBuilder().baseUrl(endpoint()).build();
    try (InferenceClient client = Inference.connect(settings)) {
      client.infer(InferenceRequest.of("hi"));
    }
    server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", absent()));
  }

  @Test
  void theDaemonExampleOpensTheOllamaProfile() {
    InferenceConfig config = InferenceConfig.load(DAEMON, name -> Optional.empty());
    ProviderSettings loaded = config.settings("ollama_local");
    assertThat(loaded.temperature()).hasValue(0.1);
    assertThat(loaded.maxOutputTokens()).hasValue(200);
    assertThat(loaded.timeouts().request()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.describe("ollama_local").kind()).isEqualTo("ollama_chat");

    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .willReturn(
                okJson(
                    "{\"model\":\"qwen2.5-coder:14b\",\"created_at\":\"2026-11-23T10:00:00.123456789Z\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},"
                        + "\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":9,\"eval_count\":2}")));
    ProviderSettings settings =
        loaded.toBuilder()
            .baseUrl(URI.create("http://127.0.0.1:" + server.getPort() + "/api/chat"))
            .build();
    try (InferenceClient client = Inference.connect(settings)) {
      InferenceResponse response = client.infer(InferenceRequest.of("hi"));
      assertThat(response.text()).isEqualTo("hello");
      assertThat(response.modelName()).isEqualTo("qwen2.5-coder:14b");
    }
    server.verify(
        postRequestedFor(urlEqualTo("/api/chat"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"qwen2.5-coder:14b\",\"stream\":false,"
                        + "\"options\":{\"temperature\":0.1,\"num_predict\":200}}",
                    true,
                    true)));
  }

  @Test
  void thePlatformExampleUsesTheDefaultGatewayAndTheOptionalToken() {
    InferenceConfig config =
        InferenceConfig.load(PLATFORM, name -> env("BITLOOPS_PLATFORM_GATEWAY_TOKEN", KEY, name));
    assertThat(config.profileNames()).containsExactly("platform_summary");
    assertThat(config.runtimeOf("platform_summary").requestTimeout())
        .hasValue(Duration.ofSeconds(300));
    ProviderDescription description = config.describe("platform_summary");
    assertThat(description.providerName()).isEqualTo("bitloops");
    assertThat(description.endpoint())
        .isEqualTo("https://platform.bitloops.net/v1/chat/completions");

    server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(COMPLETION)));
    ProviderSettings settings =
        config.settings("platform_summary").toBuilder().baseUrl(endpoint()).build();
    try (InferenceClient client = Inference.connect(settings)) {
      assertThat(client.infer(InferenceRequest.of("hi")).text()).isEqualTo("hello");
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"ministral-3-3b-instruct\",\"max_tokens\":200}", true, true)));
  }

  @Test
  void thePlatformExampleWithoutALoginSendsNoToken() {
    InferenceConfig config = InferenceConfig.load(PLATFORM, name -> Optional.empty());
    assertThat(config.settings("platform_summary").apiKey()).isEmpty();
    server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(COMPLETION)));
    ProviderSettings settings =
        config.settings("platform_summary").toBuilder().baseUrl(endpoint()).build();
    try (InferenceClient client = Inference.connect(settings)) {
      client.infer(InferenceRequest.of("hi"));
    }
    server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", absent()));
  }

  @Test
  void aProfileCallsItsEndpointThroughClient() {
    Map<String, String> env =
        Map.of("BASE_URL", "http://127.0.0.1:" + server.getPort(), "OPENAI_API_KEY", KEY);
    InferenceConfig config =
        InferenceConfig.parse(
            "[inference.runtimes.rt]\n"
                + "request_timeout_secs = 5\n"
                + "[inference.profiles.local]\n"
                + "task = \"text_generation\"\n"
                + "driver = \"openai_chat_completions\"\n"
                + "runtime = \"rt\"\n"
                + "model = \"gpt-4.1-mini\"\n"
                + "base_url = \"${BASE_URL}/v1/chat/completions\"\n"
                + "api_key = \"${OPENAI_API_KEY}\"\n"
                + "temperature = \"0.3\"\n"
                + "max_output_tokens = \"64\"\n"
                + "max_tokens_field = \"max_completion_tokens\"\n"
                + "headers = { X-Team = \"search\" }\n",
            name -> Optional.ofNullable(env.get(name)));
    server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(COMPLETION)));
    try (InferenceClient client = config.client("local")) {
      assertThat(client.infer(InferenceRequest.of("hi")).text()).isEqualTo("hello");
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("X-Team", equalTo("search"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"gpt-4.1-mini\",\"temperature\":0.3,\"max_completion_tokens\":64}",
                    true,
                    true)));
  }
}
