package dev.inference.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.inference.http.HttpRuntimeOperations;
import dev.inference.runtime.Check;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import dev.inference.spi.DriverContext;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code verify} of the HTTP kit: which checks run and in what order, and the loopback-only check,
 * which follows the one loopback rule from the URL alone, without a probe or a name lookup.
 */
class VerifyChecksTest {

  private final AtomicInteger probes = new AtomicInteger();

  private static HttpChatClient client(String baseUrl) {
    return TestDialect.client(
        TestDialect.settings(1).baseUrl(URI.create(baseUrl)).build(), DriverContext.defaults());
  }

  /** Ready with model {@code m}; counts the probes, the only place a network call could happen. */
  private HttpRuntimeOperations operations(HttpChatClient client) {
    return new HttpRuntimeOperations(client) {
      @Override
      protected RuntimeStatus probe() {
        probes.incrementAndGet();
        return RuntimeStatus.ready(
            "1.0",
            List.of(new RuntimeStatus.ModelInfo("m", OptionalLong.empty(), Optional.empty())));
      }
    };
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:11434/api/chat",
        "http://LOCALHOST.:11434/api/chat",
        "http://api.localhost:8080/v1/chat/completions",
        "http://127.0.0.1:1234/chat",
        "http://127.1.2.3:1234/chat",
        "http://[::1]:8080/v1/chat/completions"
      })
  void aLoopbackHostPassesWithoutAProbe(String baseUrl) {
    try (HttpChatClient client = client(baseUrl)) {
      VerifyResult result = operations(client).verify(Set.of(Check.LOOPBACK_ONLY));

      assertThat(result.ok()).isTrue();
      assertThat(result.outcomes())
          .singleElement()
          .satisfies(
              outcome -> {
                assertThat(outcome.check()).isEqualTo(Check.LOOPBACK_ONLY);
                assertThat(outcome.diagnostic())
                    .startsWith("host '" + URI.create(baseUrl).getHost() + "' is loopback");
              });
    }
    assertThat(probes).hasValue(0);
  }

  /**
   * A name is never resolved: {@code 127.evil.example} could resolve to 127.0.0.1 and still not be
   * this machine; {@code localhost.evil.example} likewise.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.evil.example:1234/v1/chat/completions",
        "http://localhost.evil.example:1234/v1/chat/completions",
        "http://10.0.0.1:1234/v1/chat/completions",
        "https://api.openai.com/v1/chat/completions"
      })
  void anyOtherHostFailsFromTheUrlAlone(String baseUrl) {
    String host = URI.create(baseUrl).getHost();
    try (HttpChatClient client = client(baseUrl)) {
      VerifyResult result = operations(client).verify(Set.of(Check.LOOPBACK_ONLY));

      assertThat(result.ok()).isFalse();
      assertThat(result.firstFailure().orElseThrow().diagnostic())
          .isEqualTo(
              "host '"
                  + host
                  + "' is not loopback (localhost, *.localhost, 127.x.x.x or [::1], judged from"
                  + " the URL without resolving the name)");
      assertThat(result.diagnostics()).singleElement().asString().startsWith("loopback-only: ");
    }
    assertThat(probes).hasValue(0);
  }

  @Test
  void anEmptySetRunsEveryCheckInTheEnumsOrderWithOneProbe() {
    try (HttpChatClient client = client("http://127.evil.example:1234/chat")) {
      VerifyResult result = operations(client).verify(Set.of());

      assertThat(result.outcomes())
          .extracting(VerifyResult.Outcome::check, VerifyResult.Outcome::ok)
          .containsExactly(
              tuple(Check.RUNTIME_READY, true),
              tuple(Check.MODEL_READY, true),
              tuple(Check.LOOPBACK_ONLY, false));
      assertThat(result.diagnostics().get(0))
          .isEqualTo("runtime-ready: testprovider answers at 127.evil.example:1234 (version 1.0)");
    }
    assertThat(probes).hasValue(1);
  }

  @Test
  void theChecksRunInTheEnumsOrderWhateverTheSetsOrder() {
    try (HttpChatClient client = client("http://localhost:1234/chat")) {
      VerifyResult result =
          operations(client)
              .verify(new LinkedHashSet<>(List.of(Check.LOOPBACK_ONLY, Check.MODEL_READY)));

      assertThat(result.outcomes())
          .extracting(VerifyResult.Outcome::check)
          .containsExactly(Check.MODEL_READY, Check.LOOPBACK_ONLY);
      assertThat(result.ok()).isTrue();
    }
    assertThat(probes).hasValue(1);
  }
}
