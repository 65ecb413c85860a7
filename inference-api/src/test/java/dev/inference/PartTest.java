package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PartTest {

  record City(String name, int population) {}

  @Test
  void anInlineImageIsCopiedAndShownAsADataUrl() {
    byte[] bytes = {(byte) 0x89, 'P', 'N', 'G'};
    Part.Image image = Part.Image.inline(bytes, "image/png").withDetail(Part.Image.Detail.LOW);
    bytes[0] = 0;

    assertThat(image.isInline()).isTrue();
    assertThat(image.bytes().orElseThrow()).containsExactly((byte) 0x89, 'P', 'N', 'G');
    assertThat(image.base64()).contains("iVBORw==");
    assertThat(image.href()).isEqualTo("data:image/png;base64,iVBORw==");
    assertThat(image.detail()).contains(Part.Image.Detail.LOW);
    assertThat(image.url()).isEmpty();
    assertThat(image.toString()).isEqualTo("Image{image/png, 4 bytes, detail=low}");
    assertThat(image)
        .isEqualTo(
            Part.Image.inline(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png")
                .withDetail(Part.Image.Detail.LOW))
        .isNotEqualTo(Part.Image.inline(new byte[] {1}, "image/png"));
  }

  @Test
  void anImageUrlMustBeHttpHttpsOrData() {
    Part.Image image = Part.Image.url(URI.create("https://example.com/cat.jpg"));
    assertThat(image.href()).isEqualTo("https://example.com/cat.jpg");
    assertThat(image.isInline()).isFalse();
    assertThat(image.mediaType()).isEmpty();
    assertThat(Part.Image.url(URI.create("https://bot:s3cret@x.example/a.png")).toString())
        .doesNotContain("s3cret")
        .contains("x.example/a.png");

    assertThatThrownBy(() -> Part.Image.url(URI.create("file:///etc/passwd")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "an image URL must be absolute http, https or data, but was 'file:///etc/passwd'");
    assertThatThrownBy(() -> Part.Image.inline(new byte[0], "image/png"))
        .hasMessage("an inline image must not be empty");
    assertThatThrownBy(() -> Part.Image.inline(new byte[1], "text/plain"))
        .hasMessageContaining("must be image/..., such as image/png, but was 'text/plain'");
  }

  @Test
  void toolCallArgumentsAreParsedOnceAndMapOntoARecord() {
    Part.ToolCall call =
        Part.ToolCall.parse("call_1", "census", "{\"name\":\"Oslo\",\"population\":709000}");

    assertThat(call.argumentsValid()).isTrue();
    assertThat(call.arguments().get("name")).contains(JsonValue.of("Oslo"));
    assertThat(call.argumentsAs(City.class)).isEqualTo(new City("Oslo", 709000));
    assertThat(call).isEqualTo(Part.ToolCall.of("call_1", "census", call.arguments()));
  }

  @Test
  void argumentsThatAreNotJsonAreKeptRawAndNothingThrowsUntilARecordIsAsked() {
    String raw = "{\"name\": \"Os";
    Part.ToolCall call = Part.ToolCall.parse("call_2", "census", raw);

    assertThat(call.argumentsValid()).isFalse();
    assertThat(call.rawArguments()).isEqualTo(raw);
    assertThat(call.arguments()).isEqualTo(JsonValue.of(raw));
    assertThat(call.toString()).contains("(not JSON) " + raw);
    assertThatThrownBy(() -> call.argumentsAs(City.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("$: the arguments of census are not valid JSON: " + raw);
  }

  @Test
  void emptyArgumentsAreAnEmptyObject() {
    Part.ToolCall call = Part.ToolCall.parse("", "now", "");
    assertThat(call.argumentsValid()).isTrue();
    assertThat(call.arguments()).isEqualTo(JsonValue.parse("{}"));
  }

  @Test
  void aToolResultNamesItsCall() {
    Part.ToolCall call = Part.ToolCall.parse("call_3", "census", "{}");
    assertThat(Part.ToolResult.of(call, "709000"))
        .isEqualTo(new Part.ToolResult("call_3", "census", "709000", false));
    assertThat(Part.ToolResult.error(call, "no such city").error()).isTrue();
    assertThat(
            new String(
                Part.text("é").text().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo("é");
  }
}
