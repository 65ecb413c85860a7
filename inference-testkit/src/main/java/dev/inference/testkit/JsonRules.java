package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.assertMembers;
import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonSchema;
import dev.inference.JsonValue;
import dev.inference.ResponseFormat;

/**
 * The rules of sections 4 ({@code JSON_OBJECT}) and 5 ({@code JSON_SCHEMA}): JSON modes on the wire
 * and the parsed answer.
 */
final class JsonRules {

  private final KitContext kit;

  JsonRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 4.1. */
  void theRequestAsksForJson() {
    kit.stub(new Scenario.JsonObject("{\"a\":1}"));
    kit.client().infer(request(ResponseFormat.Kind.JSON_OBJECT));
    assertMembers(
        kit.sentBody(),
        kit.fixture().responseFormatMembers(ResponseFormat.jsonObject()),
        "the fixture's response-mode members");
  }

  /** Rule 4.2. */
  void parsedJsonEqualsTheObject() {
    String raw =
        "{\"summary\": \"ok\", \"n\": 1, \"tags\": [\"x\", \"ÿ\"], \"deep\": {\"b\": true}}";
    kit.stub(new Scenario.JsonObject(raw));
    InferenceResponse response = kit.client().infer(request(ResponseFormat.Kind.JSON_OBJECT));
    assertThat(response.parsedJson())
        .as("parsedJson")
        .contains(
            JsonValue.parse(
                "{\"deep\":{\"b\":true},\"tags\":[\"x\",\"ÿ\"],\"n\":1.0,\"summary\":\"ok\"}"));
    assertThat(response.text()).as("text").isEqualTo(raw);
  }

  /** Rule 4.3. */
  void proseAndFencesStillParse() {
    InferenceClient client = kit.client();
    kit.stub(new Scenario.JsonObject("Here you go:\n```json\n{\"a\": [1, 2]}\n```\nDone."));
    assertThat(client.infer(request(ResponseFormat.Kind.JSON_OBJECT)).parsedJson())
        .as("parsedJson of a fenced object")
        .contains(JsonValue.parse("{\"a\":[1,2]}"));
    kit.stub(new Scenario.JsonObject("Sure! The answer is {\"b\": \"}\"} as you asked."));
    assertThat(client.infer(request(ResponseFormat.Kind.JSON_OBJECT)).parsedJson())
        .as("parsedJson of an object inside prose")
        .contains(JsonValue.parse("{\"b\":\"}\"}"));
  }

  /** Rule 4.4. */
  void noObjectIsMalformedWithTheText() {
    String text = "I cannot answer that in JSON. {\"half\": ";
    kit.stub(new Scenario.JsonObject(text));
    InferenceException failure =
        failureOf(() -> kit.client().infer(request(ResponseFormat.Kind.JSON_OBJECT)));
    assertThat(failure.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(failure.isRetryable()).as("isRetryable()").isFalse();
    assertThat(failure.partialText()).as("partialText()").contains(text);
  }

  private final ResponseFormat titleFormat =
      ResponseFormat.jsonSchema(
          JsonSchema.of(
              "title",
              JsonValue.parse(
                  "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},"
                      + "\"required\":[\"title\"],\"additionalProperties\":false}")));

  /** Rule 5.1. */
  void theRequestCarriesTheSchema() {
    kit.stub(new Scenario.JsonObject("{\"title\":\"x\"}"));
    kit.client()
        .infer(InferenceRequest.builder().userPrompt("title?").responseFormat(titleFormat).build());
    assertMembers(
        kit.sentBody(),
        kit.fixture().responseFormatMembers(titleFormat),
        "the fixture's response-mode members");
  }

  /** Rule 5.2. */
  void schemaParsedJsonEqualsTheObject() {
    kit.stub(new Scenario.JsonObject("{\"title\": \"Ünïcode ✓\"}"));
    InferenceResponse response =
        kit.client()
            .infer(
                InferenceRequest.builder()
                    .userPrompt("title?")
                    .responseFormat(titleFormat)
                    .build());
    assertThat(response.parsedJson())
        .as("parsedJson")
        .contains(JsonValue.parse("{\"title\":\"Ünïcode ✓\"}"));
  }
}
