package dev.inference.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyManagementException;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NoTlsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void aPlainHttpClientBuiltOnItCallsItsEndpoint() throws Exception {
    server.stubFor(get("/").willReturn(aResponse().withBody("plain")));
    HttpClient client = HttpClient.newBuilder().sslContext(NoTls.context()).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
                .version(HttpClient.Version.HTTP_1_1)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("plain");
  }

  @Test
  void everyUseOfTlsFailsAndSaysWhy() {
    SSLContext context = NoTls.context();
    assertThat(context.getProtocol()).isEqualTo("none");
    assertThat(context.getDefaultSSLParameters().getProtocols()).isNull();
    assertThatThrownBy(context::getSocketFactory)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("plain http://");
    assertThatThrownBy(context::createSSLEngine).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> context.createSSLEngine("example.com", 443))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(context::getServerSocketFactory)
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(context::getClientSessionContext)
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(context::getServerSessionContext)
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> context.init(null, null, null))
        .isInstanceOf(KeyManagementException.class);
  }

  @Test
  void anHttpsCallThroughItFailsWithoutAHandshake() {
    HttpClient client = HttpClient.newBuilder().sslContext(NoTls.context()).build();
    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:9/")).build(),
                    HttpResponse.BodyHandlers.discarding()))
        .hasStackTraceContaining("plain http://");
  }
}
