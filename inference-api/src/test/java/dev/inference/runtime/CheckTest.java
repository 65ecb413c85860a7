package dev.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckTest {

  @Test
  void theWireNamesAreTheContractsInVerifyOrder() {
    assertThat(Arrays.stream(Check.values()).map(Check::wireName))
        .containsExactly("runtime-ready", "model-ready", "loopback-only");
  }

  @ParameterizedTest
  @CsvSource({
    "runtime-ready, RUNTIME_READY",
    "model-ready, MODEL_READY",
    "loopback-only, LOOPBACK_ONLY",
    "'  Model-Ready ', MODEL_READY",
    "LOOPBACK-ONLY, LOOPBACK_ONLY",
    "'\truntime-ready\n', RUNTIME_READY"
  })
  void aWireNameIsReadTrimmedAndInAnyCase(String name, Check check) {
    assertThat(Check.fromWireName(name)).isEqualTo(check);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpu-ready", "", "runtime_ready", "RUNTIME_READY", "runtime-ready-x"})
  void anUnknownNameIsNamedWithTheKnownOnes(String name) {
    assertThatThrownBy(() -> Check.fromWireName(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown check '"
                + name
                + "'; known checks: runtime-ready, model-ready, loopback-only");
  }

  @Test
  void aNullNameIsRefused() {
    assertThatThrownBy(() -> Check.fromWireName(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
  }

  @Test
  void diagnosticsUseTheWireNames() {
    VerifyResult result =
        new VerifyResult(
            List.of(
                new VerifyResult.Outcome(Check.RUNTIME_READY, true, "answers"),
                new VerifyResult.Outcome(Check.LOOPBACK_ONLY, false, "not loopback")));

    assertThat(result.diagnostics())
        .containsExactly("runtime-ready: answers", "loopback-only: not loopback");
    assertThat(result.ok()).isFalse();
    assertThat(result.firstFailure())
        .map(VerifyResult.Outcome::check)
        .contains(Check.LOOPBACK_ONLY);
    assertThat(result.errorClass()).contains(RuntimeOperations.ErrorClass.VERIFY_FAILED);
  }
}
