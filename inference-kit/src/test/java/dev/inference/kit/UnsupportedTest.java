package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ResponseFormat;
import dev.inference.Role;
import dev.inference.Tool;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsupportedTest {

  private static final Capabilities TEXT_ONLY = Capabilities.builder().build();
  private static final Tool TOOL = Tool.of("lookup", "", JsonValue.parse("{}"));
  private static final Part.ToolCall CALL = Part.ToolCall.parse("c", "lookup", "{}");
  private static final Part.Image INLINE = Part.Image.inline(new byte[] {1}, "image/png");
  private static final Part.Image URL = Part.Image.url(URI.create("https://x.example/a.png"));

  private static InferenceRequest withMessages(Message... messages) {
    return InferenceRequest.builder().messages(List.of(messages)).build();
  }

  @Test
  void aTextRequestNeedsNothing() {
    assertThat(Unsupported.missing(InferenceRequest.of("hi"), TEXT_ONLY)).isEmpty();
  }

  @Test
  void eachUndeclaredNeedIsNamed() {
    assertThat(
            Unsupported.missing(
                InferenceRequest.builder()
                    .userPrompt("x")
                    .responseFormat(ResponseFormat.jsonObject())
                    .build(),
                TEXT_ONLY))
        .contains("answer in the json_object response format: use one of [TEXT]");
    assertThat(
            Unsupported.missing(
                InferenceRequest.builder().userPrompt("x").addTool(TOOL).build(), TEXT_ONLY))
        .hasValueSatisfying(what -> assertThat(what).startsWith("call tools"));
    assertThat(
            Unsupported.missing(
                withMessages(
                    Message.of(Role.ASSISTANT, CALL),
                    Message.toolResults(List.of(Part.ToolResult.of(CALL, "1")))),
                TEXT_ONLY))
        .hasValueSatisfying(what -> assertThat(what).startsWith("send tool calls or tool results"));
    assertThat(Unsupported.missing(withMessages(Message.user("see", INLINE)), TEXT_ONLY))
        .hasValueSatisfying(what -> assertThat(what).startsWith("read images"));
    Capabilities inlineOnly = Capabilities.builder().imageInput(true).build();
    assertThat(Unsupported.missing(withMessages(Message.user("see", INLINE)), inlineOnly))
        .isEmpty();
    assertThat(Unsupported.missing(withMessages(Message.user("see", URL)), inlineOnly))
        .hasValueSatisfying(what -> assertThat(what).contains("Part.Image.inline"));
    Capabilities toolsOnly = Capabilities.builder().tools(true).build();
    assertThat(
            Unsupported.missing(
                InferenceRequest.builder()
                    .userPrompt("x")
                    .addTool(TOOL)
                    .parallelToolCalls(false)
                    .build(),
                toolsOnly))
        .hasValueSatisfying(what -> assertThat(what).contains("parallelToolCalls"));
  }

  @Test
  void checkThrowsUnsupportedWithTheProviderAndRequestId() {
    InferenceRequest request =
        InferenceRequest.builder().userPrompt("x").addTool(TOOL).requestId("r-1").build();
    assertThatThrownBy(() -> Unsupported.check(request, TEXT_ONLY, "acme"))
        .isInstanceOfSatisfying(
            InferenceException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
              assertThat(failure.getMessage()).startsWith("acme cannot call tools");
              assertThat(failure.requestId()).contains("r-1");
              assertThat(failure.providerName()).contains("acme");
            });
    Capabilities everything =
        Capabilities.builder()
            .responseFormats(EnumSet.allOf(ResponseFormat.Kind.class))
            .parallelToolCalls(true)
            .imageUrls(true)
            .build();
    Unsupported.check(request, everything, "acme");
  }
}
