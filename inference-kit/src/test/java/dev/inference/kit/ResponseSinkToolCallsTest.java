package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.FinishReason;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseSinkToolCallsTest {

  private final List<StreamEvent> events = new ArrayList<>();
  private final ResponseSink sink = ResponseSink.forStream(events::add);

  private InferenceResponse response(InferenceRequest request) {
    return sink.toResponse(request, "p", "m", Map.of(), Redactor.of(List.of()));
  }

  @Test
  void fragmentsAreJoinedPerIndexAndRepeatedIdsAreIgnored() {
    sink.toolCall(0, "call_a", "weather", "");
    sink.toolCall(1, "call_b", "time", "{\"zone\":");
    sink.toolCall(0, "call_a", "", "{\"city\":\"Par");
    sink.toolCall(0, "call_a", "", "is\"}");
    sink.toolCall(1, "", "", "\"UTC\"}");
    sink.finishReason("tool_calls");

    assertThat(events)
        .containsExactly(
            new StreamEvent.ToolCallDelta(0, "call_a", "weather", ""),
            new StreamEvent.ToolCallDelta(1, "call_b", "time", "{\"zone\":"),
            new StreamEvent.ToolCallDelta(0, "", "", "{\"city\":\"Par"),
            new StreamEvent.ToolCallDelta(0, "", "", "is\"}"),
            new StreamEvent.ToolCallDelta(1, "", "", "\"UTC\"}"));
    assertThat(response(InferenceRequest.of("x")).toolCalls())
        .containsExactly(
            Part.ToolCall.parse("call_a", "weather", "{\"city\":\"Paris\"}"),
            Part.ToolCall.parse("call_b", "time", "{\"zone\":\"UTC\"}"));
    assertThat(sink.sawContent()).isTrue();
  }

  @Test
  void wholeCallsTakeTheNextIndexAndStopWithCallsIsToolCalls() {
    sink.toolCall("", "a", JsonValue.parse("{\"x\":1}"));
    sink.toolCall("id2", "b", JsonValue.parse("{}"));
    sink.finishReason("stop");

    InferenceResponse response = response(InferenceRequest.of("x"));
    assertThat(response.toolCalls())
        .extracting(Part.ToolCall::name, Part.ToolCall::rawArguments)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "{\"x\":1}"),
            org.assertj.core.groups.Tuple.tuple("b", "{}"));
    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.TOOL_CALLS, "stop"));
  }

  @Test
  void aJsonRequestAnsweredWithCallsAndNoTextIsNotMalformed() {
    sink.toolCall(0, "c", "lookup", "{}");
    InferenceRequest json =
        InferenceRequest.builder()
            .userPrompt("x")
            .responseFormat(ResponseFormat.jsonObject())
            .build();

    InferenceResponse response = response(json);
    assertThat(response.parsedJson()).isEmpty();
    assertThat(response.toolCalls()).hasSize(1);

    // a model often says a sentence before its calls: that is not the JSON answer either
    ResponseSink chatty = ResponseSink.forBody();
    chatty.text("Let me look that up.");
    chatty.toolCall(0, "c", "lookup", "{}");
    assertThat(chatty.toResponse(json, "p", "m", Map.of(), Redactor.NONE).toolCalls()).hasSize(1);
  }

  @Test
  void invalidArgumentsStayRaw() {
    sink.toolCall(0, "c", "lookup", "{\"q\": tru");
    Part.ToolCall call = response(InferenceRequest.of("x")).toolCalls().get(0);
    assertThat(call.argumentsValid()).isFalse();
    assertThat(call.rawArguments()).isEqualTo("{\"q\": tru");
  }
}
