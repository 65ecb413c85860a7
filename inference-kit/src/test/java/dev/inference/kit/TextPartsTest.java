package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The streamed text, joined when asked for: the same text a StringBuilder would give. */
class TextPartsTest {

  @Test
  void oneDeltaIsKeptAsIs() {
    TextParts parts = new TextParts();
    String only = new String("only one");
    parts.add(only);
    parts.add("");
    assertThat(parts.toString()).isSameAs(only);
    assertThat(parts.isEmpty()).isFalse();
    assertThat(new TextParts().toString()).isEmpty();
    assertThat(new TextParts().isEmpty()).isTrue();
  }

  @Test
  void manySmallDeltasAcrossPieceBoundariesJoinInOrder() {
    TextParts parts = new TextParts();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      String delta = i % 7 == 0 ? "é✓🌍" : "tok" + i + " ";
      parts.add(delta);
      expected.append(delta);
      if (i == 2_500) {
        assertThat(parts.toString()).as("asked for midway").isEqualTo(expected.toString());
      }
    }
    assertThat(parts.toString()).isEqualTo(expected.toString());
    assertThat(parts.toString()).as("asked for again").isEqualTo(expected.toString());
  }

  @Test
  void aDeltaLongerThanAPieceIsNotCopiedOnItsOwn() {
    TextParts parts = new TextParts();
    String big = "x".repeat(TextParts.PIECE * 2);
    parts.add(big);
    assertThat(parts.toString()).isSameAs(big);
    parts.add("y");
    assertThat(parts.toString()).isEqualTo(big + "y");
  }
}
