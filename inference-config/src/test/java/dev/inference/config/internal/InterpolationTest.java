package dev.inference.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The placeholder grammar, one input at a time. */
class InterpolationTest {

  private static final Map<String, String> ENV =
      Map.of(
          "A", "1", "B", "2", "EMPTY", "", "A${B", "nested", "X:-d", "colon", "S P", "space",
          "LOOP", "${A}");
  private static final Function<String, Optional<String>> LOOKUP =
      name -> Optional.ofNullable(ENV.get(name));

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "plain|plain",
        "${A}|1",
        "x${A}y${B}z|x1y2z",
        "${A}${B}|12",
        "$A|$A",
        "$${A}|$1",
        "\\${A}|\\1",
        "${EMPTY}|''",
        "${X:-d}|colon",
        "${S P}|space",
        "${A${B}}|nested}",
        "${LOOP}|${A}",
        "}${A}{|}1{",
        "$|$",
        "${A}$|1$",
      })
  void substitutes(String text, String expected) {
    String want = expected.equals("''") ? "" : expected;
    assertThat(Interpolation.interpolate(text, LOOKUP).value()).hasValue(want);
  }

  @ParameterizedTest(name = "[{0}] fails: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "${A|unterminated environment placeholder",
        "ok ${|unterminated environment placeholder",
        "${}|environment placeholder must not be empty",
        "${A}${}|environment placeholder must not be empty",
        "${NOPE}|environment variable 'NOPE' is not set",
        "${A}-${NOPE}-${|environment variable 'NOPE' is not set",
        "${ A }|environment variable ' A ' is not set",
      })
  void fails(String text, String error) {
    Interpolation.Result result = Interpolation.interpolate(text, LOOKUP);
    assertThat(result.value()).isEmpty();
    assertThat(result.error()).hasValue(error);
  }
}
