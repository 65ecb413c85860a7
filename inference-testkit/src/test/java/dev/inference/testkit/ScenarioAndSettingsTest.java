package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.FinishReason;
import dev.inference.JsonValue;
import dev.inference.testkit.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioAndSettingsTest {

  @Test
  void scenariosCopyAndCheckTheirParts() {
    List<String> deltas = new ArrayList<>(List.of("a", "b"));
    Scenario.StreamedText streamed =
        new Scenario.StreamedText(deltas, FinishReason.Kind.STOP, Optional.empty());
    deltas.add("c");
    assertThat(streamed.deltas()).containsExactly("a", "b");
    assertThat(streamed.text()).isEqualTo("ab");
    assertThatThrownBy(
            () -> new Scenario.StreamedText(List.of(), FinishReason.Kind.STOP, Optional.empty()))
        .hasMessage("deltas must not be empty");
    assertThatThrownBy(() -> new Scenario.Truncated(List.of()))
        .hasMessage("deltas must not be empty");
    assertThat(Scenario.Problem.QUOTA_EXCEEDED.typicalStatus()).isEqualTo(429);
  }

  @Test
  void toolCallFragmentsCutInsideTheFirstStringAndJoinToTheArguments() {
    Scenario.ToolCalls.Call call =
        new Scenario.ToolCalls.Call("call_1", "get_weather", "{\"city\":\"Zürich\"}");
    assertThat(call.fragments()).containsExactly("{\"c", "ity\":\"Z", "ürich\"}");
    assertThat(call.argumentsValid()).isTrue();
    String emoji = "{\"🌍🌍\":1}";
    List<String> pieces = new Scenario.ToolCalls.Call("c", "n", emoji).fragments();
    assertThat(String.join("", pieces)).isEqualTo(emoji);
    assertThat(pieces)
        .as("no piece starts with the second half of a surrogate pair")
        .noneMatch(piece -> Character.isLowSurrogate(piece.charAt(0)));
    assertThat(new Scenario.ToolCalls.Call("c", "n", "{}").fragments()).containsExactly("{}");
    assertThat(new Scenario.ToolCalls.Call("c", "n", "{\"a\": b").argumentsValid()).isFalse();
    List<Scenario.ToolCalls.Call> calls = new ArrayList<>(List.of(call));
    Scenario.ToolCalls scenario = new Scenario.ToolCalls(calls, true);
    calls.clear();
    assertThat(scenario.calls()).containsExactly(call);
    assertThatThrownBy(() -> new Scenario.ToolCalls(List.of(), false))
        .hasMessage("calls must not be empty");
  }

  @Test
  void pointersMustBeJsonPointers() {
    assertThatThrownBy(() -> new WireFixture.RequestPointers("/a", "b", "/c", "/d"))
        .hasMessage("a JSON Pointer starts with '/', but was 'b'");
  }

  @Test
  void jsonPointersFindMembersAndElements() {
    JsonValue body = JsonValue.parse("{\"m\":[{\"c\":\"x\"}],\"a/b\":{\"~k\":1}}");
    assertThat(Json.at(body, "/m/0/c")).contains(JsonValue.of("x"));
    assertThat(Json.at(body, "/a~1b/~0k")).contains(JsonValue.of(1));
    assertThat(Json.at(body, "/m/1/c")).isEmpty();
    assertThat(Json.at(body, "/m/x")).isEmpty();
    assertThat(Json.at(body, "")).contains(body);
  }

  @Test
  void settingsCheckTheirValues() {
    ConformanceSettings settings =
        ConformanceSettings.builder()
            .shortTimeout(Duration.ofMillis(300))
            .idleTimeout(false)
            .build();
    assertThat(settings.shortTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(settings.idleTimeout()).isFalse();
    assertThat(settings.firstEventTimeout()).as("on unless a driver opts out").isTrue();
    assertThat(settings.toString()).contains("shortTimeout=PT0.3S");
    assertThatThrownBy(() -> ConformanceSettings.builder().closeWait(Duration.ZERO))
        .hasMessage("closeWait must be positive, but was PT0S");
    assertThatThrownBy(() -> ConformanceSettings.builder().parallelCalls(1))
        .hasMessage("parallelCalls must be between 2 and 256, but was 1");
  }

  @Test
  void aSystemPropertyScalesTheShortTimeout() {
    System.setProperty("inference.testkit.timeoutMillis", "250");
    try {
      assertThat(ConformanceSettings.defaults().shortTimeout()).isEqualTo(Duration.ofMillis(250));
      System.setProperty("inference.testkit.timeoutMillis", "soon");
      assertThatThrownBy(ConformanceSettings::defaults)
          .hasMessage(
              "inference.testkit.timeoutMillis must be a positive number of milliseconds, but was"
                  + " 'soon'");
    } finally {
      System.clearProperty("inference.testkit.timeoutMillis");
    }
  }
}
