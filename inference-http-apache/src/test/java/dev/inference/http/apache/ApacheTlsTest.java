package dev.inference.http.apache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS over the Apache engine: a private CA is trusted through tls_ca_file, and only then. */
class ApacheTlsTest {

  private static final String PATH = "/v1/chat/completions";
  private static final String ANSWER =
      "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
          + "\"finish_reason\":\"stop\"}]}";

  @TempDir Path dir;
  private WireMockServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static ProviderSettings.Builder settings(String url) {
    return ProviderSettings.builder("openai_chat_completions")
        .model("gpt-4.1-mini")
        .baseUrl(URI.create(url))
        .apiKey(Secret.of("sk-tls-test"))
        .maxRetries(0)
        .option("http_client", JsonValue.of(ApacheHttpEngineFactory.NAME));
  }

  @Test
  void aPrivateCaIsTrustedThroughTlsCaFileAndOnlyThen() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path ca = dir.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        ca.toString());
    server =
        new WireMockServer(
            wireMockConfig()
                .httpDisabled(true)
                .httpsPort(0)
                .keystorePath(keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword("changeit")
                .keyManagerPassword("changeit"));
    server.start();
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody(ANSWER)));
    String url = "https://127.0.0.1:" + server.httpsPort() + PATH;

    try (InferenceClient untrusted = Inference.connect(settings(url).build())) {
      InferenceException failure =
          catchThrowableOfType(
              InferenceException.class, () -> untrusted.infer(InferenceRequest.of("hi")));
      assertThat(failure.kind()).isEqualTo(ErrorKind.TRANSPORT);
      assertThat(failure.getMessage()).contains("TLS handshake", "tls_ca_file");
    }
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();

    try (InferenceClient trusted = Inference.connect(settings(url).tlsCaFile(ca).build())) {
      assertThat(trusted.infer(InferenceRequest.of("hi")).text()).isEqualTo("ok");
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
