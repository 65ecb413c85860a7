package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InferenceRequestTest {

  private static final JsonValue SCHEMA =
      JsonValue.parse("{\"type\":\"object\",\"properties\":{\"summary\":{\"type\":\"string\"}}}");
  private static final ResponseFormat SUMMARY =
      ResponseFormat.jsonSchema(JsonSchema.of("summary", SCHEMA));

  @ParameterizedTest
  @ValueSource(doubles = {-1.0, -0.0001, Double.NaN, Double.POSITIVE_INFINITY})
  void temperatureOutsideTheBoundIsRejectedNamingTheBoundAndTheValue(double bad) {
    InferenceRequest.Builder builder = InferenceRequest.builder().temperature(0.7);

    assertThatThrownBy(() -> builder.temperature(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("temperature must be a finite value >= 0, but was " + bad);
    assertThat(builder.userPrompt("x").build().temperature()).hasValue(0.7);
  }

  @Test
  void negativeInfinityTemperatureIsRejected() {
    assertThatThrownBy(() -> InferenceRequest.builder().temperature(Double.NEGATIVE_INFINITY))
        .hasMessageContaining("but was -Infinity");
  }

  @Test
  void temperatureBoundsAreInclusive() {
    assertThat(InferenceRequest.builder().temperature(0).userPrompt("x").build().temperature())
        .hasValue(0.0);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, 4_294_967_296L, Long.MAX_VALUE, Long.MIN_VALUE})
  void maxOutputTokensOutsideTheBoundIsRejected(long bad) {
    assertThatThrownBy(() -> InferenceRequest.builder().maxOutputTokens(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxOutputTokens must be between 1 and 4294967295, but was " + bad);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 4_294_967_295L})
  void maxOutputTokensBoundsAreInclusive(long limit) {
    assertThat(InferenceRequest.builder().userPrompt("x").maxOutputTokens(limit).build())
        .extracting(r -> r.maxOutputTokens().getAsLong())
        .isEqualTo(limit);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 1.0001, Double.NaN})
  void topPOutsideZeroToOneIsRejected(double bad) {
    assertThatThrownBy(() -> InferenceRequest.builder().topP(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topP must be between 0 and 1, but was " + bad);
  }

  @Test
  void aRequestWithoutMessagesIsRejected() {
    assertThatThrownBy(() -> InferenceRequest.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("messages must not be empty");
    assertThatThrownBy(() -> InferenceRequest.builder().messages(List.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("messages must not be empty");
  }

  @Test
  void aSystemPromptNeedsAUserPrompt() {
    assertThatThrownBy(() -> InferenceRequest.builder().systemPrompt("be terse").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("systemPrompt was set without a userPrompt");
  }

  @Test
  void theShorthandAndAMessageListCannotBeMixed() {
    assertThatThrownBy(
            () ->
                InferenceRequest.builder()
                    .userPrompt("hi")
                    .addMessage(Message.assistant("hello"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("set either systemPrompt/userPrompt or messages, not both");
    assertThatThrownBy(
            () ->
                InferenceRequest.builder()
                    .messages(List.of(Message.user("hi")))
                    .systemPrompt("s")
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theShorthandBecomesSystemThenUserMessages() {
    InferenceRequest request =
        InferenceRequest.builder().systemPrompt("be terse").userPrompt("summarise").build();

    assertThat(request.messages())
        .containsExactly(Message.system("be terse"), Message.user("summarise"));
    assertThat(InferenceRequest.of("just this").messages())
        .containsExactly(Message.user("just this"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void aBlankRequestIdIsRejected(String blank) {
    assertThatThrownBy(() -> InferenceRequest.builder().requestId(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestId must not be blank, but was '" + blank + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "dot.ted", "ü", "a/b"})
  void aBadSchemaNameIsRejected(String name) {
    assertThatThrownBy(() -> JsonSchema.of(name, SCHEMA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "jsonSchema name must be 1 to 64 of a-z, A-Z, 0-9, '_' and '-', but was '"
                + name
                + "'");
  }

  @Test
  void schemaNamesUpTo64CharactersAreAccepted() {
    String longest = "a".repeat(64);
    assertThat(
            InferenceRequest.builder()
                .responseFormat(ResponseFormat.jsonSchema(JsonSchema.of(longest, SCHEMA)))
                .userPrompt("x")
                .build()
                .responseFormat())
        .isEqualTo(ResponseFormat.jsonSchema(JsonSchema.of(longest, SCHEMA)));
    assertThatThrownBy(() -> JsonSchema.of(longest + "a", SCHEMA))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"object\"", "true", "null", "1"})
  void aSchemaThatIsNotAnObjectIsRejected(String schema) {
    assertThatThrownBy(() -> JsonSchema.of("s", JsonValue.parse(schema)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jsonSchema schema must be a JSON object, but was " + schema);
  }

  @Test
  void theLastResponseFormatSetWins() {
    InferenceRequest schema =
        InferenceRequest.builder().responseFormat(SUMMARY).userPrompt("x").build();
    assertThat(schema.responseFormat().kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
    assertThat(((ResponseFormat.Schema) schema.responseFormat()).schema().name())
        .isEqualTo("summary");

    InferenceRequest json = schema.toBuilder().responseFormat(ResponseFormat.jsonObject()).build();
    assertThat(json.responseFormat()).isEqualTo(ResponseFormat.jsonObject());
  }

  @Test
  void toolsAreCheckedAgainstTheToolChoice() {
    Tool weather = Tool.of("weather", "", JsonValue.parse("{\"type\":\"object\"}"));
    InferenceRequest request =
        InferenceRequest.builder()
            .userPrompt("x")
            .addTool(weather)
            .toolChoice(ToolChoice.named("weather"))
            .parallelToolCalls(false)
            .build();
    assertThat(request.tools()).containsExactly(weather);
    assertThat(request.toolChoice()).isEqualTo(ToolChoice.named("weather"));
    assertThat(request.parallelToolCalls()).contains(false);
    assertThat(request.toBuilder().build().tools()).containsExactly(weather);

    assertThatThrownBy(() -> InferenceRequest.builder().addTool(weather).addTool(weather))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two tools are named weather");
    assertThatThrownBy(
            () ->
                InferenceRequest.builder()
                    .userPrompt("x")
                    .addTool(weather)
                    .toolChoice(ToolChoice.named("search"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("toolChoice names search, which is not among the tools [weather]");
    assertThatThrownBy(
            () ->
                InferenceRequest.builder()
                    .userPrompt("x")
                    .toolChoice(ToolChoice.required())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("toolChoice required needs tools: add them with addTool");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void aNonPositiveTimeoutIsRejected(long millis) {
    Duration bad = Duration.ofMillis(millis);
    assertThatThrownBy(() -> InferenceRequest.builder().timeout(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, but was " + bad);
  }

  @Test
  void emptyStopSequencesAreRejected() {
    assertThatThrownBy(() -> InferenceRequest.builder().stop(List.of("END", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stop sequences must not be empty");
  }

  @Test
  void nullsAreRejectedWithTheParameterName() {
    InferenceRequest.Builder builder = InferenceRequest.builder();
    assertThatThrownBy(() -> builder.userPrompt(null)).hasMessage("userPrompt");
    assertThatThrownBy(() -> builder.systemPrompt(null)).hasMessage("systemPrompt");
    assertThatThrownBy(() -> builder.addMessage(null)).hasMessage("message");
    assertThatThrownBy(() -> builder.requestId(null)).hasMessage("requestId");
    assertThatThrownBy(() -> builder.timeout(null)).hasMessage("timeout");
    assertThatThrownBy(() -> builder.metadata("k", null)).hasMessage("value");
  }

  @Test
  void defaults() {
    InferenceRequest request = InferenceRequest.of("hi");

    assertThat(request.responseFormat()).isEqualTo(ResponseFormat.text());
    assertThat(request.tools()).isEmpty();
    assertThat(request.toolChoice()).isEqualTo(ToolChoice.auto());
    assertThat(request.parallelToolCalls()).isEmpty();
    assertThat(request.temperature()).isEmpty();
    assertThat(request.maxOutputTokens()).isEmpty();
    assertThat(request.stop()).isEmpty();
    assertThat(request.seed()).isEmpty();
    assertThat(request.topP()).isEmpty();
    assertThat(request.metadata()).isEmpty();
    assertThat(request.timeout()).isEmpty();
    assertThat(request.requestId()).isNotBlank();
  }

  @Test
  void generatedRequestIdsAreUnique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(InferenceRequest.of("hi").requestId());
    }
    assertThat(ids).hasSize(1000);
  }

  @Test
  void theBuilderCanBeReusedAndEachBuildGetsItsOwnId() {
    InferenceRequest.Builder builder = InferenceRequest.builder().userPrompt("hi");
    assertThat(builder.build().requestId()).isNotEqualTo(builder.build().requestId());
  }

  @Test
  void toBuilderKeepsEveryValue() {
    InferenceRequest original =
        InferenceRequest.builder()
            .messages(List.of(Message.system("s"), Message.user("u"), Message.assistant("a")))
            .addMessage(Message.user("again"))
            .responseFormat(SUMMARY)
            .addTool(Tool.of("lookup", "finds a word", SCHEMA))
            .toolChoice(ToolChoice.required())
            .parallelToolCalls(false)
            .temperature(0.3)
            .maxOutputTokens(77)
            .stop(List.of("END", "STOP"))
            .seed(-42)
            .topP(0.9)
            .requestId("req-123")
            .metadata("team", JsonValue.of("search"))
            .metadata("attempt", JsonValue.of(2))
            .timeout(Duration.ofSeconds(12))
            .build();

    InferenceRequest copy = original.toBuilder().build();

    assertSameValues(copy, original);
    assertThat(copy.messages()).hasSize(4);
    assertThat(original.toString()).contains("req-123", "messages=4", "json_schema", "tools=1");
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    InferenceRequest original =
        InferenceRequest.builder()
            .userPrompt("u")
            .temperature(0.3)
            .requestId("req-1")
            .metadata("k", JsonValue.of(true))
            .build();

    InferenceRequest changed = original.toBuilder().temperature(1.5).requestId("req-2").build();

    assertThat(changed.temperature()).hasValue(1.5);
    assertThat(changed.requestId()).isEqualTo("req-2");
    assertThat(changed.messages()).isEqualTo(original.messages());
    assertThat(changed.metadata()).isEqualTo(original.metadata());
    assertThat(original.temperature()).hasValue(0.3);
  }

  @Test
  void toBuilderOfAShorthandRequestTakesANewUserPromptAndKeepsTheSystemPrompt() {
    InferenceRequest first =
        InferenceRequest.builder().systemPrompt("be terse").userPrompt("first").build();

    InferenceRequest next = first.toBuilder().userPrompt("next").build();

    assertThat(next.messages()).containsExactly(Message.system("be terse"), Message.user("next"));
    // the documented idiom is a new call: an id the library generated is not handed on
    assertThat(next.requestId()).isNotEqualTo(first.requestId());
    assertThat(first.toBuilder().build().requestId()).isNotEqualTo(first.requestId());
    assertThat(InferenceRequest.of("a").toBuilder().userPrompt("b").build().messages())
        .containsExactly(Message.user("b"));
    assertThat(first.toBuilder().systemPrompt("be kind").build().messages())
        .containsExactly(Message.system("be kind"), Message.user("first"));
  }

  @Test
  void toBuilderOfAShorthandRequestCanContinueTheConversationWithMessages() {
    InferenceRequest first =
        InferenceRequest.builder().systemPrompt("be terse").userPrompt("first").build();

    InferenceRequest followUp =
        first.toBuilder()
            .addMessage(Message.assistant("answer"))
            .addMessage(Message.user("and then?"))
            .build();

    assertThat(followUp.messages())
        .containsExactly(
            Message.system("be terse"),
            Message.user("first"),
            Message.assistant("answer"),
            Message.user("and then?"));
    assertThat(first.toBuilder().messages(List.of(Message.user("fresh"))).build().messages())
        .containsExactly(Message.user("fresh"));
  }

  @Test
  void toBuilderOfAMessagesRequestStillRefusesTheShorthand() {
    InferenceRequest conversation =
        InferenceRequest.builder()
            .messages(List.of(Message.user("hi"), Message.assistant("hello")))
            .addMessage(Message.user("more"))
            .build();

    assertThatThrownBy(() -> conversation.toBuilder().userPrompt("next").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("set either systemPrompt/userPrompt or messages, not both");
  }

  @Test
  void mixingTheShorthandSetOnTheCopyWithMessagesIsStillRefused() {
    InferenceRequest first = InferenceRequest.of("first");

    assertThatThrownBy(
            () -> first.toBuilder().userPrompt("next").addMessage(Message.user("x")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("set either systemPrompt/userPrompt or messages, not both");
  }

  @Test
  void metadataFromAMapKeepsTheMapsOrder() {
    Map<String, JsonValue> ordered = new LinkedHashMap<>();
    for (int i = 20; i > 0; i--) {
      ordered.put("key-" + i, JsonValue.of(i));
    }

    InferenceRequest request = InferenceRequest.builder().userPrompt("u").metadata(ordered).build();

    assertThat(List.copyOf(request.metadata().keySet())).isEqualTo(List.copyOf(ordered.keySet()));
  }

  @Test
  void metadataFromAMapRefusesNullKeysAndValuesByName() {
    Map<String, JsonValue> nullKey = new HashMap<>();
    nullKey.put(null, JsonValue.of(1));
    Map<String, JsonValue> nullValue = new LinkedHashMap<>();
    nullValue.put("ok", JsonValue.of(1));
    nullValue.put("team", null);
    InferenceRequest.Builder builder =
        InferenceRequest.builder().userPrompt("u").metadata("kept", JsonValue.of(true));

    assertThatThrownBy(() -> builder.metadata(nullKey))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("metadata key");
    assertThatThrownBy(() -> builder.metadata(nullValue))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("metadata value")
        .hasMessageContaining("team");
    assertThat(builder.build().metadata()).containsOnlyKeys("kept"); // nothing half-replaced
  }

  private static InferenceRequest.Builder everything() {
    return InferenceRequest.builder()
        .messages(List.of(Message.system("s"), Message.user("u")))
        .responseFormat(SUMMARY)
        .temperature(0.3)
        .maxOutputTokens(77)
        .stop(List.of("END"))
        .seed(7)
        .topP(0.9)
        .requestId("req-1")
        .metadata("team", JsonValue.of("search"))
        .timeout(Duration.ofSeconds(12));
  }

  @Test
  void requestsWithTheSameValuesAreEqual() {
    InferenceRequest one = everything().build();
    InferenceRequest two = everything().build();

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(null).isNotEqualTo("req-1");
    assertThat(one.toBuilder().build()).isEqualTo(one).hasSameHashCodeAs(one);
    assertThat(InferenceRequest.builder().userPrompt("u").requestId("r").build())
        .isEqualTo(
            InferenceRequest.builder().messages(List.of(Message.user("u"))).requestId("r").build());
  }

  @Test
  void requestsDifferingInAnyValueAreNotEqual() {
    InferenceRequest base = everything().build();

    assertThat(
            List.of(
                base.toBuilder().messages(List.of(Message.user("u"))).build(),
                base.toBuilder().responseFormat(ResponseFormat.jsonObject()).build(),
                base.toBuilder()
                    .responseFormat(ResponseFormat.jsonSchema(JsonSchema.of("other", SCHEMA)))
                    .build(),
                base.toBuilder()
                    .responseFormat(
                        ResponseFormat.jsonSchema(JsonSchema.of("summary", JsonValue.parse("{}"))))
                    .build(),
                base.toBuilder()
                    .addTool(Tool.of("t", "", JsonValue.parse("{}")))
                    .toolChoice(ToolChoice.none())
                    .build(),
                base.toBuilder().parallelToolCalls(true).build(),
                base.toBuilder().temperature(0.4).build(),
                base.toBuilder().maxOutputTokens(78).build(),
                base.toBuilder().stop(List.of("STOP")).build(),
                base.toBuilder().seed(8).build(),
                base.toBuilder().topP(0.8).build(),
                base.toBuilder().requestId("req-2").build(),
                base.toBuilder().metadata("team", JsonValue.of("ads")).build(),
                base.toBuilder().timeout(Duration.ofSeconds(13)).build()))
        .allSatisfy(changed -> assertThat(changed).isNotEqualTo(base));
    assertThat(InferenceRequest.of("same")).isNotEqualTo(InferenceRequest.of("same")); // ids
  }

  @Test
  void valuesAreImmutableCopies() {
    List<Message> messages = new java.util.ArrayList<>(List.of(Message.user("u")));
    InferenceRequest request =
        InferenceRequest.builder()
            .messages(messages)
            .metadata(Map.of("k", JsonValue.of(1)))
            .build();
    messages.add(Message.user("late"));

    assertThat(request.messages()).hasSize(1);
    assertThatThrownBy(() -> request.messages().add(Message.user("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.metadata().put("x", JsonValue.ofNull()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.stop().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static void assertSameValues(InferenceRequest actual, InferenceRequest expected) {
    assertThat(actual.messages()).isEqualTo(expected.messages());
    assertThat(actual.responseFormat()).isEqualTo(expected.responseFormat());
    assertThat(actual.tools()).isEqualTo(expected.tools());
    assertThat(actual.toolChoice()).isEqualTo(expected.toolChoice());
    assertThat(actual.parallelToolCalls()).isEqualTo(expected.parallelToolCalls());
    assertThat(actual.temperature()).isEqualTo(expected.temperature());
    assertThat(actual.maxOutputTokens()).isEqualTo(expected.maxOutputTokens());
    assertThat(actual.stop()).isEqualTo(expected.stop());
    assertThat(actual.seed()).isEqualTo(expected.seed());
    assertThat(actual.topP()).isEqualTo(expected.topP());
    assertThat(actual.requestId()).isEqualTo(expected.requestId());
    assertThat(actual.metadata()).isEqualTo(expected.metadata());
    assertThat(List.copyOf(actual.metadata().keySet()))
        .isEqualTo(List.copyOf(expected.metadata().keySet()));
    assertThat(actual.timeout()).isEqualTo(expected.timeout());
  }
}
