package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FinishReasonTest {

  @ParameterizedTest
  @CsvSource({
    "stop, STOP",
    "end_turn, STOP",
    "stop_sequence, STOP",
    "length, LENGTH",
    "model_length, LENGTH",
    "max_tokens, LENGTH",
    "content_filter, CONTENT_FILTER",
    "tool_calls, TOOL_CALLS",
    "function_call, TOOL_CALLS",
    "tool_use, TOOL_CALLS",
    "error, ERROR",
    "STOP, STOP",
    "'  Length ', LENGTH"
  })
  void knownReasonsAreNormalisedAndTheRawWordIsKept(String raw, FinishReason.Kind kind) {
    FinishReason reason = FinishReason.fromProvider(raw);

    assertThat(reason.kind()).isEqualTo(kind);
    assertThat(reason.raw()).isEqualTo(raw);
    assertThat(reason.is(kind)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"load", "unload", "", "recitation", "stopped", "length_exceeded"})
  void unknownReasonsAreOtherKeepingTheRawWord(String raw) {
    FinishReason reason = FinishReason.fromProvider(raw);

    assertThat(reason.kind()).isEqualTo(FinishReason.Kind.OTHER);
    assertThat(reason.raw()).isEqualTo(raw);
    assertThat(reason.is(FinishReason.Kind.STOP)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stop", "length"})
  void equalityIsByKindAndRaw(String raw) {
    assertThat(FinishReason.fromProvider(raw)).isEqualTo(FinishReason.fromProvider(raw));
    assertThat(FinishReason.fromProvider(raw))
        .isNotEqualTo(FinishReason.fromProvider(raw.toUpperCase(java.util.Locale.ROOT)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kind", "raw"})
  void componentsAreRequired(String missing) {
    assertThatThrownBy(
            () ->
                new FinishReason(
                    missing.equals("kind") ? null : FinishReason.Kind.STOP,
                    missing.equals("raw") ? null : "stop"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(missing);
  }
}
