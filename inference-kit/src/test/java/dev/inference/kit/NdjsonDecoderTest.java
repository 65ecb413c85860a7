package dev.inference.kit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonDecoderTest {

  private static final Chunking.Decoding<String> NDJSON =
      Chunking.of(
          out -> new NdjsonDecoder(1 << 20, out::add), NdjsonDecoder::feed, NdjsonDecoder::finish);

  private static List<String> decode(String body) {
    return Chunking.decodeAllWays(body.getBytes(UTF_8), NDJSON);
  }

  @Test
  void ollamaChatStream() {
    String first =
        "{\"model\":\"llama3.2\",\"created_at\":\"2025-01-01T00:00:00.123456789Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"The\"},\"done\":false}";
    String last =
        "{\"model\":\"llama3.2\",\"created_at\":\"2025-01-01T00:00:01Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\","
            + "\"done\":true,\"total_duration\":123,\"eval_count\":2}";

    assertThat(decode(first + "\n" + last + "\n")).containsExactly(first, last);
  }

  @Test
  void lastLineWithoutLineFeedIsDeliveredByFinish() {
    assertThat(decode("{\"a\":1}\n{\"b\":2}")).containsExactly("{\"a\":1}", "{\"b\":2}");

    List<String> lines = new ArrayList<>();
    NdjsonDecoder decoder = new NdjsonDecoder(64, lines::add);
    feed(decoder, "{\"a\":1}\n{\"b\":");
    assertThat(lines).containsExactly("{\"a\":1}");
    feed(decoder, "2}");
    assertThat(lines).containsExactly("{\"a\":1}");
    decoder.finish();
    assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void trailingCrIsStrippedButALoneCrInsideALineIsKept() {
    assertThat(decode("{\"a\":1}\r\n{\"b\":2}\r\nx\ry\n{\"c\":3}\r"))
        .containsExactly("{\"a\":1}", "{\"b\":2}", "x\ry", "{\"c\":3}");
  }

  @Test
  void blankAndWhitespaceOnlyLinesAreSkipped() {
    assertThat(decode("\n\r\n  \t \n{\"a\":1}\n\n \r\n")).containsExactly("{\"a\":1}");
    assertThat(decode("")).isEmpty();
    assertThat(decode("   ")).isEmpty();
  }

  @Test
  void leadingWhitespaceOfANonBlankLineIsKept() {
    assertThat(decode("  {\"a\":1}\n")).containsExactly("  {\"a\":1}");
  }

  @Test
  void multiByteUtf8SurvivesEverySplit() {
    String line = "{\"message\":{\"content\":\"héllo ✓ 🌍\"},\"done\":false}";

    assertThat(decode(line + "\r\n" + line)).containsExactly(line, line);
  }

  @Test
  void leadingBomIsStripped() {
    assertThat(decode("\uFEFF{\"a\":1}\n{\"b\":\"\uFEFF\"}\n"))
        .containsExactly("{\"a\":1}", "{\"b\":\"\uFEFF\"}");
  }

  @Test
  void ollamaMidStreamErrorLineIsDeliveredLikeAnyLine() {
    String body =
        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n"
            + "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}\n";

    List<String> lines = decode(body);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("{\"error\":\"an error was encountered");
  }

  @Test
  void aLineLongerThanTheLimitFailsFastBeforeItsLineFeed() {
    List<String> lines = new ArrayList<>();
    NdjsonDecoder decoder = new NdjsonDecoder(8, lines::add);
    feed(decoder, "{\"a\":1}\n12345678");

    assertThatThrownBy(() -> feed(decoder, "9"))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
              assertThat(e.getMessage())
                  .startsWith("an NDJSON line exceeded the 8-byte frame limit")
                  .contains("max_frame_bytes");
            });
    assertThat(lines).containsExactly("{\"a\":1}");
  }

  @Test
  void anOversizedCompleteLineInOneChunkFails() {
    NdjsonDecoder decoder = new NdjsonDecoder(8, line -> {});

    assertThatThrownBy(() -> feed(decoder, "{\"a\":\"123456\"}\n"))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("NDJSON line");
  }

  @Test
  void misuseIsRejected() {
    assertThatThrownBy(() -> new NdjsonDecoder(-1, line -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLineBytes must be > 0, but was -1");
    NdjsonDecoder decoder = new NdjsonDecoder(64, line -> {});
    assertThatThrownBy(() -> decoder.feed(new byte[4], -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    decoder.finish();
    decoder.finish();
    assertThatThrownBy(() -> feed(decoder, "{}\n")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void finishDeliversThePartialLineOnlyOnce() {
    List<String> lines = new ArrayList<>();
    NdjsonDecoder decoder = new NdjsonDecoder(64, lines::add);
    feed(decoder, "{\"done\":true}");
    decoder.finish();
    decoder.finish();

    assertThat(lines).containsExactly("{\"done\":true}");
  }

  private static void feed(NdjsonDecoder decoder, String text) {
    byte[] bytes = text.getBytes(UTF_8);
    decoder.feed(bytes, 0, bytes.length);
  }
}
