package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonValueTest {

  /** The nesting limit of the parser (JsonText.MAX_DEPTH). */
  private static final int MAX_DEPTH = 512;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "\"\"",
        "0",
        "-1",
        "true",
        "false",
        "null",
        "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
        "[1,\"two\",[3],{\"four\":4}]",
        "1.5",
        "-0.25",
        "1E+10",
        "1E-7",
        "12345678901234567890123",
        "\"quote \\\" backslash \\\\ newline \\n tab \\t cr \\r bs \\b ff \\f\""
      })
  void compactJsonRoundTripsExactly(String json) {
    JsonValue value = JsonValue.parse(json);

    assertThat(value.toJson()).isEqualTo(json);
    assertThat(JsonValue.parse(value.toJson())).isEqualTo(value);
  }

  @Test
  void whitespaceAroundAndInsideIsAllowed() {
    JsonValue value = JsonValue.parse(" \t\r\n{ \"a\" : [ 1 , 2 ] }\n ");

    assertThat(value.toJson()).isEqualTo("{\"a\":[1,2]}");
  }

  @Test
  void escapesAreDecoded() {
    JsonValue value = JsonValue.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u20AC\"");

    assertThat(value.asString()).contains("\"\\/\b\f\n\r\tAé€");
  }

  @Test
  void surrogatePairsDecodeToOneCodePoint() {
    JsonValue escaped = JsonValue.parse("\"\\ud83d\\ude00\"");
    JsonValue raw = JsonValue.parse("\"\uD83D\uDE00\"");

    assertThat(escaped).isEqualTo(raw);
    String text = escaped.asString().orElseThrow();
    assertThat(text.codePointCount(0, text.length())).isEqualTo(1);
    assertThat(text.codePointAt(0)).isEqualTo(0x1F600);
    assertThat(escaped.toJson()).isEqualTo("\"\uD83D\uDE00\"");
  }

  @Test
  void loneSurrogatesAreWrittenEscapedSoTheTextIsValidUnicode() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("a\uD800b", "\"a\\ud800b\""); // a lone high surrogate
    cases.put("a\uDFFFb", "\"a\\udfffb\""); // a lone low surrogate
    cases.put("end\uD83D", "\"end\\ud83d\""); // a high surrogate at the end
    cases.put("\uDE00\uD83D", "\"\\ude00\\ud83d\""); // a pair in the wrong order
    cases.put("\uD83D\uD83D\uDE00", "\"\\ud83d\uD83D\uDE00\""); // lone, then a pair
    cases.put("x\uD83D\uDE00y", "\"x\uD83D\uDE00y\""); // a valid pair is written as it is

    cases.forEach(
        (string, expected) -> {
          String written = JsonValue.of(string).toJson();

          assertThat(written).isEqualTo(expected);
          assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(written)).isTrue();
          assertThat(JsonValue.parse(written)).isEqualTo(JsonValue.of(string));
        });
  }

  @Test
  void controlCharactersAreEscapedOnWriteAndRoundTrip() {
    String nasty = "a\u0000b\u0001c\u001fd\u2028e\u2029f\u007fg";
    JsonValue value = JsonValue.of(nasty);

    String json = value.toJson();

    assertThat(json)
        .isEqualTo("\"a\\u0000b\\u0001c\\u001fd\\u2028e\\u2029f\u007fg\"")
        .doesNotContain("\u0000", "\u2028", "\u2029");
    assertThat(JsonValue.parse(json)).isEqualTo(value);
  }

  @Test
  void rawControlCharactersInStringsAreRejectedWithTheOffset() {
    assertThatThrownBy(() -> JsonValue.parse("\"ab\ncd\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid JSON at offset 3: control character in string");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1e2|1E+2",
        "1E2|1E+2",
        "1e+2|1E+2",
        "-1.5e-3|-0.0015",
        "0.1|0.1",
        "-0|0",
        "-0.0|0.0",
        "100|100",
        "1.000|1.000"
      })
  void numbersAreReadExactlyAndWrittenAsValidJson(String json, String written) {
    JsonValue value = JsonValue.parse(json);

    assertThat(value.toJson()).isEqualTo(written);
    assertThat(JsonValue.parse(value.toJson())).isEqualTo(value);
  }

  @Test
  void numbersCompareByValue() {
    assertThat(JsonValue.parse("1"))
        .isEqualTo(JsonValue.parse("1.0"))
        .isEqualTo(JsonValue.parse("1e0"))
        .isEqualTo(JsonValue.parse("0.1e1"))
        .isEqualTo(JsonValue.of(1))
        .isEqualTo(JsonValue.of(1.0))
        .hasSameHashCodeAs(JsonValue.parse("1.0"))
        .hasSameHashCodeAs(JsonValue.parse("1e0"));
    assertThat(JsonValue.parse("100")).hasSameHashCodeAs(JsonValue.parse("1e2"));
    assertThat(JsonValue.parse("-0")).isEqualTo(JsonValue.parse("0.00")).hasSameHashCodeAs(0);
    assertThat(JsonValue.parse("1")).isNotEqualTo(JsonValue.parse("1.0000000001"));
    assertThat(JsonValue.parse("1")).isNotEqualTo(JsonValue.of("1"));
  }

  @Test
  void numberAccessors() {
    JsonValue.NumberValue big = (JsonValue.NumberValue) JsonValue.parse("9007199254740993");
    assertThat(big.longValue()).isEqualTo(9007199254740993L);
    assertThat(big.value()).isEqualTo(new BigDecimal("9007199254740993"));
    assertThat(((JsonValue.NumberValue) JsonValue.parse("2.5")).doubleValue()).isEqualTo(2.5);
    assertThatThrownBy(((JsonValue.NumberValue) JsonValue.parse("2.5"))::longValue)
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void nonFiniteDoublesAreRefused() {
    assertThatThrownBy(() -> JsonValue.of(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON numbers must be finite, but was NaN");
    assertThatThrownBy(() -> JsonValue.of(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Infinity");
  }

  @Test
  void objectsAreEqualWhateverTheMemberOrderAndKeepTheirOrderWhenWritten() {
    JsonValue ab = JsonValue.parse("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":null}}");
    JsonValue ba = JsonValue.parse("{\"b\":{\"y\":null,\"x\":[1.0,2e0]},\"a\":1.0}");

    assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
    assertThat(ba.toJson()).isEqualTo("{\"b\":{\"y\":null,\"x\":[1.0,2]},\"a\":1.0}");
    assertThat(JsonValue.parse("[1,2]")).isNotEqualTo(JsonValue.parse("[2,1]"));
    assertThat(JsonValue.parse("{\"a\":1}")).isNotEqualTo(JsonValue.parse("{\"a\":1,\"b\":2}"));
  }

  @Test
  void factoriesBuildTheSameValuesAsTheParser() {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("s", JsonValue.of("x"));
    members.put("n", JsonValue.of(42));
    members.put("d", JsonValue.of(0.5));
    members.put("t", JsonValue.of(true));
    members.put("z", JsonValue.ofNull());
    members.put("a", JsonValue.array(List.of(JsonValue.of(false))));

    JsonValue.ObjectValue object = JsonValue.object(members);
    members.clear();

    assertThat(object.toJson())
        .isEqualTo("{\"s\":\"x\",\"n\":42,\"d\":0.5,\"t\":true,\"z\":null,\"a\":[false]}");
    assertThat(object).isEqualTo(JsonValue.parse(object.toJson()));
    assertThat(object.toString()).isEqualTo(object.toJson());
    assertThat(JsonValue.ofNull().toString()).isEqualTo("null");
    assertThatThrownBy(() -> object.members().put("x", JsonValue.ofNull()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void getAndAsString() {
    JsonValue value = JsonValue.parse("{\"name\":\"ada\",\"age\":36,\"nothing\":null}");

    assertThat(value.get("name").flatMap(JsonValue::asString)).contains("ada");
    assertThat(value.get("age")).contains(JsonValue.of(36));
    assertThat(value.get("age").flatMap(JsonValue::asString)).isEmpty();
    assertThat(value.get("nothing")).contains(JsonValue.ofNull());
    assertThat(value.get("missing")).isEmpty();
    assertThat(JsonValue.parse("[1]").get("name")).isEmpty();
    assertThat(JsonValue.of("s").get("s")).isEmpty();
    assertThat(value.asString()).isEmpty();
    assertThatThrownBy(() -> value.get(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void asLongReadsWholeNumbersOnly() {
    assertThat(JsonValue.parse("12").asLong()).hasValue(12);
    assertThat(JsonValue.parse("12.0").asLong()).hasValue(12);
    assertThat(JsonValue.parse("-9223372036854775808").asLong()).hasValue(Long.MIN_VALUE);
    assertThat(JsonValue.parse("12.5").asLong()).isEmpty();
    assertThat(JsonValue.parse("9223372036854775808").asLong()).as("past Long.MAX_VALUE").isEmpty();
    assertThat(JsonValue.of("12").asLong()).isEmpty();
    assertThat(JsonValue.ofNull().asLong()).isEmpty();
  }

  @Test
  void nestingUpToTheLimitIsAccepted() {
    String deepArrays = "[".repeat(MAX_DEPTH) + "1" + "]".repeat(MAX_DEPTH);
    String deepEmpty = "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH);
    String deepObjects = "{\"a\":".repeat(MAX_DEPTH) + "{}" + "}".repeat(MAX_DEPTH);

    assertThat(JsonValue.parse(deepArrays).toJson()).isEqualTo(deepArrays);
    assertThat(JsonValue.parse(deepEmpty).toJson()).isEqualTo(deepEmpty);
    assertThat(JsonValue.parse(deepObjects.replace("{}", "1")).toJson())
        .isEqualTo(deepObjects.replace("{}", "1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[", "[]", "{}", "1"})
  void nestingBeyondTheLimitIsAClearError(String innermost) {
    int levels = innermost.equals("1") ? MAX_DEPTH + 1 : MAX_DEPTH;
    String open = "[".repeat(levels);
    String json = open + innermost + "]".repeat(levels);
    if (innermost.equals("[")) {
      json = open + "[]" + "]".repeat(levels);
    }

    assertThatThrownBy(parsing(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nesting deeper than " + MAX_DEPTH);
  }

  @Test
  void veryDeepInputFailsCleanlyInsteadOfOverflowingTheStack() {
    String json = "[".repeat(100_000);

    assertThatThrownBy(parsing(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nesting deeper than");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{} x|3|unexpected text after the JSON value",
        "1 2|2|unexpected text after the JSON value",
        "[1]]|3|unexpected text after the JSON value",
        "01|1|unexpected text after the JSON value",
        "truex|4|unexpected text after the JSON value",
        "@|0|unexpected character '@'",
        "|0|unexpected end of input",
        "[1,]|3|unexpected character ']'",
        "{\"a\" 1}|5|expected ':'",
        "{\"a\":1,}|7|expected a member name",
        "{a:1}|1|expected a member name",
        "[1 2]|3|expected ',' or ']'",
        "{\"a\":1 \"b\":2}|7|expected ',' or '}'",
        "\"abc|4|unterminated string",
        "\"\\x\"|2|invalid escape",
        "\"\\u12\"|3|",
        "\"\\u12g4\"|5|invalid \\u escape",
        "-|1|invalid number",
        "1.|2|digits must follow '.'",
        "1e|2|digits must follow the exponent",
        ".5|0|unexpected character",
        "+1|0|unexpected character",
        "nul|0|invalid literal",
        "NaN|0|unexpected character",
        "[|1|unexpected end of input"
      })
  void invalidJsonIsRejectedWithTheOffset(String json, int offset, String what) {
    String input = json == null ? "" : json;

    assertThatThrownBy(parsing(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid JSON at offset " + offset + ": ")
        .hasMessageContaining(what == null ? "" : what);
  }

  @Test
  void ofTwoMembersWithTheSameNameTheLaterWins() {
    assertThat(JsonValue.parse("{\"a\":1,\"b\":0,\"a\":2}").toJson())
        .isEqualTo("{\"a\":2,\"b\":0}");
    // the same name spelled with an escape is the same name
    assertThat(JsonValue.parse("{\"x\":{\"ab\":1, \"a\\u0062\":2}}").toJson())
        .isEqualTo("{\"x\":{\"ab\":2}}");
  }

  @Test
  void hexEscapesTakeAsciiHexDigitsOnly() {
    // Character.digit accepts Arabic-Indic and full-width digits; RFC 8259 does not.
    assertThatThrownBy(parsing("\"\\u\u0660\u0660\u0664\u0661\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid JSON at offset 3: invalid \\u escape");
    assertThatThrownBy(parsing("\"\\u00\uFF21\uFF21\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid \\u escape");
    assertThat(JsonValue.parse("\"\\u00aA\"").asString()).contains("\u00aa");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e2147483648", "1e99999999999", "[1, 2e-9999999999]"})
  void numbersOutOfRangeAreRejectedAsInvalidJsonWithTheOffset(String json) {
    assertThatThrownBy(parsing(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid JSON at offset ")
        .hasMessageContaining("out of range");
  }

  @Test
  void aBuiltObjectKeepsTheOrderFirstPutAndIsReadOnly() {
    JsonValue.ObjectBuilder builder =
        JsonValue.objectBuilder()
            .put("b", JsonValue.of(1))
            .put("a", JsonValue.of("x"))
            .put("b", JsonValue.of(2));
    JsonValue.ObjectValue built = builder.build();

    assertThat(built.toJson()).isEqualTo("{\"b\":2,\"a\":\"x\"}");
    assertThat(built).isEqualTo(JsonValue.parse("{\"a\":\"x\",\"b\":2}"));
    assertThat(built.hashCode()).isEqualTo(JsonValue.parse("{\"b\":2,\"a\":\"x\"}").hashCode());
    assertThatThrownBy(() -> built.members().put("c", JsonValue.ofNull()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> built.members().entrySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> builder.put("c", JsonValue.ofNull()))
        .as("a builder hands its members over once; it cannot change them afterwards")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonValue.objectBuilder().put("n", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void anObjectMadeFromAMapCopiesItSoLaterChangesDoNotShow() {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("a", JsonValue.of(1));
    JsonValue.ObjectValue object = JsonValue.object(members);
    JsonValue.ObjectValue direct = new JsonValue.ObjectValue(members);
    members.put("b", JsonValue.of(2));

    assertThat(object.members()).containsOnlyKeys("a");
    assertThat(direct.members()).containsOnlyKeys("a");
  }

  private static org.assertj.core.api.ThrowableAssert.ThrowingCallable parsing(String json) {
    return () -> JsonValue.parse(json);
  }
}
