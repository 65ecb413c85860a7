package dev.inference.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.opentelemetry.internal.GenAi;
import org.junit.jupiter.api.Test;

/** The conventions' words for finish reasons and the {@code error.type} of each kind. */
class GenAiTest {

  @Test
  void finishReasonsAreTheConventionsWords() {
    assertThat(GenAi.finishReason(FinishReason.fromProvider("stop"))).isEqualTo("stop");
    assertThat(GenAi.finishReason(FinishReason.fromProvider("end_turn"))).isEqualTo("stop");
    assertThat(GenAi.finishReason(FinishReason.fromProvider("max_tokens"))).isEqualTo("length");
    assertThat(GenAi.finishReason(FinishReason.fromProvider("content_filter")))
        .isEqualTo("content_filter");
    assertThat(GenAi.finishReason(FinishReason.fromProvider("tool_calls"))).isEqualTo("tool_call");
    assertThat(GenAi.finishReason(FinishReason.fromProvider("tool_use"))).isEqualTo("tool_call");
    assertThat(GenAi.finishReason(FinishReason.fromProvider("error"))).isEqualTo("error");
    assertThat(GenAi.finishReason(FinishReason.fromProvider(" Load "))).isEqualTo("load");
  }

  @Test
  void errorTypeIsTheKindInLowerCase() {
    assertThat(GenAi.errorType(ErrorKind.RATE_LIMITED)).isEqualTo("rate_limited");
    assertThat(GenAi.errorType(ErrorKind.CONTEXT_LENGTH_EXCEEDED))
        .isEqualTo("context_length_exceeded");
  }
}
