package dev.inference.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.props.Props;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ${ENV}} interpolation: text without placeholders is unchanged; placeholders are replaced
 * by their values, which are never rescanned; every failure is a typed error, never an exception.
 */
@Timeout(60) // a hang guard only
class InterpolationPropertiesTest {

  private static final Props.Gen<String> LITERALS =
      Props.strings(30, true, "$", "}", "{", "$$", "$A", "\\").map(s -> s.replace("${", "$ {"));
  private static final Props.Gen<String> NAMES =
      Props.strings(8, true, " ", ":-", "$", "{").map(s -> "N" + s.replace("}", ")"));
  private static final Props.Gen<String> VALUES =
      Props.strings(20, true, "${", "}", "${N}", "${UNSET}", "$");

  @Test
  void textWithoutPlaceholdersIsUnchanged() {
    Props.forAll(
        500,
        LITERALS,
        text ->
            assertThat(Interpolation.interpolate(text, name -> Optional.of("x")).value())
                .contains(text));
  }

  @Test
  void placeholdersAreReplacedOnceAndValuesAreNeverRescanned() {
    Props.forAll(
        500,
        (random, size) -> {
          int parts = 1 + random.nextInt(5);
          Object[] pieces = new Object[parts * 3];
          for (int i = 0; i < parts; i++) {
            pieces[3 * i] = LITERALS.next(random, size);
            pieces[3 * i + 1] = NAMES.next(random, size);
            pieces[3 * i + 2] = VALUES.next(random, size);
          }
          return List.of(pieces);
        },
        pieces -> {
          Map<String, String> env = new HashMap<>();
          StringBuilder text = new StringBuilder();
          StringBuilder expected = new StringBuilder();
          for (int i = 0; i < pieces.size(); i += 3) {
            String literal = (String) pieces.get(i);
            String name = (String) pieces.get(i + 1);
            String fresh = (String) pieces.get(i + 2);
            String value = env.computeIfAbsent(name, n -> fresh);
            text.append(literal).append("${").append(name).append('}');
            expected.append(literal).append(value);
          }
          Interpolation.Result result =
              Interpolation.interpolate(text.toString(), n -> Optional.ofNullable(env.get(n)));
          assertThat(result.error()).isEmpty();
          assertThat(result.value()).contains(expected.toString());
        });
  }

  @Test
  void anyTextEndsInAValueOrATypedErrorThatShowsNoValue() {
    Props.forAll(
        500,
        Props.strings(60, true, "${", "}", "${A}", "${}", "${SECRET}", "$"),
        text -> {
          Interpolation.Result result =
              Interpolation.interpolate(
                  text, name -> name.equals("SECRET") ? Optional.of("MARKER") : Optional.empty());
          assertThat(result.value().isPresent()).isNotEqualTo(result.error().isPresent());
          result
              .error()
              .ifPresent(
                  error ->
                      assertThat(error)
                          .doesNotContain("MARKER")
                          .matches(
                              "unterminated environment placeholder"
                                  + "|environment placeholder must not be empty"
                                  + "|(?s)environment variable '.*' is not set"));
        });
  }
}
