package dev.inference.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlCredentialsTest {

  @Test
  void userInfoLeavesTheUrlAndBecomesBasicAuthorization() {
    UrlCredentials credentials =
        UrlCredentials.of(URI.create("http://gate:pa%40ss@127.0.0.1:8080/v1/chat?x=1"));

    assertThat(credentials.target()).isEqualTo(URI.create("http://127.0.0.1:8080/v1/chat?x=1"));
    String token =
        Base64.getEncoder().encodeToString("gate:pa@ss".getBytes(StandardCharsets.UTF_8));
    assertThat(credentials.authorization(Map.of("x-api-key", "k"))).hasValue("Basic " + token);
    assertThat(credentials.secrets()).contains(token, "pa@ss", "gate:pa%40ss");
  }

  @Test
  void theDialectsOwnAuthorizationWins() {
    UrlCredentials credentials = UrlCredentials.of(URI.create("https://u:p4ss@api.example/v1"));

    assertThat(credentials.authorization(Map.of("authorization", "Bearer sk"))).isEmpty();
    assertThat(credentials.target()).isEqualTo(URI.create("https://api.example/v1"));
  }

  @Test
  void aUrlWithoutUserInfoIsLeftAsItIs() {
    URI plain = URI.create("http://localhost:11434/api/chat");
    UrlCredentials credentials = UrlCredentials.of(plain);

    assertThat(credentials.target()).isSameAs(plain);
    assertThat(credentials.authorization(Map.of())).isEmpty();
    assertThat(credentials.secrets()).isEmpty();
  }
}
