package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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

  /** The hand-written IPv4 check agrees with the expression it replaced, part by part. */
  @Test
  void ipv4LoopbackAgreesWithItsExpression() {
    Pattern v4 =
        Pattern.compile(
            "127\\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})){2}");
    List<String> parts = new ArrayList<>(List.of("", "-1", "+1", "1a", "a", "1 ", "0x1", "١"));
    for (int i = 0; i < 1000; i++) {
      parts.add(Integer.toString(i));
      parts.add(String.format("%02d", i));
      parts.add(String.format("%03d", i));
    }
    parts.add("1000");
    int checked = 0;
    for (String part : parts) {
      for (String host :
          List.of(
              "127." + part + ".0.1",
              "127.0." + part + ".1",
              "127.0.0." + part,
              "127." + part,
              "127.0.0.1." + part,
              "128.0.0." + part)) {
        // as before: one trailing dot (a fully qualified name) is dropped first
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        assertThat(Loopback.isLoopback(host)).as(host).isEqualTo(v4.matcher(bare).matches());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(15_000);
  }
}
