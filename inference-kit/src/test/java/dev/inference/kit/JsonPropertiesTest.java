package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.inference.JsonValue;
import dev.inference.kit.internal.JacksonJson;
import dev.inference.props.Props;
import dev.inference.props.Props.Gen;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Properties of JSON-object extraction and of the Jackson codec: an object embedded in any prose or
 * fence is found; extraction never throws and parses at most twice the text; Jackson and {@link
 * JsonValue#parse}/{@link JsonValue#toJson()} agree on every tree.
 */
@Timeout(60) // a hang guard only
class JsonPropertiesTest {

  /** Arbitrary JSON trees, depth bounded by the size. */
  static Gen<JsonValue> trees(int depth) {
    return (random, size) -> tree(random, size, depth);
  }

  private static JsonValue tree(java.util.Random random, int size, int depth) {
    int pick = random.nextInt(depth <= 0 ? 4 : 6);
    switch (pick) {
      case 0:
        return JsonValue.of(
            Props.strings(12, false, "\"", "\\", "\u2028", "</").next(random, size));
      case 1:
        return number(random);
      case 2:
        return JsonValue.of(random.nextBoolean());
      case 3:
        return JsonValue.ofNull();
      case 4:
        {
          Map<String, JsonValue> members = new LinkedHashMap<>();
          int count = random.nextInt(4);
          for (int i = 0; i < count; i++) {
            members.put(
                Props.strings(6, false, "\"", "\\").next(random, size),
                tree(random, size, depth - 1));
          }
          return JsonValue.object(members);
        }
      default:
        {
          int count = random.nextInt(4);
          List<JsonValue> elements = new java.util.ArrayList<>();
          for (int i = 0; i < count; i++) {
            elements.add(tree(random, size, depth - 1));
          }
          return JsonValue.array(elements);
        }
    }
  }

  private static JsonValue number(java.util.Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return JsonValue.of(random.nextLong());
      case 1:
        return JsonValue.of(random.nextInt(2000) - 1000);
      case 2:
        return new JsonValue.NumberValue(
            new BigDecimal(new java.math.BigInteger(90, random), random.nextInt(60) - 30));
      default:
        return JsonValue.of(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
    }
  }

  @Test
  void jacksonAndJsonTextAgreeOnEveryTree() {
    Props.forAll(
        400,
        trees(4),
        tree -> {
          String ours = tree.toJson();
          assertThat(JsonValue.parse(ours)).isEqualTo(tree);
          assertThat(JacksonJson.parse(ours)).isEqualTo(tree);
          String jackson = writeWithJackson(tree);
          assertThat(JsonValue.parse(jackson)).isEqualTo(tree);
          assertThat(JacksonJson.parse(jackson)).isEqualTo(tree);
        });
  }

  @Test
  void anObjectInProseOrAFenceIsFound() {
    Gen<String> prose =
        Props.strings(80, false, "```", "json", "\n", "[", "]", " ", ":")
            .map(p -> p.replace("\"", "'").replace("{", "(").replace("}", ")"));
    Props.forAll(
        400,
        (random, size) ->
            List.of(
                prose.next(random, size),
                trees(3).next(random, size),
                prose.next(random, size),
                random.nextBoolean()),
        input -> {
          String before = (String) input.get(0);
          JsonValue tree = (JsonValue) input.get(1);
          String after = (String) input.get(2);
          JsonValue object =
              tree instanceof JsonValue.ObjectValue ? tree : JsonValue.object(Map.of("v", tree));
          String text =
              (Boolean) input.get(3)
                  ? before + "```json\n" + object.toJson() + "\n```" + after
                  : before + object.toJson() + after;
          assertThat(JsonObjects.extractObject(text)).contains(object);
        });
  }

  @Test
  void extractionNeverThrowsAndParsesAtMostTwiceTheText() {
    Gen<String> hostile =
        Props.strings(3000, true, "{", "}", "\"", "\\", "{\"a\":", "[", "]", "{}");
    Props.forAll(
        400,
        hostile,
        text -> {
          AtomicLong parsed = new AtomicLong();
          Optional<JsonValue> found =
              JsonObjects.extractObject(
                  text,
                  candidate -> {
                    parsed.addAndGet(candidate.length());
                    return parse(candidate);
                  });
          assertThat(parsed.get()).isLessThanOrEqualTo(2L * text.length());
          assertThat(found).isEqualTo(JsonObjects.extractObject(text));
          found.ifPresent(object -> assertThat(object).isInstanceOf(JsonValue.ObjectValue.class));
        });
  }

  @Test
  void deeplyNestedBracesAreRefusedQuickly() {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
    assertThat(JsonObjects.extractObject(deep)).isEmpty();
    assertThat(JsonObjects.extractObject("{".repeat(200_000))).isEmpty();
  }

  private static Optional<JsonValue> parse(String candidate) {
    try {
      JsonValue value = JacksonJson.parse(candidate);
      return value instanceof JsonValue.ObjectValue ? Optional.of(value) : Optional.empty();
    } catch (IllegalArgumentException notJson) {
      return Optional.empty();
    }
  }

  private static String writeWithJackson(JsonValue tree) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JacksonJson.FACTORY.createGenerator(out)) {
      JacksonJson.write(generator, tree);
    } catch (java.io.IOException impossible) {
      throw new AssertionError(impossible);
    }
    return out.toString();
  }
}
