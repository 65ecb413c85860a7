package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class InferenceExceptionTest {

  @ParameterizedTest
  @EnumSource(ErrorKind.class)
  void retryableDefaultsToWhetherTheKindIsTransient(ErrorKind kind) {
    InferenceException failure = InferenceException.builder(kind, "m").build();

    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(failure.isRetryable()).isEqualTo(kind.isTransient());
  }

  @Test
  void theTransientKindsAreTheOnesARetryCanFix() {
    assertThat(EnumSet.allOf(ErrorKind.class).stream().filter(ErrorKind::isTransient))
        .containsExactlyInAnyOrder(
            ErrorKind.RATE_LIMITED,
            ErrorKind.SERVER_ERROR,
            ErrorKind.UNAVAILABLE,
            ErrorKind.TIMEOUT,
            ErrorKind.STREAM_TRUNCATED,
            ErrorKind.TRANSPORT);
  }

  @Test
  void retryableCanBeOverriddenEitherWay() {
    assertThat(
            InferenceException.builder(ErrorKind.SERVER_ERROR, "m")
                .retryable(false)
                .build()
                .isRetryable())
        .isFalse();
    assertThat(
            InferenceException.builder(ErrorKind.INVALID_REQUEST, "m")
                .retryable(true)
                .build()
                .isRetryable())
        .isTrue();
  }

  @Test
  void absentDataIsEmpty() {
    InferenceException failure = InferenceException.builder(ErrorKind.TRANSPORT, "reset").build();

    assertThat(failure.getMessage()).isEqualTo("reset");
    assertThat(failure.getCause()).isNull();
    assertThat(failure.httpStatus()).isEmpty();
    assertThat(failure.providerCode()).isEmpty();
    assertThat(failure.retryAfter()).isEmpty();
    assertThat(failure.partialText()).isEmpty();
    assertThat(failure.requestId()).isEmpty();
    assertThat(failure.providerName()).isEmpty();
    assertThat(failure.timeoutPhase()).isEmpty();
    assertThat(failure).hasToString("InferenceException[TRANSPORT]: reset");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 99, 600, -1, Integer.MAX_VALUE})
  void httpStatusOutsideTheRangeIsRejected(int status) {
    assertThatThrownBy(
            () -> InferenceException.builder(ErrorKind.SERVER_ERROR, "m").httpStatus(status))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("httpStatus must be between 100 and 599, but was " + status);
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 429, 599})
  void httpStatusBoundsAreInclusive(int status) {
    assertThat(
            InferenceException.builder(ErrorKind.SERVER_ERROR, "m")
                .httpStatus(status)
                .build()
                .httpStatus())
        .hasValue(status);
  }

  @Test
  void aNegativeRetryAfterIsRejected() {
    assertThatThrownBy(
            () ->
                InferenceException.builder(ErrorKind.RATE_LIMITED, "m")
                    .retryAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryAfter must be >= 0, but was PT-1S");
    assertThat(
            InferenceException.builder(ErrorKind.RATE_LIMITED, "m")
                .retryAfter(Duration.ZERO)
                .build()
                .retryAfter())
        .contains(Duration.ZERO);
  }

  @ParameterizedTest
  @EnumSource(value = ErrorKind.class, names = "TIMEOUT", mode = EnumSource.Mode.EXCLUDE)
  void timeoutPhaseIsOnlyForTimeouts(ErrorKind kind) {
    assertThatThrownBy(
            () ->
                InferenceException.builder(kind, "m")
                    .timeoutPhase(InferenceException.TimeoutPhase.IDLE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("timeoutPhase is only for TIMEOUT, but kind is " + kind);
  }

  @Test
  void aTimeoutCarriesItsPhase() {
    InferenceException failure =
        InferenceException.builder(ErrorKind.TIMEOUT, "no event for 30s")
            .timeoutPhase(InferenceException.TimeoutPhase.IDLE)
            .build();

    assertThat(failure.timeoutPhase()).contains(InferenceException.TimeoutPhase.IDLE);
    assertThat(failure).hasToString("InferenceException[TIMEOUT/IDLE]: no event for 30s");
  }

  @Test
  void toBuilderKeepsEverything() {
    IOException cause = new IOException("socket closed");
    InferenceException original =
        InferenceException.builder(ErrorKind.TIMEOUT, "first event took too long")
            .cause(cause)
            .retryable(false)
            .httpStatus(504)
            .providerCode("gateway_timeout")
            .retryAfter(Duration.ofMillis(1500))
            .partialText("so far")
            .requestId("req-7")
            .providerName("openai")
            .timeoutPhase(InferenceException.TimeoutPhase.FIRST_EVENT)
            .build();

    InferenceException copy = original.toBuilder().build();

    assertThat(copy.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(copy.getMessage()).isEqualTo("first event took too long");
    assertThat(copy.getCause()).isSameAs(cause);
    assertThat(copy.isRetryable()).isFalse();
    assertThat(copy.httpStatus()).hasValue(504);
    assertThat(copy.providerCode()).contains("gateway_timeout");
    assertThat(copy.retryAfter()).contains(Duration.ofMillis(1500));
    assertThat(copy.partialText()).contains("so far");
    assertThat(copy.requestId()).contains("req-7");
    assertThat(copy.providerName()).contains("openai");
    assertThat(copy.timeoutPhase()).contains(InferenceException.TimeoutPhase.FIRST_EVENT);
    assertThat(copy).hasToString(original.toString());
    assertThat(copy.toString())
        .isEqualTo(
            "InferenceException[TIMEOUT/FIRST_EVENT, status=504, code=gateway_timeout,"
                + " provider=openai, requestId=req-7]: first event took too long");
  }

  @Test
  void toBuilderCanAddContext() {
    InferenceException original =
        InferenceException.builder(ErrorKind.UNAVAILABLE, "overloaded").build();

    InferenceException withId = original.toBuilder().requestId("req-8").build();

    assertThat(withId.requestId()).contains("req-8");
    assertThat(withId.isRetryable()).isTrue();
    assertThat(original.requestId()).isEmpty();
  }

  @Test
  void requiredArgumentsAreChecked() {
    assertThatThrownBy(() -> InferenceException.builder(null, "m")).hasMessage("kind");
    assertThatThrownBy(() -> InferenceException.builder(ErrorKind.TRANSPORT, null))
        .hasMessage("message");
  }
}
