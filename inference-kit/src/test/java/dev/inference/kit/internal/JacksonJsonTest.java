package dev.inference.kit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.inference.JsonValue;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonJsonTest {

  @Test
  void parsesEveryKindOfValue() {
    JsonValue value =
        JacksonJson.parse(
            " {\"s\":\"h\\u00e9 \\\"q\\\" ✓\",\"i\":-42,\"f\":1.5,\"t\":true,\"n\":null,"
                + "\"a\":[1,[],{}],\"o\":{\"x\":false}} ");

    Map<String, JsonValue> expected = new LinkedHashMap<>();
    expected.put("s", JsonValue.of("hé \"q\" ✓"));
    expected.put("i", JsonValue.of(-42));
    expected.put("f", JsonValue.of(1.5));
    expected.put("t", JsonValue.of(true));
    expected.put("n", JsonValue.ofNull());
    expected.put(
        "a",
        JsonValue.array(
            List.of(JsonValue.of(1), JsonValue.array(List.of()), JsonValue.object(Map.of()))));
    expected.put("o", JsonValue.object(Map.of("x", JsonValue.of(false))));
    assertThat(value).isEqualTo(JsonValue.object(expected));
    assertThat(((JsonValue.ObjectValue) value).members().keySet())
        .containsExactly("s", "i", "f", "t", "n", "a", "o");
  }

  @Test
  void numbersAreExact() {
    assertThat(number("12345678901234567890123"))
        .isEqualTo(new BigDecimal("12345678901234567890123"));
    assertThat(number("9223372036854775807")).isEqualTo(new BigDecimal(Long.MAX_VALUE));
    assertThat(number("0.1")).isEqualTo(new BigDecimal("0.1"));
    assertThat(number("0.30000000000000000000001"))
        .isEqualTo(new BigDecimal("0.30000000000000000000001"));
    assertThat(number("1e400")).isEqualTo(new BigDecimal("1e400"));
    assertThat(number("-0")).isEqualByComparingTo(BigDecimal.ZERO);
  }

  private static BigDecimal number(String json) {
    return ((JsonValue.NumberValue) JacksonJson.parse(json)).value();
  }

  @Test
  void agreesWithJsonValueParse() {
    String json =
        "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\n\"},"
            + "\"finish_reason\":null}],\"usage\":{\"prompt_tokens\":9},\"x\":2.50}";

    assertThat(JacksonJson.parse(json)).isEqualTo(JsonValue.parse(json));
  }

  @Test
  void duplicateMembersKeepTheLastValue() {
    assertThat(JacksonJson.parse("{\"a\":1,\"a\":2}"))
        .isEqualTo(JsonValue.object(Map.of("a", JsonValue.of(2))));
  }

  @Test
  void rejectsBadJsonAndTrailingContent() {
    for (String bad :
        new String[] {
          "", "  ", "{", "{\"a\":}", "[1,]", "{} {}", "{}x", "1 2", "nul", "'a'", "{\"a\":1}}"
        }) {
      assertThatThrownBy(() -> JacksonJson.parse(bad))
          .as("%s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid JSON");
    }
  }

  @Test
  void errorsGiveTheOffset() {
    assertThatThrownBy(() -> JacksonJson.parse("{\"a\":1} [2]"))
        .hasMessage("invalid JSON at offset 8: unexpected content after the JSON value");
    assertThatThrownBy(() -> JacksonJson.parse("{\"a\":?}")).hasMessageContaining("offset 5");
  }

  @Test
  void readStartsAtTheCurrentTokenAndStopsAtTheValuesLastToken() throws IOException {
    try (JsonParser parser =
        JacksonJson.FACTORY.createParser(
            "{\"choices\":[{\"a\":1}],\"usage\":{\"b\":[2]},\"z\":3}")) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);

      JsonValue choices = JacksonJson.read(parser);

      assertThat(choices.toJson()).isEqualTo("[{\"a\":1}]");
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_ARRAY);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(parser.currentName()).isEqualTo("usage");
      parser.nextToken();
      assertThat(JacksonJson.read(parser).toJson()).isEqualTo("{\"b\":[2]}");
      assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(parser.currentName()).isEqualTo("z");
    }
  }

  @Test
  void readCallsNextTokenWhenThereIsNoCurrentToken() throws IOException {
    try (JsonParser parser = JacksonJson.FACTORY.createParser("[true]")) {
      assertThat(JacksonJson.read(parser).toJson()).isEqualTo("[true]");
    }
    try (JsonParser parser = JacksonJson.FACTORY.createParser("")) {
      assertThatThrownBy(() -> JacksonJson.read(parser)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void readRejectsATokenThatStartsNoValue() throws IOException {
    try (JsonParser parser = JacksonJson.FACTORY.createParser("{\"a\":1}")) {
      parser.nextToken();
      parser.nextToken(); // FIELD_NAME
      assertThatThrownBy(() -> JacksonJson.read(parser))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("FIELD_NAME");
    }
  }

  @Test
  void writeRoundTrips() throws IOException {
    String json =
        "{\"s\":\"line\\nquote\\\" é 🌍\",\"n\":12345678901234567890.5,\"i\":7,"
            + "\"a\":[null,false,true,{}],\"e\":[]}";
    JsonValue value = JacksonJson.parse(json);

    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JacksonJson.FACTORY.createGenerator(out)) {
      JacksonJson.write(generator, value);
    }

    assertThat(out.toString()).isEqualTo(json);
    assertThat(JacksonJson.parse(out.toString())).isEqualTo(value);
  }

  @Test
  void textReusesTheKnownStringOnlyWhenEqual() throws IOException {
    String known = new String("llama3.2:1b");
    byte[] json =
        "[\"llama3.2:1b\",\"llama3.2:1B\",\"llama3\",\"caf\u00e9\"]"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (JsonParser parser = JacksonJson.FACTORY.createParser(json)) {
      parser.nextToken();
      parser.nextToken();
      assertThat(JacksonJson.text(parser, known)).isSameAs(known);
      parser.nextToken();
      assertThat(JacksonJson.text(parser, known)).isEqualTo("llama3.2:1B").isNotSameAs(known);
      parser.nextToken();
      assertThat(JacksonJson.text(parser, known)).isEqualTo("llama3");
      parser.nextToken();
      assertThat(JacksonJson.text(parser, "cafe")).isEqualTo("caf\u00e9");
      assertThat(JacksonJson.text(parser, null)).isEqualTo("caf\u00e9");
    }
  }
}
