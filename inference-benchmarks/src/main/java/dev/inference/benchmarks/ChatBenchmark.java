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
import org.openjdk.jmh.annotations.Threads;

/**
 * Non-streamed chat completions of the same request with the same canned answer: throughput with 1
 * and 16 threads, and latency percentiles.
 */
@State(Scope.Benchmark)
public class ChatBenchmark {

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

  /** Starts the stub and the contender, and checks the answer once. */
  @Setup
  public void setUp() {
    stub = BenchStub.start(Contenders.dialect(contender), "chat");
    client = Contenders.create(contender, stub.chatEndpoint());
    String answer = client.chat();
    if (!answer.equals(Fixtures.CHAT_ANSWER)) {
      throw new IllegalStateException(contender + " answered " + answer);
    }
  }

  /** Stops both. */
  @TearDown
  public void tearDown() {
    client.close();
    stub.close();
  }

  /**
   * Calls per second, one thread.
   *
   * @return the answer
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public String throughput1() {
    return client.chat();
  }

  /**
   * Calls per second, 16 threads sharing one client.
   *
   * @return the answer
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(16)
  public String throughput16() {
    return client.chat();
  }

  /**
   * Latency distribution of one call, one thread.
   *
   * @return the answer
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public String latency() {
    return client.chat();
  }
}
