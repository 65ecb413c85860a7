package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UsageTest {

  @Test
  void ofHasTheThreeCountsAndNoReasoning() {
    Usage usage = Usage.of(10, 5, 15);

    assertThat(usage.promptTokens()).hasValue(10);
    assertThat(usage.completionTokens()).hasValue(5);
    assertThat(usage.totalTokens()).hasValue(15);
    assertThat(usage.reasoningTokens()).isEmpty();
    assertThat(usage.isComplete()).isTrue();
  }

  @Test
  void fromCountsSumsTheTotalOnlyWhenBothCountsArePresent() {
    assertThat(Usage.fromCounts(OptionalLong.of(7), OptionalLong.of(3)))
        .isEqualTo(Usage.of(7, 3, 10));

    Usage promptOnly = Usage.fromCounts(OptionalLong.of(7), OptionalLong.empty());
    assertThat(promptOnly.promptTokens()).hasValue(7);
    assertThat(promptOnly.completionTokens()).isEmpty();
    assertThat(promptOnly.totalTokens()).isEmpty();
    assertThat(promptOnly.isComplete()).isFalse();

    Usage completionOnly = Usage.fromCounts(OptionalLong.empty(), OptionalLong.of(3));
    assertThat(completionOnly.promptTokens()).isEmpty();
    assertThat(completionOnly.totalTokens()).isEmpty();

    Usage none = Usage.fromCounts(OptionalLong.empty(), OptionalLong.empty());
    assertThat(none.totalTokens()).isEmpty();
    assertThat(none.isComplete()).isFalse();
  }

  @Test
  void fromCountsRefusesCountsWhoseSumOverflows() {
    assertThatThrownBy(() -> Usage.fromCounts(OptionalLong.of(Long.MAX_VALUE), OptionalLong.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflows")
        .hasMessageContaining(String.valueOf(Long.MAX_VALUE));
    assertThat(
            Usage.fromCounts(OptionalLong.of(Long.MAX_VALUE - 1), OptionalLong.of(1)).totalTokens())
        .hasValue(Long.MAX_VALUE);
    assertThatThrownBy(() -> Usage.fromCounts(OptionalLong.of(Long.MIN_VALUE), OptionalLong.of(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("promptTokens must be >= 0");
  }

  @Test
  void zeroIsAValidCountAndNotAnAbsentOne() {
    assertThat(Usage.of(0, 0, 0).isComplete()).isTrue();
    assertThat(Usage.of(0, 0, 0).promptTokens()).hasValue(0);
    Usage noTotal = Usage.of(OptionalLong.of(0), OptionalLong.of(0), OptionalLong.empty());
    assertThat(noTotal.isComplete()).isFalse();
    assertThat(noTotal).isNotEqualTo(Usage.of(0, 0, 0));
    assertThat(noTotal.toString()).isEqualTo("Usage[promptTokens=0, completionTokens=0]");
  }

  @Test
  void negativeCountsAreRejectedNamingTheCountAndTheValue() {
    assertThatThrownBy(() -> Usage.of(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("promptTokens must be >= 0, but was -1");
    assertThatThrownBy(() -> Usage.of(0, -2, 0))
        .hasMessage("completionTokens must be >= 0, but was -2");
    assertThatThrownBy(() -> Usage.of(0, 0, -3)).hasMessage("totalTokens must be >= 0, but was -3");
    assertThatThrownBy(() -> Usage.of(1, 1, 2).withReasoningTokens(-4))
        .hasMessage("reasoningTokens must be >= 0, but was -4");
  }

  @Test
  void nullCountsAreRejectedByName() {
    assertThatThrownBy(() -> Usage.of(OptionalLong.empty(), null, OptionalLong.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("completionTokens");
  }

  @Test
  void withReasoningTokensKeepsTheOtherCounts() {
    Usage usage = Usage.fromCounts(OptionalLong.of(4), OptionalLong.empty()).withReasoningTokens(2);

    assertThat(usage.reasoningTokens()).hasValue(2);
    assertThat(usage.promptTokens()).hasValue(4);
    assertThat(usage.completionTokens()).isEmpty();
    assertThat(usage.totalTokens()).isEmpty();
  }

  @Test
  void cachedInputTokensAreKeptAndCompared() {
    Usage usage = Usage.of(100, 20, 120).withCachedInputTokens(64).withReasoningTokens(5);

    assertThat(usage.cachedInputTokens()).hasValue(64);
    assertThat(usage.reasoningTokens()).hasValue(5);
    assertThat(usage)
        .isEqualTo(Usage.of(100, 20, 120).withReasoningTokens(5).withCachedInputTokens(64));
    assertThat(usage).isNotEqualTo(Usage.of(100, 20, 120).withReasoningTokens(5));
    assertThat(usage.hashCode())
        .isEqualTo(
            Usage.of(100, 20, 120).withReasoningTokens(5).withCachedInputTokens(64).hashCode());
    assertThat(usage.toString())
        .isEqualTo(
            "Usage[promptTokens=100, completionTokens=20, totalTokens=120, reasoningTokens=5,"
                + " cachedInputTokens=64]");
    assertThat(Usage.of(100, 20, 120).cachedInputTokens()).isEmpty();
    assertThatThrownBy(() -> Usage.of(1, 1, 2).withCachedInputTokens(-1))
        .hasMessage("cachedInputTokens must be >= 0, but was -1");
  }

  @Test
  void totalIsKeptAsSentNotComputed() {
    Usage usage = Usage.of(OptionalLong.of(3), OptionalLong.of(4), OptionalLong.of(9));

    assertThat(usage.totalTokens()).hasValue(9);
    assertThat(Usage.of(OptionalLong.empty(), OptionalLong.of(4), OptionalLong.empty()).toString())
        .isEqualTo("Usage[completionTokens=4]");
  }
}
