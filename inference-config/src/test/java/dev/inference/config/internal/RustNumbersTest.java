package dev.inference.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** f32 and u32 parsing with Rust's grammar, not Java's. */
class RustNumbersTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 0.0",
    "0.1, 0.1",
    "+0.5, 0.5",
    "-2, -2.0",
    "1e-1, 0.1",
    "1E2, 100.0",
    "1., 1.0",
    ".5, 0.5",
    "007, 7.0",
    "inf, Infinity",
    "+Infinity, Infinity",
    "-INF, -Infinity",
    "NaN, NaN",
    "nan, NaN",
    "1e39, Infinity",
    "-1e39, -Infinity",
  })
  void acceptsWhatRustAccepts(String text, double expected) {
    assertThat(RustNumbers.parseF32(text)).hasValue(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", ".", "e5", "1f", "1d", "1F", "0x1p3", "0x10", "1_0", "1e", "1e+", "--1", "+-1", "1,5",
        "infinit", "nan1", " 1", "1 ", "١"
      })
  void rejectsWhatRustRejects(String text) {
    assertThat(RustNumbers.parseF32(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, OK",
    "+42, OK",
    "0004294967295, OK",
    "4294967295, OK",
    "4294967296, TOO_LARGE",
    "99999999999999999999999, TOO_LARGE",
    "-1, INVALID",
    "1.0, INVALID",
    "1e3, INVALID",
    "'', INVALID",
    "+, INVALID",
    "1_000, INVALID",
  })
  void classifiesU32(String text, RustNumbers.U32 expected) {
    assertThat(RustNumbers.parseU32(text)).isEqualTo(expected);
  }
}
