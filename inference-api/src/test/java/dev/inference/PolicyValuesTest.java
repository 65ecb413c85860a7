package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyValuesTest {

  private static ProviderSettings.Builder minimal() {
    return ProviderSettings.builder("openai_chat_completions").model("gpt-test");
  }

  @Test
  void settingsStartFromEachValuesDefaults() {
    ProviderSettings settings = minimal().build();

    assertThat(settings.timeouts()).isEqualTo(Timeouts.defaults());
    assertThat(settings.retry()).isEqualTo(RetryPolicy.defaults());
    assertThat(settings.circuitBreaker()).isEqualTo(CircuitBreakerPolicy.defaults());
    assertThat(settings.limits()).isEqualTo(Limits.defaults());
    assertThat(settings.tls()).isEqualTo(Tls.defaults());
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertThat(Timeouts.defaults().connect()).isEqualTo(Duration.ofSeconds(10));
    assertThat(Timeouts.defaults().request()).isEqualTo(Duration.ofSeconds(300));
    assertThat(Timeouts.defaults().firstEvent()).isEmpty();
    assertThat(Timeouts.defaults().idle()).isEmpty();
    assertThat(RetryPolicy.defaults().maxRetries()).isEqualTo(2);
    assertThat(RetryPolicy.defaults().initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(RetryPolicy.defaults().maxBackoff()).isEqualTo(Duration.ofSeconds(8));
    assertThat(CircuitBreakerPolicy.defaults().enabled()).isTrue();
    assertThat(CircuitBreakerPolicy.defaults().failureRatePercent()).isEqualTo(50);
    assertThat(CircuitBreakerPolicy.defaults().minimumCalls()).isEqualTo(10);
    assertThat(CircuitBreakerPolicy.defaults().waitInOpenState()).isEqualTo(Duration.ofSeconds(30));
    assertThat(CircuitBreakerPolicy.disabled().enabled()).isFalse();
    assertThat(Limits.defaults().maxConcurrentRequests()).isEmpty();
    assertThat(Limits.defaults().requestsPerSecond()).isEmpty();
    assertThat(Tls.defaults().allowInsecureHttp()).isFalse();
    assertThat(Tls.defaults().caFile()).isEmpty();
  }

  @Test
  void theFlatSettersUpdateTheirValue() {
    ProviderSettings settings =
        minimal()
            .connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(60))
            .firstEventTimeout(Duration.ofSeconds(5))
            .idleTimeout(Duration.ofSeconds(7))
            .maxRetries(4)
            .retryInitialBackoff(Duration.ofSeconds(10))
            .retryMaxBackoff(Duration.ofSeconds(20))
            .maxConcurrentRequests(3)
            .requestsPerSecond(2.5)
            .circuitBreakerFailureRate(80)
            .circuitBreakerMinimumCalls(4)
            .circuitBreakerWait(Duration.ofSeconds(9))
            .circuitBreakerEnabled(false)
            .allowInsecureHttp(true)
            .tlsCaFile(Path.of("ca.pem"))
            .build();

    assertThat(settings.timeouts())
        .isEqualTo(
            Timeouts.defaults()
                .withConnect(Duration.ofSeconds(3))
                .withRequest(Duration.ofSeconds(60))
                .withFirstEvent(Duration.ofSeconds(5))
                .withIdle(Duration.ofSeconds(7)));
    assertThat(settings.retry())
        .isEqualTo(
            RetryPolicy.builder()
                .maxRetries(4)
                .initialBackoff(Duration.ofSeconds(10))
                .maxBackoff(Duration.ofSeconds(20))
                .build());
    assertThat(settings.circuitBreaker())
        .isEqualTo(
            CircuitBreakerPolicy.disabled()
                .withFailureRatePercent(80)
                .withMinimumCalls(4)
                .withWaitInOpenState(Duration.ofSeconds(9)));
    assertThat(settings.limits())
        .isEqualTo(Limits.defaults().withMaxConcurrentRequests(3).withRequestsPerSecond(2.5));
    assertThat(settings.tls())
        .isEqualTo(Tls.defaults().withAllowInsecureHttp(true).withCaFile(Path.of("ca.pem")));
    assertThat(settings.toBuilder().build().toString()).isEqualTo(settings.toString());
    assertThat(settings.toString())
        .contains("Timeouts{connect=PT3S, request=PT1M, firstEvent=PT5S, idle=PT7S}")
        .contains("RetryPolicy{maxRetries=4, initialBackoff=PT10S, maxBackoff=PT20S}")
        .contains("Limits{maxConcurrentRequests=3, requestsPerSecond=2.5}")
        .contains("Tls{allowInsecureHttp=true, caFile=ca.pem}");
  }

  @Test
  void aValueSetterReplacesTheWholeValueAndAShorthandThenUpdatesIt() {
    ProviderSettings settings =
        minimal()
            .requestTimeout(Duration.ofSeconds(60))
            .timeouts(Timeouts.defaults().withIdle(Duration.ofSeconds(2)))
            .connectTimeout(Duration.ofSeconds(1))
            .retry(RetryPolicy.defaults().withMaxRetries(0))
            .build();

    assertThat(settings.timeouts().request()).isEqualTo(Duration.ofSeconds(300));
    assertThat(settings.timeouts().idle()).contains(Duration.ofSeconds(2));
    assertThat(settings.timeouts().connect()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.retry().maxRetries()).isZero();
  }

  @Test
  void badValuesNameTheBoundAndTheValue() {
    assertThatThrownBy(() -> Timeouts.defaults().withConnect(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive, but was PT0S");
    assertThatThrownBy(() -> Timeouts.defaults().withIdle(Duration.ofSeconds(-1)))
        .hasMessage("idleTimeout must be positive, but was PT-1S");
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1))
        .hasMessage("maxRetries must be between 0 and 100, but was -1");
    assertThatThrownBy(() -> CircuitBreakerPolicy.defaults().withFailureRatePercent(101))
        .hasMessage("circuitBreakerFailureRate must be between 1 and 100, but was 101");
    assertThatThrownBy(() -> CircuitBreakerPolicy.defaults().withMinimumCalls(0))
        .hasMessage("circuitBreakerMinimumCalls must be >= 1, but was 0");
    assertThatThrownBy(() -> Limits.defaults().withMaxConcurrentRequests(0))
        .hasMessage("maxConcurrentRequests must be >= 1, but was 0");
    assertThatThrownBy(() -> Limits.defaults().withRequestsPerSecond(Double.NaN))
        .hasMessage("requestsPerSecond must be a finite value > 0, but was NaN");
    assertThatThrownBy(() -> minimal().requestTimeout(Duration.ofMillis(-5)))
        .hasMessage("requestTimeout must be positive, but was PT-0.005S");
  }

  @Test
  void theLongestBackoffMayNotBeBelowTheFirst() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(100)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("retryMaxBackoff must be >= retryInitialBackoff (PT0.5S), but was PT0.1S");
    assertThatThrownBy(() -> minimal().retryInitialBackoff(Duration.ofSeconds(9)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("retryMaxBackoff must be >= retryInitialBackoff (PT9S), but was PT8S");
  }

  @Test
  void withoutMethodsClearTheOptionalValues() {
    Timeouts timeouts =
        Timeouts.defaults().withFirstEvent(Duration.ofSeconds(1)).withIdle(Duration.ofSeconds(1));
    assertThat(timeouts.withoutFirstEvent().withoutIdle()).isEqualTo(Timeouts.defaults());
    Limits limits = Limits.defaults().withMaxConcurrentRequests(1).withRequestsPerSecond(1);
    assertThat(limits.withoutMaxConcurrentRequests().withoutRequestsPerSecond())
        .isEqualTo(Limits.defaults())
        .hasToString("Limits{none}");
    assertThat(Tls.defaults().withCaFile(Path.of("a.pem")).withoutCaFile())
        .isEqualTo(Tls.defaults());
  }

  @Test
  void equalValuesHaveEqualHashesAndDifferentOnesDiffer() {
    assertThat(Timeouts.defaults().withConnect(Duration.ofSeconds(10)))
        .isEqualTo(Timeouts.defaults())
        .hasSameHashCodeAs(Timeouts.defaults());
    assertThat(Timeouts.defaults().withConnect(Duration.ofSeconds(11)))
        .isNotEqualTo(Timeouts.defaults());
    assertThat(RetryPolicy.defaults().withMaxRetries(2))
        .isEqualTo(RetryPolicy.defaults())
        .hasSameHashCodeAs(RetryPolicy.defaults());
    assertThat(RetryPolicy.defaults().withMaxRetries(3)).isNotEqualTo(RetryPolicy.defaults());
    assertThat(CircuitBreakerPolicy.defaults().withEnabled(true))
        .isEqualTo(CircuitBreakerPolicy.defaults())
        .hasSameHashCodeAs(CircuitBreakerPolicy.defaults());
    assertThat(CircuitBreakerPolicy.disabled()).isNotEqualTo(CircuitBreakerPolicy.defaults());
    assertThat(Limits.defaults().withRequestsPerSecond(1))
        .isEqualTo(Limits.defaults().withRequestsPerSecond(1))
        .hasSameHashCodeAs(Limits.defaults().withRequestsPerSecond(1))
        .isNotEqualTo(Limits.defaults());
    assertThat(Tls.defaults().withAllowInsecureHttp(true))
        .isEqualTo(Tls.defaults().withAllowInsecureHttp(true))
        .hasSameHashCodeAs(Tls.defaults().withAllowInsecureHttp(true))
        .isNotEqualTo(Tls.defaults());
  }
}
