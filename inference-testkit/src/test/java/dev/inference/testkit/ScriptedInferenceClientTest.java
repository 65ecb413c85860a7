package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ScriptedInferenceClientTest {

  private static List<StreamEvent> readAll(InferenceStream stream) {
    List<StreamEvent> events = new ArrayList<>();
    try (stream) {
      stream.forEach(events::add);
    }
    return events;
  }

  @Test
  void answersInOrderAndRecordsTheRequests() throws Exception {
    ScriptedInferenceClient client =
        ScriptedInferenceClient.create().thenAnswer("one").thenAnswer("two");
    InferenceRequest first = InferenceRequest.builder().userPrompt("a").requestId("r1").build();

    InferenceResponse answer = client.infer(first);
    InferenceResponse second = client.inferAsync(InferenceRequest.of("b")).get();

    assertThat(answer.text()).isEqualTo("one");
    assertThat(answer.requestId()).isEqualTo("r1");
    assertThat(answer.finishReason().map(FinishReason::kind)).contains(FinishReason.Kind.STOP);
    assertThat(answer.usage()).isEmpty();
    assertThat(answer.providerName()).isEqualTo(client.describe().providerName());
    assertThat(second.text()).isEqualTo("two");
    assertThat(client.requests()).hasSize(2).first().isEqualTo(first);
    assertThat(client.remaining()).isZero();
  }

  @Test
  void aScriptedResponseKeepsItsDataButTakesTheRequestId() {
    InferenceResponse scripted =
        InferenceResponse.builder()
            .text("x")
            .providerName("p")
            .modelName("m")
            .requestId("ignored")
            .usage(Usage.of(1, 2, 3))
            .build();
    InferenceResponse answer =
        ScriptedInferenceClient.create()
            .thenAnswer(scripted)
            .infer(InferenceRequest.builder().userPrompt("q").requestId("mine").build());
    assertThat(answer.requestId()).isEqualTo("mine");
    assertThat(answer.usage()).contains(Usage.of(1, 2, 3));
    assertThat(answer.modelName()).isEqualTo("m");
  }

  @Test
  void streamsDeliverDeltasThenOneCompleted() {
    ScriptedInferenceClient client =
        ScriptedInferenceClient.create().thenStream(List.of("Hel", "lo")).thenAnswer("whole");
    List<StreamEvent> events = readAll(client.stream(InferenceRequest.of("x")));
    assertThat(events)
        .hasSize(3)
        .startsWith(new StreamEvent.TextDelta("Hel"), new StreamEvent.TextDelta("lo"));
    assertThat(((StreamEvent.Completed) events.get(2)).response().text()).isEqualTo("Hello");
    assertThat(readAll(client.stream(InferenceRequest.of("y"))))
        .first()
        .isEqualTo(new StreamEvent.TextDelta("whole"));
  }

  @Test
  void failuresAreThrownBeforeTheStreamOrAfterItsDeltas() {
    InferenceException limited =
        InferenceException.builder(ErrorKind.RATE_LIMITED, "slow down").build();
    InferenceException boom = InferenceException.builder(ErrorKind.SERVER_ERROR, "boom").build();
    ScriptedInferenceClient client =
        ScriptedInferenceClient.create()
            .thenFail(limited)
            .thenFail(limited)
            .thenStreamFailing(List.of("par"), boom)
            .thenStreamFailing(List.of("par"), boom);

    assertThatThrownBy(() -> client.infer(InferenceRequest.of("a"))).isSameAs(limited);
    assertThatThrownBy(() -> client.stream(InferenceRequest.of("b"))).isSameAs(limited);
    List<StreamEvent> seen = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (InferenceStream stream = client.stream(InferenceRequest.of("c"))) {
                stream.forEach(seen::add);
              }
            })
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
              assertThat(e.partialText()).contains("par");
            });
    assertThat(seen).containsExactly(new StreamEvent.TextDelta("par"));
    assertThatThrownBy(() -> client.inferAsync(InferenceRequest.of("d")).get())
        .isInstanceOf(ExecutionException.class)
        .hasCause(boom);
  }

  @Test
  void jsonModesParseOneObjectOrFailAsMalformed() {
    ScriptedInferenceClient client =
        ScriptedInferenceClient.create().thenAnswer("{\"a\": 1}").thenAnswer("no json here");
    InferenceRequest json =
        InferenceRequest.builder()
            .userPrompt("j")
            .responseFormat(ResponseFormat.jsonObject())
            .build();
    assertThat(client.infer(json).parsedJson()).contains(JsonValue.parse("{\"a\":1}"));
    assertThatThrownBy(() -> client.infer(json))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
              assertThat(e.partialText()).contains("no json here");
            });
  }

  @Test
  void aCallBeyondTheScriptSaysSoAndAClosedClientIsCancelled() {
    ScriptedInferenceClient client = ScriptedInferenceClient.create().thenAnswer("only");
    client.infer(InferenceRequest.of("a"));
    assertThatThrownBy(() -> client.infer(InferenceRequest.of("the second question")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the script is used up: 1 entries scripted, call 2 was ")
        .hasMessageContaining("asking \"the second question\"");
    client.close();
    assertThatThrownBy(() -> client.infer(InferenceRequest.of("c")))
        .isInstanceOfSatisfying(
            InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
    assertThat(client.requests()).hasSize(2);
  }
}
