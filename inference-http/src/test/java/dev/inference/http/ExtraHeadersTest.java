package dev.inference.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.spi.SettingsProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtraHeadersTest {

  private static ProviderSettings withHeaders(Map<String, String> headers) {
    Map<String, JsonValue> table = new LinkedHashMap<>();
    headers.forEach((name, value) -> table.put(name, JsonValue.of(value)));
    return ProviderSettings.builder("x")
        .model("m")
        .option("headers", JsonValue.object(table))
        .build();
  }

  @Test
  void headersKeepTheirOrderAndUnsetMeansNone() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Gateway-Team", "search");
    headers.put("cf-access-client-id", "abc");

    assertThat(HttpTransport.extraHeaders(withHeaders(headers)))
        .containsExactly(
            Map.entry("X-Gateway-Team", "search"), Map.entry("cf-access-client-id", "abc"));
    assertThat(HttpTransport.extraHeaders(ProviderSettings.builder("x").model("m").build()))
        .isEmpty();
  }

  @Test
  void aBadNameIsAProblemAndRefused() {
    ProviderSettings settings = withHeaders(Map.of("Bad Header", "v"));

    assertThat(HttpTransport.headerProblems(settings))
        .extracting(SettingsProblem::key, SettingsProblem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "headers", "'Bad Header' is not a valid header name"));
    assertThatThrownBy(() -> HttpTransport.extraHeaders(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headers: 'Bad Header' is not a valid header name");
  }

  @Test
  void aHeaderTheHttpClientSetsItselfIsAProblem() {
    assertThat(HttpTransport.headerProblems(withHeaders(Map.of("Host", "evil.example"))))
        .extracting(SettingsProblem::message)
        .containsExactly("'Host' is set by the HTTP client itself; leave it out");
  }
}
