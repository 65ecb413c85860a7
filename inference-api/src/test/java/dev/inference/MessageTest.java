package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

  private static final Part.ToolCall CALL = Part.ToolCall.parse("c1", "lookup", "{\"q\":1}");
  private static final Part.Image IMAGE = Part.Image.url(URI.create("https://x.example/a.png"));

  @Test
  void theOneLinersAreTextOnly() {
    Message user = Message.user("hi");
    assertThat(user.role()).isEqualTo(Role.USER);
    assertThat(user.parts()).containsExactly(new Part.Text("hi"));
    assertThat(user.text()).isEqualTo("hi");
    assertThat(user.isTextOnly()).isTrue();
    assertThat(Message.system("")).isEqualTo(Message.of(Role.SYSTEM, ""));
  }

  @Test
  void textJoinsTheTextPartsAndPartsFilterByKind() {
    Message message = Message.of(Role.USER, Part.text("What is "), IMAGE, Part.text("this?"));
    assertThat(message.text()).isEqualTo("What is this?");
    assertThat(message.isTextOnly()).isFalse();
    assertThat(message.parts(Part.Image.class)).containsExactly(IMAGE);
    assertThat(Message.user("What?", IMAGE).parts()).containsExactly(Part.text("What?"), IMAGE);
  }

  @Test
  void eachRoleHoldsOnlyItsParts() {
    assertThatThrownBy(() -> Message.of(Role.ASSISTANT, IMAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a ASSISTANT message cannot hold Image parts");
    assertThatThrownBy(() -> Message.of(Role.USER, CALL))
        .hasMessageStartingWith("a USER message cannot hold ToolCall parts");
    assertThatThrownBy(() -> Message.of(Role.TOOL, "text"))
        .hasMessageStartingWith("a TOOL message cannot hold Text parts");
    assertThatThrownBy(() -> Message.toolResults(List.of()))
        .hasMessage("a TOOL message needs at least one ToolResult");
    assertThatThrownBy(() -> Message.of(Role.USER, Part.ToolResult.of(CALL, "x")))
        .hasMessageStartingWith("a USER message cannot hold ToolResult parts");
  }

  @Test
  void anAnswerBecomesTheAssistantTurnWithItsCalls() {
    InferenceResponse response =
        InferenceResponse.builder()
            .text("")
            .providerName("p")
            .modelName("m")
            .requestId("r")
            .toolCalls(List.of(CALL))
            .build();

    Message turn = response.message();
    assertThat(turn.role()).isEqualTo(Role.ASSISTANT);
    assertThat(turn.parts()).containsExactly(CALL);
    assertThat(response.toBuilder().text("Let me look.").build().message().parts())
        .containsExactly(Part.text("Let me look."), CALL);
    assertThat(response.toBuilder().toolCalls(List.of()).build().message())
        .isEqualTo(Message.assistant(""));
  }

  @Test
  void equalityIsByRoleAndParts() {
    assertThat(Message.user("a")).isEqualTo(Message.user("a")).hasSameHashCodeAs(Message.user("a"));
    assertThat(Message.user("a")).isNotEqualTo(Message.assistant("a"));
    assertThat(Message.user("a").toString()).isEqualTo("Message{USER, [Text[text=a]]}");
  }
}
