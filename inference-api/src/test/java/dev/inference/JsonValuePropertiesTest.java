package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.props.Props;
import dev.inference.props.Props.Gen;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code parse(toJson(v))} equals {@code v} for arbitrary trees; bad text fails typed. */
@Timeout(60) // a hang guard only
class JsonValuePropertiesTest {

  static final Gen<JsonValue> TREES = (random, size) -> tree(random, size, 1 + size / 20);

  static JsonValue tree(Random random, int size, int depth) {
    switch (random.nextInt(depth <= 0 ? 4 : 6)) {
      case 0:
        return JsonValue.of(
            Props.strings(16, true, "\"", "\\", "\u2028", "\u0000", "</script>")
                .next(random, size));
      case 1:
        return switch (random.nextInt(3)) {
          case 0 -> JsonValue.of(random.nextLong());
          case 1 -> JsonValue.of(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300));
          default ->
              new JsonValue.NumberValue(
                  new BigDecimal(
                          new BigInteger(1 + random.nextInt(200), random),
                          random.nextInt(400) - 200)
                      .multiply(BigDecimal.valueOf(random.nextBoolean() ? 1 : -1)));
        };
      case 2:
        return JsonValue.of(random.nextBoolean());
      case 3:
        return JsonValue.ofNull();
      case 4:
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          members.put(
              Props.strings(8, true, "\"", "\\").next(random, size), tree(random, size, depth - 1));
        }
        return JsonValue.object(members);
      default:
        List<JsonValue> elements = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          elements.add(tree(random, size, depth - 1));
        }
        return JsonValue.array(elements);
    }
  }

  @Test
  void parseOfToJsonIsTheSameTree() {
    Props.forAll(
        500,
        TREES,
        tree -> {
          String json = tree.toJson();
          JsonValue back = JsonValue.parse(json);
          assertThat(back).isEqualTo(tree);
          assertThat(back.hashCode()).isEqualTo(tree.hashCode());
          assertThat(back.toJson()).isEqualTo(json);
        });
  }

  @Test
  void anyTextEitherParsesOrFailsWithIllegalArgumentException() {
    Props.forAll(
        500,
        Props.strings(200, true, "{", "}", "[", "]", "\"", ":", ",", "1e9999", "-0", "tru", "null"),
        text -> {
          try {
            JsonValue value = JsonValue.parse(text);
            assertThat(JsonValue.parse(value.toJson())).isEqualTo(value);
          } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
          }
        });
  }

  @Test
  void deepNestingFailsTypedInsteadOfOverflowingTheStack() {
    assertThatThrownBy(() -> JsonValue.parse("[".repeat(100_000) + "]".repeat(100_000)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
