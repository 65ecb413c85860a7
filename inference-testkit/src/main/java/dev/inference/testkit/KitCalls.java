package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonSchema;
import dev.inference.JsonValue;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import dev.inference.testkit.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls the rules of the {@link DriverConformanceKit} make and what they read from them: a request
 * per response mode, a stream read to its end, a call that must fail, and the checks of what came
 * back.
 */
final class KitCalls {

  private KitCalls() {}

  /** A request for JSON in this format (with an open schema for {@code JSON_SCHEMA}). */
  static InferenceRequest request(ResponseFormat.Kind kind) {
    ResponseFormat format =
        switch (kind) {
          case TEXT -> ResponseFormat.text();
          case JSON_OBJECT -> ResponseFormat.jsonObject();
          case JSON_SCHEMA ->
              ResponseFormat.jsonSchema(
                  JsonSchema.of("any", JsonValue.parse("{\"type\":\"object\"}")));
        };
    return InferenceRequest.builder().userPrompt("Reply in JSON.").responseFormat(format).build();
  }

  static void assertSameCounts(Usage actual, Usage expected) {
    assertThat(actual.promptTokens()).as("promptTokens").isEqualTo(expected.promptTokens());
    assertThat(actual.completionTokens())
        .as("completionTokens")
        .isEqualTo(expected.completionTokens());
    assertThat(actual.totalTokens()).as("totalTokens").isEqualTo(expected.totalTokens());
  }

  static List<StreamEvent> readAll(InferenceClient client, InferenceRequest request) {
    List<StreamEvent> events = new ArrayList<>();
    readInto(client, request, events);
    return events;
  }

  static void readInto(InferenceClient client, InferenceRequest request, List<StreamEvent> events) {
    try (InferenceStream stream = client.stream(request)) {
      for (StreamEvent event : stream) {
        events.add(event);
      }
    }
  }

  /**
   * Asserts that the body holds each member the fixture named; {@code what} names them (and the
   * {@code WireFixture} method) in the failure when the fixture named none.
   */
  static void assertMembers(JsonValue body, Map<String, JsonValue> members, String what) {
    assertThat(members).as(what).isNotEmpty();
    members.forEach(
        (pointer, expected) ->
            assertThat(Json.at(body, pointer))
                .as("the request body at %s (%s)", pointer, body.toJson())
                .contains(expected));
  }

  static List<String> textDeltas(List<StreamEvent> events) {
    List<String> texts = new ArrayList<>();
    for (StreamEvent event : events) {
      if (event instanceof StreamEvent.TextDelta delta) {
        texts.add(delta.text());
      }
    }
    return texts;
  }

  static InferenceResponse completed(List<StreamEvent> events) {
    assertThat(events).as("the stream's events").isNotEmpty();
    StreamEvent last = events.get(events.size() - 1);
    assertThat(last).as("the last event of %s", events).isInstanceOf(StreamEvent.Completed.class);
    return ((StreamEvent.Completed) last).response();
  }

  /** A call that must fail. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  static InferenceException failureOf(Call call) {
    try {
      call.run();
    } catch (InferenceException expected) {
      return expected;
    } catch (Exception other) {
      throw new AssertionError(
          "expected an InferenceException, but the call threw " + other, other);
    }
    throw new AssertionError("expected an InferenceException, but the call succeeded");
  }
}
