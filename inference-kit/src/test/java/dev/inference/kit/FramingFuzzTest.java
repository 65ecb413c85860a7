package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the SSE and NDJSON framing: any bytes end in events (lines) or a
 * {@code MALFORMED_RESPONSE}, never another exception; feeding the body whole or one byte at a time
 * yields the same output; a decoder never holds more than its limit (twice for SSE: a line and an
 * event's data). The committed inputs under {@code FramingFuzzTestInputs/} replay in every build;
 * {@code bench/fuzz} fuzzes.
 */
class FramingFuzzTest {

  /** Small, so that the fuzzer reaches the limit checks with short inputs. */
  private static final int LIMIT = 256;

  @FuzzTest(maxDuration = "60s")
  void sse(byte[] body) {
    Outcome whole = sse(body, body.length);
    Outcome bytewise = sse(body, 1);
    assertThat(bytewise).isEqualTo(whole);
  }

  @FuzzTest(maxDuration = "60s")
  void ndjson(byte[] body) {
    Outcome whole = ndjson(body, body.length);
    Outcome bytewise = ndjson(body, 1);
    assertThat(bytewise).isEqualTo(whole);
  }

  /** What a decoder made of a body: its output, and the error it ended in (or none). */
  record Outcome(List<String> out, String error) {}

  private static Outcome sse(byte[] body, int chunk) {
    List<String> out = new ArrayList<>();
    SseDecoder decoder =
        new SseDecoder(LIMIT, e -> out.add(e.type() + "|" + e.id() + "|" + e.data()));
    try {
      feed(
          body,
          chunk,
          decoder::feed,
          () -> assertThat(decoder.capacity()).isLessThanOrEqualTo(2 * LIMIT + 1));
      decoder.finish();
      return new Outcome(out, "");
    } catch (InferenceException e) {
      return failed(out, e);
    }
  }

  private static Outcome ndjson(byte[] body, int chunk) {
    List<String> out = new ArrayList<>();
    NdjsonDecoder decoder = new NdjsonDecoder(LIMIT, out::add);
    try {
      feed(
          body,
          chunk,
          decoder::feed,
          () -> assertThat(decoder.capacity()).isLessThanOrEqualTo(LIMIT));
      decoder.finish();
      // not blank by JSON's whitespace (space, tab, CR): a vertical tab is content
      out.forEach(
          line -> assertThat(line.replaceAll("[ \t\r]", "")).isNotEmpty().doesNotContain("\n"));
      return new Outcome(out, "");
    } catch (InferenceException e) {
      return failed(out, e);
    }
  }

  private static Outcome failed(List<String> out, InferenceException e) {
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    return new Outcome(out, e.kind().name());
  }

  private interface Feeder {
    void feed(byte[] bytes, int offset, int length);
  }

  private static void feed(byte[] body, int chunk, Feeder feeder, Runnable bounded) {
    int step = Math.max(1, chunk);
    for (int offset = 0; offset < body.length; offset += step) {
      feeder.feed(body, offset, Math.min(step, body.length - offset));
      bounded.run();
    }
  }
}
