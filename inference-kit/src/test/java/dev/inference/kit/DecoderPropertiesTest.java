package dev.inference.kit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.props.Props;
import dev.inference.props.Props.Gen;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Properties of the SSE and NDJSON decoders: any split of a body decodes the same; random bytes end
 * in events or a MALFORMED_RESPONSE, never another exception; the decoder never holds more than its
 * frame limit (twice for SSE: one line plus one event's data).
 */
@Timeout(60) // a hang guard only
class DecoderPropertiesTest {

  private static final int LIMIT = 1024;

  /** An SSE body of valid events with every line ending, comments, BOM, split UTF-8 text. */
  private static final Gen<byte[]> SSE_BODIES =
      (random, size) -> {
        StringBuilder body = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
        int events = random.nextInt(1 + size / 10 + 1);
        String[] ends = {"\n", "\r\n", "\r"};
        for (int e = 0; e < events; e++) {
          String end = ends[random.nextInt(3)];
          if (random.nextInt(4) == 0) {
            body.append(": keep-alive").append(end);
          }
          if (random.nextInt(3) == 0) {
            body.append("event: ").append(random.nextBoolean() ? "error" : "delta").append(end);
          }
          int lines = 1 + random.nextInt(3);
          for (int l = 0; l < lines; l++) {
            body.append(random.nextBoolean() ? "data: " : "data:")
                .append(
                    Props.strings(40, false, "{\"a\":1}", "é", "😀", "\\n")
                        .next(random, size)
                        .replaceAll("[\r\n]", " "))
                .append(end);
          }
          if (random.nextInt(5) == 0) {
            body.append("id: ").append(e).append(end);
          }
          body.append(end);
        }
        return body.toString().getBytes(UTF_8);
      };

  private static final Gen<byte[]> NDJSON_BODIES =
      (random, size) -> {
        StringBuilder body = new StringBuilder();
        int lines = random.nextInt(1 + size / 5 + 1);
        for (int l = 0; l < lines; l++) {
          body.append(
              Props.strings(60, false, "{\"done\":false}", "é", "😀")
                  .next(random, size)
                  .replaceAll("[\n]", " "));
          body.append(random.nextBoolean() ? "\n" : "\r\n");
          if (random.nextInt(4) == 0) {
            body.append(" \t\n");
          }
        }
        return body.toString().getBytes(UTF_8);
      };

  /** Random bytes with many line ends, so that the decoders see short and long lines alike. */
  private static final Gen<byte[]> NOISE =
      (random, size) -> {
        byte[] bytes = Props.bytes(6 * LIMIT).next(random, size);
        for (int i = 0; i < bytes.length; i++) {
          int pick = random.nextInt(40);
          if (pick == 0) {
            bytes[i] = '\n';
          } else if (pick == 1) {
            bytes[i] = '\r';
          } else if (pick == 2) {
            bytes[i] = ':';
          }
        }
        return bytes;
      };

  @Test
  void sseAnySplitOfAValidBodyGivesTheSameEvents() {
    Random splits = new Random();
    Props.forAll(
        300,
        SSE_BODIES,
        body -> {
          List<SseEvent> whole = sse(List.of(body), Integer.MAX_VALUE / 2).events;
          List<SseEvent> split = sse(Props.randomSplit(body, splits), Integer.MAX_VALUE / 2).events;
          assertThat(split).isEqualTo(whole);
        });
  }

  @Test
  void ndjsonAnySplitOfAValidBodyGivesTheSameLines() {
    Random splits = new Random();
    Props.forAll(
        300,
        NDJSON_BODIES,
        body -> {
          List<String> whole = ndjson(List.of(body), Integer.MAX_VALUE / 2).lines;
          List<String> split = ndjson(Props.randomSplit(body, splits), Integer.MAX_VALUE / 2).lines;
          assertThat(split).isEqualTo(whole);
          // blank means spaces, tabs and CRs only, as the decoder defines it
          assertThat(whole)
              .allSatisfy(
                  line ->
                      assertThat(line.chars().anyMatch(c -> c != ' ' && c != '\t' && c != '\r'))
                          .as(line)
                          .isTrue());
          assertThat(whole).noneMatch(line -> line.contains("\n"));
        });
  }

  @Test
  void sseRandomBytesEndInEventsOrAFrameErrorWithinTheLimit() {
    Random splits = new Random();
    Props.forAll(
        300,
        NOISE,
        bytes -> {
          Outcome<SseEvent> outcome = sse(Props.randomSplit(bytes, splits), LIMIT);
          outcome.assertBounded(2 * LIMIT + 1);
          for (SseEvent event : outcome.events) {
            assertThat(event.data().getBytes(UTF_8).length).isLessThanOrEqualTo(LIMIT);
          }
        });
  }

  @Test
  void ndjsonRandomBytesEndInLinesOrAFrameErrorWithinTheLimit() {
    Random splits = new Random();
    Props.forAll(
        300,
        NOISE,
        bytes -> {
          Outcome<String> outcome = ndjson(Props.randomSplit(bytes, splits), LIMIT);
          outcome.assertBounded(LIMIT);
          for (String line : outcome.lines) {
            assertThat(line.getBytes(UTF_8).length).isLessThanOrEqualTo(LIMIT);
          }
        });
  }

  @Test
  void aFrameOverTheLimitFailsAtTheLimitNotAtTheEndOfTheBody() {
    // 64 times the limit without a line end: the decoder fails once it holds more than the limit
    byte[] chunk = new byte[256];
    java.util.Arrays.fill(chunk, (byte) 'x');
    SseDecoder sse = new SseDecoder(LIMIT, event -> {});
    NdjsonDecoder ndjson = new NdjsonDecoder(LIMIT, line -> {});
    int fedSse = feedUntilFailure(chunk, (b, o, l) -> sse.feed(b, o, l));
    int fedNdjson = feedUntilFailure(chunk, (b, o, l) -> ndjson.feed(b, o, l));
    assertThat(fedSse).isEqualTo(LIMIT + chunk.length);
    assertThat(fedNdjson).isEqualTo(LIMIT + chunk.length);
    assertThat(sse.capacity()).isLessThanOrEqualTo(2 * LIMIT + 1);
    assertThat(ndjson.capacity()).isLessThanOrEqualTo(LIMIT);
  }

  private interface Feeder {
    void feed(byte[] bytes, int offset, int length);
  }

  private static int feedUntilFailure(byte[] chunk, Feeder feeder) {
    int fed = 0;
    for (int i = 0; i < 64; i++) {
      fed += chunk.length;
      try {
        feeder.feed(chunk, 0, chunk.length);
      } catch (InferenceException tooBig) {
        assertThat(tooBig.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(tooBig.getMessage()).contains(LIMIT + "-byte frame limit", "max_frame_bytes");
        return fed;
      }
    }
    throw new AssertionError("no failure after " + fed + " bytes");
  }

  private static final class Outcome<T> {
    final List<T> events = new ArrayList<>();
    final List<T> lines = events;
    InferenceException failure;
    int maxCapacity;

    void assertBounded(int bound) {
      assertThat(maxCapacity).isLessThanOrEqualTo(bound);
      if (failure != null) {
        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      }
    }
  }

  private static Outcome<SseEvent> sse(List<byte[]> chunks, int limit) {
    Outcome<SseEvent> outcome = new Outcome<>();
    SseDecoder decoder = new SseDecoder(limit, outcome.events::add);
    try {
      for (byte[] chunk : chunks) {
        decoder.feed(chunk, 0, chunk.length);
        outcome.maxCapacity = Math.max(outcome.maxCapacity, decoder.capacity());
      }
      decoder.finish();
    } catch (InferenceException failed) {
      outcome.failure = failed;
    }
    outcome.maxCapacity = Math.max(outcome.maxCapacity, decoder.capacity());
    return outcome;
  }

  private static Outcome<String> ndjson(List<byte[]> chunks, int limit) {
    Outcome<String> outcome = new Outcome<>();
    NdjsonDecoder decoder = new NdjsonDecoder(limit, outcome.lines::add);
    try {
      for (byte[] chunk : chunks) {
        decoder.feed(chunk, 0, chunk.length);
        outcome.maxCapacity = Math.max(outcome.maxCapacity, decoder.capacity());
      }
      decoder.finish();
    } catch (InferenceException failed) {
      outcome.failure = failed;
    }
    outcome.maxCapacity = Math.max(outcome.maxCapacity, decoder.capacity());
    return outcome;
  }

  @SuppressWarnings("unused")
  private static byte[] concat(List<byte[]> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
