package dev.inference.benchmarks;

import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import dev.inference.anthropic.internal.AnthropicDialect;
import dev.inference.benchmarks.contenders.RawFrames;
import dev.inference.http.StreamDecoder;
import dev.inference.kit.ResponseSink;
import dev.inference.openai.internal.OpenAiDialect;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JSON side of a stream alone, in memory: the data of 1,000 frames, each as the stub sends it,
 * read by a dialect's stream decoder into a response sink (this library), or by Jackson's parser
 * over the line's text to the document's end (the raw baselines, which get the text from their line
 * reader). No socket, no framing, no threads: a change to the per-frame reading shows here on a
 * machine whose end-to-end figures scatter more than the change. One operation reads one stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrameBenchmark {

  /** Frames per stream, as in {@link StreamBenchmark}. */
  private static final int FRAMES = 1_000;

  /** Which reader reads the frames. */
  @Param({"raw-openai", "inference-openai", "raw-anthropic", "inference-anthropic"})
  public String reader;

  private boolean raw;
  private byte[][] bytes;
  private String[] texts;
  private String name;
  private String field;
  private StreamDecoder decoder;

  /** Builds the frames and the dialect, and checks that one stream reads every text. */
  @Setup
  public void setUp() {
    raw = reader.startsWith("raw");
    boolean openAi = reader.endsWith("openai");
    bytes = new byte[FRAMES][];
    texts = new String[FRAMES];
    long expected = 0;
    for (int i = 0; i < FRAMES; i++) {
      String token = "tok" + (i % 10) + ' ';
      expected += token.length();
      texts[i] = openAi ? openAiChunk(token) : anthropicDelta(token);
      bytes[i] = texts[i].getBytes(StandardCharsets.UTF_8);
    }
    name = openAi ? "message" : "content_block_delta";
    field = openAi ? "content" : "text";
    ProviderSettings settings =
        ProviderSettings.builder(openAi ? "openai" : "anthropic")
            .model(Fixtures.MODEL)
            .baseUrl(URI.create("http://127.0.0.1:1/v1"))
            .build();
    decoder =
        openAi
            ? OpenAiDialect.of("openai", settings).streamDecoder()
            : AnthropicDialect.of(settings).streamDecoder();
    try {
      long chars = stream();
      if (chars != expected) {
        throw new IllegalStateException(reader + " read " + chars + " characters");
      }
    } catch (IOException failure) {
      throw new IllegalStateException(reader + " failed", failure);
    }
  }

  /**
   * Reads one stream's frames.
   *
   * @return the characters of text read
   * @throws IOException never: the frames are valid
   */
  @Benchmark
  public long stream() throws IOException {
    long chars = 0;
    if (raw) {
      for (String text : texts) {
        chars += RawFrames.text(text, field).length();
      }
      return chars;
    }
    ResponseSink sink = ResponseSink.forStream(FrameBenchmark::ignore);
    for (byte[] frame : bytes) {
      decoder.frame(name, frame, 0, frame.length, sink);
    }
    return sink.text().length();
  }

  private static void ignore(StreamEvent event) {}

  /** An OpenAI chunk as the stub writes it (OpenAiWire), with usage asked for. */
  private static String openAiChunk(String token) {
    return "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1733000000,\"model\":\""
        + Fixtures.MODEL
        + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_44709d6fcb\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + token
        + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
  }

  /** An Anthropic {@code content_block_delta} event's data. */
  private static String anthropicDelta(String token) {
    return "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
        + "\"text\":\""
        + token
        + "\"}}";
  }
}
