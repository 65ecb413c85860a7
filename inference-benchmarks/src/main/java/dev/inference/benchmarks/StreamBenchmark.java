package dev.inference.benchmarks;

import dev.inference.benchmarks.contenders.Contender;
import dev.inference.benchmarks.contenders.Contenders;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A streamed answer of 1,000 deltas: SSE for the OpenAI dialect, NDJSON for Ollama, SSE with named
 * events for Anthropic, {@code token} frames and a {@code done} frame over a Unix socket for
 * inferd. One operation consumes every event of one stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StreamBenchmark {

  /** Which contender calls the stub. */
  @Param({
    "raw-openai",
    "inference-openai",
    "inference-openai-apache",
    "openai-java",
    "lc4j-openai",
    "raw-ollama",
    "inference-ollama",
    "lc4j-ollama",
    "ollama4j",
    "raw-inferd",
    "inference-inferd",
    "raw-anthropic",
    "inference-anthropic"
  })
  public String contender;

  private BenchStub stub;
  private Contender client;

  /** Starts the stub and the contender, and checks one stream. */
  @Setup
  public void setUp() {
    stub = BenchStub.start(Contenders.dialect(contender), "stream:0:" + Fixtures.STREAM_DELTAS);
    client = Contenders.create(contender, stub.chatEndpoint());
    long chars = client.stream();
    long expected = (long) Fixtures.DELTA.length() * Fixtures.STREAM_DELTAS;
    if (chars != expected) {
      throw new IllegalStateException(contender + " streamed " + chars + " chars, not " + expected);
    }
  }

  /** Stops both. */
  @TearDown
  public void tearDown() {
    client.close();
    stub.close();
  }

  /**
   * Consumes one stream of 1,000 deltas.
   *
   * @return the characters received
   */
  @Benchmark
  public long stream1000() {
    return client.stream();
  }
}
