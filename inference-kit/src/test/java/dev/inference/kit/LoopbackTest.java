package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "[::1]",
        "::1",
        "localhost",
        "LOCALHOST.",
        "api.localhost"
      })
  void loopbackHosts(String host) {
    assertThat(Loopback.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.evil.example",
        "localhost.evil.example",
        "10.0.0.1",
        "127.0.0.1.evil.example",
        "127.0.0.256",
        "notlocalhost",
        "",
        "0.0.0.0"
      })
  void otherHosts(String host) {
    assertThat(Loopback.isLoopback(host)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:11434/api/chat",
        "http://[::1]:8080/v1",
        "http://LOCALHOST./v1",
        "http://user:pw@api.localhost/v1"
      })
  void loopbackUrls(String url) {
    assertThat(Loopback.isLoopback(URI.create(url))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.evil.example/v1",
        "http://localhost.evil.example/v1",
        "http://10.0.0.1/v1",
        "file:///tmp/x"
      })
  void otherUrls(String url) {
    assertThat(Loopback.isLoopback(URI.create(url))).isFalse();
  }
}
