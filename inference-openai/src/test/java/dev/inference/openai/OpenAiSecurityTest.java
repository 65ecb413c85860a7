package dev.inference.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.inference.openai.OpenAiTestSupport.MARKER_KEY;
import static dev.inference.openai.OpenAiTestSupport.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the OpenAI driver (and so every HTTP driver) does to keep the key safe: no key over plain
 * HTTP to a host that is not loopback unless allowed; a private CA through {@code tls_ca_file};
 * {@code secret://} references resolved when a call needs them; redirects reported, never followed.
 */
@Timeout(60) // a hang guard only
class OpenAiSecurityTest {

  private static final String ANSWER =
      "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
          + "\"finish_reason\":\"stop\"}]}";

  private final List<WireMockServer> servers = new java.util.ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    servers.forEach(WireMockServer::stop);
  }

  private WireMockServer start(com.github.tomakehurst.wiremock.core.WireMockConfiguration config) {
    WireMockServer server = new WireMockServer(config);
    server.start();
    servers.add(server);
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody(ANSWER)));
    return server;
  }

  private static ProviderSettings.Builder settings(String url) {
    return ProviderSettings.builder("openai_chat_completions")
        .model("gpt-4.1-mini")
        .baseUrl(URI.create(url))
        .apiKey(Secret.of(MARKER_KEY))
        .maxRetries(0);
  }

  @Test
  void aRotatedKeyIsSentFromTheNextCallOn() {
    WireMockServer server = start(wireMockConfig().dynamicPort());
    TestVaultResolver.ROTATING.set("sk-first");
    try (InferenceClient client =
        Inference.connect(
            settings("http://127.0.0.1:" + server.port() + PATH)
                .apiKey(Secret.ofReference("secret://testvault/rotating"))
                .build())) {
      client.infer(InferenceRequest.of("one"));
      client.infer(InferenceRequest.of("two"));
      TestVaultResolver.ROTATING.set("sk-second");
      client.infer(InferenceRequest.of("three"));
    } finally {
      TestVaultResolver.ROTATING.set("sk-first");
    }
    assertThat(server.getAllServeEvents())
        .extracting(event -> event.getRequest().getHeader("Authorization"))
        .containsExactly("Bearer sk-second", "Bearer sk-first", "Bearer sk-first"); // newest first
  }

  @Test
  void aKeyIsNeverSentOverPlainHttpToAHostThatIsNotLoopback() {
    WireMockServer server = start(wireMockConfig().dynamicPort());
    // 0.0.0.0 reaches this machine, but nothing in the URL says loopback
    String url = "http://0.0.0.0:" + server.port() + PATH;
    try (InferenceClient client = Inference.connect(settings(url).build())) {
      InferenceException refused =
          catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));
      assertThat(refused.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(refused.getMessage())
          .contains("plain http://", "'0.0.0.0'", "https://", "allow_insecure_http = true")
          .doesNotContain(MARKER_KEY);
      InferenceException streamRefused =
          catchThrowableOfType(
              InferenceException.class, () -> client.stream(InferenceRequest.of("hi")));
      assertThat(streamRefused.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    }
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();

    try (InferenceClient allowed =
        Inference.connect(settings(url).allowInsecureHttp(true).build())) {
      assertThat(allowed.infer(InferenceRequest.of("hi")).text()).isEqualTo("ok");
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + MARKER_KEY)));
  }

  @Test
  void loopbackAndKeylessCallsOverPlainHttpAreAllowed() {
    WireMockServer server = start(wireMockConfig().dynamicPort());
    for (String host : List.of("127.0.0.1", "localhost")) {
      try (InferenceClient client =
          Inference.connect(settings("http://" + host + ":" + server.port() + PATH).build())) {
        assertThat(client.infer(InferenceRequest.of("hi")).text()).isEqualTo("ok");
      }
    }
    ProviderSettings keyless =
        ProviderSettings.builder("openai_chat_completions")
            .model("m")
            .baseUrl(URI.create("http://0.0.0.0:" + server.port() + PATH))
            .build();
    try (InferenceClient client = Inference.connect(keyless)) {
      assertThat(client.infer(InferenceRequest.of("hi")).text()).isEqualTo("ok");
    }
  }

  @Test
  void aRedirectToAnotherHostIsReportedNotFollowedAndTheOtherHostReceivesNothing() {
    WireMockServer other = start(wireMockConfig().dynamicPort());
    WireMockServer first = start(wireMockConfig().dynamicPort());
    String elsewhere = "http://localhost:" + other.port() + PATH;
    first.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(307).withHeader("Location", elsewhere)));
    try (InferenceClient client =
        Inference.connect(settings("http://127.0.0.1:" + first.port() + PATH).build())) {
      InferenceException infer =
          catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));
      assertThat(infer.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(infer.httpStatus()).hasValue(307);
      assertThat(infer.getMessage()).contains(elsewhere, "redirects are not followed");
      InferenceException stream =
          catchThrowableOfType(
              InferenceException.class, () -> client.stream(InferenceRequest.of("hi")));
      assertThat(stream.httpStatus()).hasValue(307);
    }
    assertThat(first.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    assertThat(other.findAll(anyRequestedFor(anyUrl()))).isEmpty();
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
    WireMockServer server =
        start(
            wireMockConfig()
                .httpDisabled(true)
                .httpsPort(0)
                .keystorePath(keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword("changeit")
                .keyManagerPassword("changeit"));
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

  @Test
  void aCaFileThatIsNotPemFailsWhenTheClientIsCreated() throws IOException {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Inference.connect(settings("https://127.0.0.1:1" + PATH).tlsCaFile(notPem).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tls_ca_file", notPem.toString());
  }

  @Test
  void aFileSecretIsReadWhenTheCallNeedsItAndRefusedWhenOthersMayReadIt() throws IOException {
    WireMockServer server = start(wireMockConfig().dynamicPort());
    Path keyFile = dir.resolve("openai.key");
    Secret secret = Secret.ofReference("secret://file" + keyFile);
    String url = "http://127.0.0.1:" + server.port() + PATH;
    try (InferenceClient client = Inference.connect(settings(url).apiKey(secret).build())) {
      // the file does not exist yet: the client was created all the same
      InferenceException missing =
          catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));
      assertThat(missing.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(missing.getMessage()).contains(keyFile.toString());

      Files.writeString(keyFile, MARKER_KEY + "\n");
      boolean posix = Files.getFileStore(keyFile).supportsFileAttributeView("posix");
      if (posix) {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        InferenceException open =
            catchThrowableOfType(
                InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));
        assertThat(open.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(open.getMessage()).contains("chmod 600").doesNotContain(MARKER_KEY);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      }
      assertThat(client.infer(InferenceRequest.of("hi")).text()).isEqualTo("ok");
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + MARKER_KEY)));
    assertThat(secret.toString()).isEqualTo("Secret[secret://file" + keyFile + "]");
  }

  @Test
  void aVaultReferenceGoesToItsSecretResolverAndAnUnknownSchemeSaysWhatIsInstalled() {
    assertThat(Secret.ofReference("secret://testvault/openai").reveal()).isEqualTo(MARKER_KEY);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Secret.ofReference("secret://nowhere/x").reveal())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no SecretResolver", "env, file, testvault");
    assertThat(Secret.ofReference("secret://testvault/openai").toString())
        .isEqualTo("Secret[secret://testvault/openai]");
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
