package dev.inference.kit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

  private static final Chunking.Decoding<SseEvent> SSE =
      Chunking.of(
          out -> new SseDecoder(SseDecoder.DEFAULT_MAX_EVENT_BYTES, out::add),
          SseDecoder::feed,
          SseDecoder::finish);

  private static List<SseEvent> decode(String body) {
    return decode(body.getBytes(UTF_8));
  }

  private static List<SseEvent> decode(byte[] body) {
    return Chunking.decodeAllWays(body, SSE);
  }

  private static SseEvent message(String data) {
    return new SseEvent("message", data, null);
  }

  @Test
  void openAiStreamWithUsageChunkAndDone() {
    String body =
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
            + "\"finish_reason\":null}],\"usage\":null}\n\n"
            + "data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
            + "\"finish_reason\":null}],\"usage\":null}\n\n"
            + "data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
            + "data: {\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,"
            + "\"completion_tokens\":1,\"total_tokens\":10}}\n\n"
            + "data: [DONE]\n\n";

    List<SseEvent> events = decode(body);

    assertThat(events).hasSize(5);
    assertThat(events).allSatisfy(event -> assertThat(event.type()).isEqualTo("message"));
    assertThat(events.get(1).data()).contains("\"content\":\"Hi\"");
    assertThat(events.get(3).data()).startsWith("{\"id\":\"chatcmpl-1\",\"choices\":[]");
    assertThat(events.get(4)).isEqualTo(message("[DONE]"));
  }

  @Test
  void crlfLineEndsIncludingSplitsInsideTheCrLfPair() {
    List<SseEvent> events = decode("data: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n");

    assertThat(events).containsExactly(message("a"), message("b\nc"));
  }

  @Test
  void loneCrEndsALine() {
    assertThat(decode("data: a\r\rdata: b\rdata: c\r\r"))
        .containsExactly(message("a"), message("b\nc"));
  }

  @Test
  void mixedLineEndsAreEachOneLineEnd() {
    // \r\n counts once; \n\r is two line ends (a blank line).
    assertThat(decode("data: a\n\rdata: b\r\n\ndata: c\r\r\n"))
        .containsExactly(message("a"), message("b"), message("c"));
  }

  @Test
  void openRouterProcessingCommentsAndKeepAlivesAreIgnored() {
    String body =
        ": OPENROUTER PROCESSING\n\n"
            + ": OPENROUTER PROCESSING\n\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n"
            + ": keep-alive in the middle of an event\n"
            + "\n"
            + ":\n\n";

    assertThat(decode(body))
        .containsExactly(message("{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}"));
  }

  @Test
  void multiLineDataIsJoinedWithLineFeed() {
    assertThat(decode("data: {\"a\":\ndata: 1}\ndata:\ndata: end\n\n"))
        .containsExactly(message("{\"a\":\n1}\n\nend"));
  }

  @Test
  void onlyOneLeadingSpaceIsStrippedAndNoSpaceIsLegal() {
    assertThat(decode("data:{\"a\":1}\n\ndata:  two\n\ndata:\tTab\n\n"))
        .containsExactly(message("{\"a\":1}"), message(" two"), message("\tTab"));
  }

  @Test
  void valueIsSplitAtTheFirstColonOnly() {
    assertThat(decode("data: http://x:80/a\n\n")).containsExactly(message("http://x:80/a"));
  }

  @Test
  void lineWithoutColonIsAFieldWithEmptyValue() {
    // "data" alone adds an empty data line, so an event with empty data is dispatched.
    assertThat(decode("data\n\ndata\ndata\n\n")).containsExactly(message(""), message("\n"));
  }

  @Test
  void leadingBomIsStrippedOnlyAtTheStart() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] rest = "data: a\n\ndata: \uFEFFb\n\n".getBytes(UTF_8);
    byte[] body = new byte[bom.length + rest.length];
    System.arraycopy(bom, 0, body, 0, 3);
    System.arraycopy(rest, 0, body, 3, rest.length);

    assertThat(decode(body)).containsExactly(message("a"), message("\uFEFFb"));
  }

  @Test
  void bomBeforeAFieldNameIsNotPartOfTheName() {
    assertThat(decode("\uFEFFdata: x\n\n")).containsExactly(message("x"));
    // Without stripping, the first field would be "\uFEFFdata" and be ignored.
  }

  @Test
  void multiByteUtf8SurvivesEverySplit() {
    String text = "héllo ✓ 🌍 日本語";
    List<SseEvent> events = decode("data: " + text + "\r\ndata: " + text + "\r\n\r\n");

    assertThat(events).containsExactly(message(text + "\n" + text));
  }

  @Test
  void eventTypeIsSetAndResetsAfterDispatch() {
    String body =
        "event: error\n"
            + "data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}\n\n"
            + "data: after\n\n";

    assertThat(decode(body))
        .containsExactly(
            new SseEvent(
                "error", "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", null),
            message("after"));
  }

  @Test
  void eventTypeResetsEvenWhenNothingIsDispatched() {
    assertThat(decode("event: ping\n\ndata: x\n\n")).containsExactly(message("x"));
  }

  @Test
  void emptyEventTypeMeansMessage() {
    assertThat(decode("event:\ndata: x\n\n")).containsExactly(message("x"));
  }

  @Test
  void llamaCppLegacyErrorFieldAndUnknownFieldsAreIgnored() {
    String body =
        "error: {\"code\":500,\"message\":\"llama_decode failed\",\"type\":\"server_error\"}\n"
            + "foo: bar\n"
            + "Data: wrong case\n"
            + "\n"
            + "data: [DONE]\n\n";

    assertThat(decode(body)).containsExactly(message("[DONE]"));
  }

  @Test
  void vllmMidStreamErrorThenDone() {
    String body =
        "data: {\"choices\":[{\"delta\":{\"content\":\"par\"}}]}\n\n"
            + "data: {\"error\":{\"object\":\"error\",\"message\":\"Internal error\","
            + "\"type\":\"InternalServerError\",\"param\":null,\"code\":500}}\n\n"
            + "data: [DONE]\n\n";

    List<SseEvent> events = decode(body);

    assertThat(events).hasSize(3);
    assertThat(events.get(1).data()).contains("\"code\":500");
  }

  @Test
  void idIsRememberedAcrossEventsAndClearedByAnEmptyId() {
    String body = "id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n";

    assertThat(decode(body))
        .containsExactly(
            new SseEvent("message", "a", "1"),
            new SseEvent("message", "b", "1"),
            new SseEvent("message", "c", null));
  }

  @Test
  void idContainingNulIsIgnored() {
    assertThat(decode("id: 7\n\nid: a\u0000b\ndata: x\n\n"))
        .containsExactly(new SseEvent("message", "x", "7"));
  }

  @Test
  void lastEventIdIsUpdatedOnDispatchEvenWithoutData() {
    List<SseEvent> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder(1024, events::add);

    feed(decoder, "id: 41\n");
    assertThat(decoder.lastEventId()).isNull();
    feed(decoder, "\n");
    assertThat(decoder.lastEventId()).isEqualTo("41");
    feed(decoder, "id: 42\ndata: x\n");
    decoder.finish();

    assertThat(events).isEmpty();
    assertThat(decoder.lastEventId()).as("an event cut off by EOF is discarded").isEqualTo("41");
  }

  @Test
  void retryTakesDigitsOnly() {
    SseDecoder decoder = new SseDecoder(1024, event -> {});
    assertThat(decoder.retryMillis()).isEmpty();

    feed(decoder, "retry: 1500\n");
    assertThat(decoder.retryMillis()).hasValue(1500);
    feed(decoder, "retry: 10s\nretry: -1\nretry:\nretry: 1.5\nretry: 99999999999999999999\n");
    assertThat(decoder.retryMillis()).hasValue(1500);
    feed(decoder, "retry:250\n");
    assertThat(decoder.retryMillis()).hasValue(250);
  }

  @Test
  void incompleteEventAndIncompleteLineAtEndOfInputAreDiscarded() {
    assertThat(decode("data: a\n\ndata: b\n")).containsExactly(message("a"));
    assertThat(decode("data: a\n\ndata: b")).containsExactly(message("a"));
    assertThat(decode("data: a\n\ndata: b\r")).containsExactly(message("a"));
  }

  @Test
  void blankLinesAloneDispatchNothing() {
    assertThat(decode("\n\n\r\n\r\r\n")).isEmpty();
    assertThat(decode("")).isEmpty();
  }

  @Test
  void invalidUtf8IsReplacedNotFatal() {
    byte[] body = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, 'x', '\n', '\n'};

    assertThat(decode(body)).containsExactly(message("\uFFFDx"));
  }

  @Test
  void aLineLongerThanTheLimitFailsFastBeforeItsLineEnd() {
    List<SseEvent> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder(16, events::add);
    feed(decoder, "data: ok\n\n");
    feed(decoder, "data: 0123456789"); // 16 bytes: at the limit, still fine

    assertThatThrownBy(() -> feed(decoder, "X"))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage())
                  .isEqualTo(
                      "an SSE event exceeded the 16-byte frame limit;"
                          + " raise max_frame_bytes if the provider sends bigger events");
            });
    assertThat(events).containsExactly(message("ok"));
  }

  @Test
  void aWholeOversizedLineInOneChunkFails() {
    SseDecoder decoder = new SseDecoder(16, event -> {});

    assertThatThrownBy(() -> feed(decoder, ": a comment that is far too long\n"))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("16-byte frame limit");
  }

  @Test
  void theDefaultLimitIsNamedInTheMessage() {
    SseDecoder decoder = new SseDecoder(SseDecoder.DEFAULT_MAX_EVENT_BYTES, event -> {});
    byte[] big = new byte[SseDecoder.DEFAULT_MAX_EVENT_BYTES];
    java.util.Arrays.fill(big, (byte) 'a');
    decoder.feed(big, 0, big.length);

    assertThatThrownBy(() -> decoder.feed(big, 0, 1))
        .hasMessageStartingWith("an SSE event exceeded the 16777216-byte frame limit");
  }

  @Test
  void anEventWhoseDataGrowsPastTheLimitFailsEvenIfEachLineFits() {
    List<SseEvent> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder(16, events::add);
    feed(decoder, "data: 12345\ndata: 12345\n"); // data "12345\n12345" = 11 bytes
    feed(decoder, "data: 1234\n\n"); // 16 bytes exactly: fine
    assertThat(events).containsExactly(message("12345\n12345\n1234"));

    feed(decoder, "data: 12345\ndata: 12345\n");
    assertThatThrownBy(() -> feed(decoder, "data: 12345\n"))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
  }

  @Test
  void eventDataAtExactlyTheLimitIsAccepted() {
    List<SseEvent> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder(10, events::add);
    feed(decoder, "data:0123\ndata:01234\n\n");

    assertThat(events).containsExactly(message("0123\n01234"));
  }

  @Test
  void misuseIsRejected() {
    assertThatThrownBy(() -> new SseDecoder(0, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEventBytes must be > 0, but was 0");
    SseDecoder decoder = new SseDecoder(64, event -> {});
    assertThatThrownBy(() -> decoder.feed(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    decoder.finish();
    decoder.finish();
    assertThatThrownBy(() -> feed(decoder, "data: x\n\n"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sinkSeesEventsAsSoonAsTheBlankLineArrives() {
    List<SseEvent> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder(64, events::add);
    feed(decoder, "data: a\n");
    assertThat(events).isEmpty();
    feed(decoder, "\r");
    assertThat(events).containsExactly(message("a"));
    feed(decoder, "\ndata: b\n\n");
    assertThat(events).containsExactly(message("a"), message("b"));
  }

  private static void feed(SseDecoder decoder, String text) {
    byte[] bytes = text.getBytes(UTF_8);
    decoder.feed(bytes, 0, bytes.length);
  }
}
