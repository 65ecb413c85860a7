package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schemas derived from records, exactly, and values mapped back onto them. */
class JsonSchemaTest {

  enum Mood {
    CALM,
    STORMY
  }

  @Description("A city's weather")
  record Weather(
      @Description("degrees Celsius") double temperature,
      String city,
      int humidity,
      Mood mood,
      Optional<String> note,
      List<Forecast> days) {}

  record Forecast(long day, boolean rain, Set<String> tags, BigDecimal wind) {}

  record Everything(
      short s, byte b, Long boxed, float f, Boolean flag, String[] names, List<int[]> grid) {}

  record Node(String name, List<Node> children) {}

  record Bad(Object anything) {}

  record Checked(int count) {
    Checked {
      if (count < 0) {
        throw new IllegalArgumentException("count must be >= 0, but was " + count);
      }
    }
  }

  @Test
  void aRecordGivesAStrictObjectSchema() {
    JsonSchema schema = JsonSchema.of(Weather.class);

    assertThat(schema.name()).isEqualTo("Weather");
    assertThat(schema.strict()).isTrue();
    assertThat(JsonSchema.of("hand", JsonValue.parse("{}")).strict()).isFalse();
    assertThat(schema.withStrict(false)).isNotEqualTo(schema);
    assertThat(schema.withStrict(false).withStrict(true)).isEqualTo(schema);
    assertThat(schema.schema().toJson())
        .isEqualTo(
            "{\"type\":\"object\",\"description\":\"A city's weather\",\"properties\":{"
                + "\"temperature\":{\"type\":\"number\",\"description\":\"degrees Celsius\"},"
                + "\"city\":{\"type\":\"string\"},"
                + "\"humidity\":{\"type\":\"integer\"},"
                + "\"mood\":{\"type\":\"string\",\"enum\":[\"CALM\",\"STORMY\"]},"
                + "\"note\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]},"
                + "\"days\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
                + "\"day\":{\"type\":\"integer\"},\"rain\":{\"type\":\"boolean\"},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                + "\"wind\":{\"type\":\"number\"}},"
                + "\"required\":[\"day\",\"rain\",\"tags\",\"wind\"],"
                + "\"additionalProperties\":false}}},"
                + "\"required\":[\"temperature\",\"city\",\"humidity\",\"mood\",\"note\",\"days\"],"
                + "\"additionalProperties\":false}");
  }

  @Test
  void everyNumberTypeArraysAndBoxesHaveTheirSchema() {
    assertThat(JsonSchema.of(Everything.class).schema().get("properties").orElseThrow().toJson())
        .isEqualTo(
            "{\"s\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"},"
                + "\"boxed\":{\"type\":\"integer\"},\"f\":{\"type\":\"number\"},"
                + "\"flag\":{\"type\":\"boolean\"},"
                + "\"names\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                + "\"grid\":{\"type\":\"array\",\"items\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"integer\"}}}}");
  }

  @Test
  void whatNoSchemaCanDescribeIsRefusedWithItsPlace() {
    assertThatThrownBy(() -> JsonSchema.of(Bad.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Bad.anything: java.lang.Object has no JSON schema here");
    assertThatThrownBy(() -> JsonSchema.of(Node.class))
        .hasMessageContaining("Node.children[]: record")
        .hasMessageContaining("contains itself");
    assertThatThrownBy(() -> JsonSchema.of("bad name", JsonValue.parse("{}")))
        .hasMessageContaining("'bad name'");
  }

  @Test
  void aValueMapsBackOntoTheRecord() {
    Weather weather =
        JsonValue.parse(
                "{\"temperature\":21.5,\"city\":\"Oslo\",\"humidity\":80,\"mood\":\"CALM\","
                    + "\"note\":null,\"extra\":true,\"days\":[{\"day\":1,\"rain\":false,"
                    + "\"tags\":[\"a\",\"b\",\"a\"],\"wind\":3.25}]}")
            .as(Weather.class);

    assertThat(weather)
        .isEqualTo(
            new Weather(
                21.5,
                "Oslo",
                80,
                Mood.CALM,
                Optional.empty(),
                List.of(new Forecast(1, false, Set.of("a", "b"), new BigDecimal("3.25")))));
    assertThat(
            JsonValue.parse(
                    "{\"temperature\":1,\"city\":\"c\",\"humidity\":2,"
                        + "\"mood\":\"STORMY\",\"note\":\"n\",\"days\":[]}")
                .as(Weather.class)
                .note())
        .contains("n");
    Everything all =
        JsonValue.parse(
                "{\"s\":1,\"b\":2,\"boxed\":3,\"f\":0.5,\"flag\":true,\"names\":[\"x\"],"
                    + "\"grid\":[[1,2],[3]]}")
            .as(Everything.class);
    assertThat(all.names()).containsExactly("x");
    assertThat(all.grid().get(0)).containsExactly(1, 2);
  }

  @Test
  void aValueThatDoesNotFitNamesItsPath() {
    String days = "\"days\":[{\"day\":1,\"rain\":false,\"tags\":[],\"wind\":1}";
    String head = "{\"temperature\":1,\"city\":\"c\",\"humidity\":2,\"mood\":\"CALM\",";
    assertThatThrownBy(
            () -> JsonValue.parse(head + days + ",{\"day\":\"two\"}]}").as(Weather.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("$.days[1].day: expected an integer (long), but was a string");
    // an Optional may be missing; a List may not
    String noDays = head.substring(0, head.length() - 1) + "}";
    assertThatThrownBy(() -> JsonValue.parse(noDays).as(Weather.class))
        .hasMessage("$.days: expected an array, but was missing");
    assertThatThrownBy(
            () -> JsonValue.parse("{\"temperature\":1,\"humidity\":2}").as(Weather.class))
        .hasMessage("$.city: missing, but a string is required");
    assertThatThrownBy(
            () -> JsonValue.parse(head.replace("CALM", "SUNNY") + "\"days\":[]}").as(Weather.class))
        .hasMessage("$.mood: expected one of [CALM, STORMY], but was \"SUNNY\"");
    assertThatThrownBy(
            () -> JsonValue.parse(head.replace("2,", "2.5,") + "\"days\":[]}").as(Weather.class))
        .hasMessage("$.humidity: expected an integer (int), but 2.5 does not fit");
    assertThatThrownBy(() -> JsonValue.parse("[1]").as(Weather.class))
        .hasMessage("$: expected an object (Weather), but was an array");
    assertThatThrownBy(() -> JsonValue.parse("{\"count\":-1}").as(Checked.class))
        .hasMessage("$: Checked refused the values: count must be >= 0, but was -1");
  }

  @Test
  void inferWithARecordSendsItsSchemaAndReturnsTheRecord() {
    record Verdict(boolean approve, String reason) {}
    InferenceRequest[] sent = new InferenceRequest[1];
    String[] answer = {"{\"approve\":true,\"reason\":\"fine\"}"};
    InferenceClient client =
        new InferenceClient() {
          @Override
          public InferenceResponse infer(InferenceRequest request) {
            sent[0] = request;
            InferenceResponse.Builder response =
                InferenceResponse.builder()
                    .text(answer[0])
                    .providerName("p")
                    .modelName("m")
                    .requestId(request.requestId());
            try {
              response.parsedJson(JsonValue.parse(answer[0]));
            } catch (IllegalArgumentException notJson) {
              // no parsed JSON
            }
            return response.build();
          }

          @Override
          public java.util.concurrent.CompletableFuture<InferenceResponse> inferAsync(
              InferenceRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public InferenceStream stream(InferenceRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public ProviderDescription describe() {
            throw new UnsupportedOperationException();
          }

          @Override
          public void close() {}
        };

    Verdict verdict = client.infer(InferenceRequest.of("Review."), Verdict.class);

    assertThat(verdict).isEqualTo(new Verdict(true, "fine"));
    assertThat(sent[0].responseFormat())
        .isEqualTo(ResponseFormat.jsonSchema(JsonSchema.of(Verdict.class)));

    answer[0] = "{\"approve\":\"yes\"}";
    assertThatThrownBy(() -> client.infer(InferenceRequest.of("Review."), Verdict.class))
        .isInstanceOf(InferenceException.class)
        .hasMessage(
            "the answer does not fit Verdict: $.approve: expected a boolean, but was a string")
        .satisfies(
            e -> {
              InferenceException failure = (InferenceException) e;
              assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
              assertThat(failure.partialText()).contains("{\"approve\":\"yes\"}");
            });
  }
}
