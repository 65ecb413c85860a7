package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's own JSON interfaces, as a dialect uses them. */
class JsonReaderWriterTest {

  @Test
  void aWrittenDocumentReadsBackTokenByToken() throws IOException {
    byte[] json =
        Json.write(
            out ->
                out.startObject()
                    .field("model", "m")
                    .field("n", 3L)
                    .field("t", 0.5)
                    .field("stream", true)
                    .startArray("stop")
                    .value("a")
                    .nullValue()
                    .endArray()
                    .startObject("schema")
                    .field("x", new JsonValue.NumberValue(new BigDecimal("1.25")))
                    .endObject()
                    .endObject());
    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"model\":\"m\",\"n\":3,\"t\":0.5,\"stream\":true,\"stop\":[\"a\",null],"
                + "\"schema\":{\"x\":1.25}}");
    List<String> seen = new ArrayList<>();
    try (JsonReader in = Json.reader(json)) {
      for (JsonReader.Token token = in.next(); token != null; token = in.next()) {
        seen.add(
            switch (token) {
              case NAME -> "name " + in.name();
              case STRING -> "string " + in.text();
              case INTEGER -> "integer " + in.longValue();
              case DECIMAL -> "decimal " + in.decimalValue();
              default -> token.name();
            });
      }
    }
    assertThat(seen)
        .containsExactly(
            "START_OBJECT",
            "name model",
            "string m",
            "name n",
            "integer 3",
            "name t",
            "decimal 0.5",
            "name stream",
            "TRUE",
            "name stop",
            "START_ARRAY",
            "string a",
            "NULL",
            "END_ARRAY",
            "name schema",
            "START_OBJECT",
            "name x",
            "decimal 1.25",
            "END_OBJECT",
            "END_OBJECT");
  }

  @Test
  void skipChildrenLeavesTheReaderOnTheValuesLastToken() throws IOException {
    try (JsonReader in = Json.reader("{\"a\":{\"b\":[1,{\"c\":2}]},\"d\":\"e\"}")) {
      in.next(); // {
      in.next(); // a
      assertThat(in.next()).isEqualTo(JsonReader.Token.START_OBJECT);
      in.skipChildren();
      assertThat(in.current()).isEqualTo(JsonReader.Token.END_OBJECT);
      assertThat(in.next()).isEqualTo(JsonReader.Token.NAME);
      assertThat(in.name()).isEqualTo("d");
    }
  }

  @Test
  void aKnownStringIsReturnedItselfAndAnotherIsNot() throws IOException {
    String known = "chat.completion.chunk";
    try (JsonReader in = Json.reader("[\"chat.completion.chunk\",\"chat.completion\"]")) {
      in.next();
      in.next();
      assertThat(in.text(known)).isSameAs(known);
      in.next();
      assertThat(in.text(known)).isEqualTo("chat.completion");
    }
  }

  @Test
  void readValueBuildsATreeAndDuplicateMembersKeepTheLastValue() throws IOException {
    try (JsonReader in = Json.reader("{\"a\":1,\"a\":[true,null],\"b\":\"x\"}")) {
      assertThat(in.readValue())
          .isEqualTo(
              JsonValue.object(
                  Map.of(
                      "a",
                      JsonValue.array(List.of(JsonValue.of(true), JsonValue.ofNull())),
                      "b",
                      JsonValue.of("x"))));
    }
  }

  @Test
  void badInputFailsWithItsPosition() {
    assertThatThrownBy(
            () -> {
              try (JsonReader in = Json.reader("{\"a\":}")) {
                in.readValue();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("column");
    try (JsonReader in = Json.reader("[1]")) {
      assertThat(in.unexpected("expected a JSON object"))
          .hasMessageContaining("expected a JSON object");
    }
    assertThatThrownBy(() -> Json.parse("{} {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset");
  }

  @Test
  void aNumberOutOfRangeIsAParseErrorNotANumberFormatException() throws IOException {
    // found by JsonFuzzTest#reader: Jackson's NumberFormatException escaped both readers
    for (String json : List.of("[-1E-40089012345]", "1e99999999999", "{\"a\":1e2147483648}")) {
      assertThatThrownBy(() -> Json.parse(json))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("number out of range");
      try (JsonReader in = Json.reader(json.getBytes(StandardCharsets.UTF_8))) {
        in.next();
        assertThatThrownBy(in::readValue)
            .isInstanceOf(IOException.class)
            .hasMessageContaining("number out of range");
      }
    }
    try (JsonReader in = Json.reader("2e-9999999999")) {
      in.next();
      assertThatThrownBy(in::decimalValue).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aMemberNameWithAnUnpairedSurrogateParsesAsJsonValueParsesIt() {
    // found by JsonFuzzTest#parse: Jackson refuses these names, JsonValue.parse and toJson do not
    for (String json : List.of("{\"\\ude00\":1}", "{\"a\\ud800b\":[1]}", "{\"\\ud83d\":{}}")) {
      JsonValue value = Json.parse(json);
      assertThat(value).isEqualTo(JsonValue.parse(json));
      assertThat(Json.parse(value.toJson())).isEqualTo(value);
    }
    assertThatThrownBy(() -> Json.parse("{\"\\ud800\":1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aUnicodeEscapeWithANonAsciiDigitIsRefusedLikeJsonValueParseRefusesIt() throws IOException {
    // found by JsonFuzzTest#parse: Jackson's character parser read U+0264 as the hex digit d
    for (String json : List.of("\"\\u202\u0264\"", "{\"\\u004\u0231\":1}", "\"\\u00")) {
      assertThatThrownBy(() -> Json.parse(json))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid \\u escape");
      assertThatThrownBy(() -> JsonValue.parse(json)).isInstanceOf(IllegalArgumentException.class);
      try (JsonReader in = Json.reader(json)) {
        assertThatThrownBy(in::next).isInstanceOf(IOException.class);
      }
    }
    assertThat(Json.parse("\"\\\\u0264 \\u00e9\"")).isEqualTo(JsonValue.of("\\u0264 \u00e9"));
  }

  @Test
  void bytesThatJacksonTakesForAnotherEncodingFailOnTheFirstReadNotWhenTheReaderIsMade()
      throws IOException {
    // found by JsonFuzzTest#reader: 00 00 02 00 is "UCS-4 2143" to Jackson, which refused to start
    byte[] body = {0, 0, 2, 0, 0, 0, 0, 0, '[', '0', ']'};
    try (JsonReader in = Json.reader(body)) {
      assertThatThrownBy(in::next).isInstanceOf(IOException.class);
      assertThatThrownBy(in::readValue).isInstanceOf(IOException.class);
    }
  }
}
