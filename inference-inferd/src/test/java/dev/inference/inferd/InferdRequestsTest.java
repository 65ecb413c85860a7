package dev.inference.inferd;

import static dev.inference.inferd.InferdTestSupport.client;
import static dev.inference.inferd.InferdTestSupport.done;
import static dev.inference.inferd.InferdTestSupport.json;
import static dev.inference.inferd.InferdTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ResponseFormat;
import dev.inference.Tool;
import dev.inference.testkit.SocketServer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The request frame: what v1 carries is written, what it cannot carry fails before any byte. */
class InferdRequestsTest {

  @Test
  void theFrameCarriesRolesSamplingAndTheProfilesDaemonOptions() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(done("w1", "ok", "end"));
                });
        InferenceClient client =
            client(
                settings(server.endpoint())
                    .temperature(0.25)
                    .maxOutputTokens(64)
                    .option("top_k", JsonValue.of(40))
                    .option("image_token_budget", JsonValue.of(280))
                    .option("grammar", JsonValue.of("root ::= \"yes\" | \"no\""))
                    .build())) {
      client.infer(
          InferenceRequest.builder()
              .addMessage(Message.system("Be brief."))
              .addMessage(Message.user("Q?"))
              .addMessage(Message.assistant("A."))
              .addMessage(Message.user("Again?"))
              .topP(0.9)
              .requestId("w1")
              .build());
      JsonValue sent = json(server.lines().get(0));
      assertThat(sent.get("messages").orElseThrow().toJson())
          .isEqualTo(
              "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                  + "{\"role\":\"user\",\"content\":\"Q?\"},"
                  + "{\"role\":\"assistant\",\"content\":\"A.\"},"
                  + "{\"role\":\"user\",\"content\":\"Again?\"}]");
      assertThat(sent.get("temperature")).contains(JsonValue.of(0.25));
      assertThat(sent.get("top_p")).contains(JsonValue.of(0.9));
      assertThat(sent.get("top_k").map(JsonValue::toJson)).contains("40");
      assertThat(sent.get("max_tokens").map(JsonValue::toJson)).contains("64");
      assertThat(sent.get("image_token_budget").map(JsonValue::toJson)).contains("280");
      assertThat(sent.get("grammar")).contains(JsonValue.of("root ::= \"yes\" | \"no\""));
    }
  }

  static Stream<Arguments> unsupported() {
    JsonValue schema = JsonValue.object(Map.of("type", JsonValue.of("object")));
    Part.ToolCall call = Part.ToolCall.of("c1", "lookup", JsonValue.object(Map.of()));
    return Stream.of(
        Arguments.of(
            "tools",
            InferenceRequest.builder()
                .userPrompt("hi")
                .addTool(Tool.of("lookup", "finds things", schema))
                .build(),
            "call tools"),
        Arguments.of(
            "an image",
            InferenceRequest.builder()
                .addMessage(
                    Message.user("what is it?", Part.Image.inline(new byte[] {1}, "image/png")))
                .build(),
            "read images"),
        Arguments.of(
            "a tool result",
            InferenceRequest.builder()
                .addMessage(Message.user("hi"))
                .addMessage(Message.of(dev.inference.Role.ASSISTANT, call))
                .addMessage(Message.toolResults(List.of(Part.ToolResult.of(call, "found"))))
                .build(),
            "tool"),
        Arguments.of(
            "a JSON mode",
            InferenceRequest.builder()
                .userPrompt("hi")
                .responseFormat(ResponseFormat.jsonObject())
                .build(),
            "json"),
        Arguments.of(
            "stop sequences",
            InferenceRequest.builder().userPrompt("hi").stop(List.of("END")).build(),
            "no stop field"),
        Arguments.of(
            "a seed",
            InferenceRequest.builder().userPrompt("hi").seed(7).build(),
            "no seed field"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void whatV1CannotCarryFailsBeforeAnyByte(String what, InferenceRequest request, String says)
      throws Exception {
    try (SocketServer server = SocketServer.tcp(c -> c.hold());
        InferenceClient client = client(server.endpoint())) {
      assertThatThrownBy(() -> client.infer(request))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
                assertThat(e.getMessage()).containsIgnoringCase(says);
              });
      assertThatThrownBy(() -> client.stream(request)).isInstanceOf(InferenceException.class);
      assertThat(server.connections()).isZero();
    }
  }

  @Test
  void daemonOptionsOutsideItsLimitsAreRefusedWhenTheClientIsMade() {
    assertThatThrownBy(
            () ->
                client(
                    settings("tcp://127.0.0.1:47321")
                        .option("image_token_budget", JsonValue.of(300))
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image_token_budget")
        .hasMessageContaining("one of 70, 140, 280, 560, 1120");
    String tooManyAlternations = "root ::= " + "\"a\" | ".repeat(4097) + "\"b\"";
    assertThatThrownBy(
            () ->
                client(
                    settings("tcp://127.0.0.1:47321")
                        .option("grammar", JsonValue.of(tooManyAlternations))
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4097 '|' alternations");
    String tooBig = "root ::= \"" + "x".repeat(64 * 1024) + "\"";
    assertThatThrownBy(
            () ->
                client(
                    settings("tcp://127.0.0.1:47321")
                        .option("grammar", JsonValue.of(tooBig))
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("over the daemon's limit of 65536")
        .hasMessageNotContaining("xxxx");
  }
}
