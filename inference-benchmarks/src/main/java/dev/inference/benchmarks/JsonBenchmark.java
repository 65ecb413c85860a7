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
 * A JSON-mode call whose answer is a 100 KB JSON object, parsed into a tree. Not for inferd: its
 * protocol v1 has no JSON mode (a GBNF grammar is its structured output).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JsonBenchmark {

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
    "raw-anthropic",
    "inference-anthropic"
  })
  public String contender;

  private BenchStub stub;
  private Contender client;

  /** Starts the stub and the contender. */
  @Setup
  public void setUp() {
    stub = BenchStub.start(Contenders.dialect(contender), "json:" + 100 * 1024);
    client = Contenders.create(contender, stub.chatEndpoint());
    client.json();
  }

  /** Stops both. */
  @TearDown
  public void tearDown() {
    client.close();
    stub.close();
  }

  /**
   * One JSON-mode call, parsed.
   *
   * @return the tree
   */
  @Benchmark
  public Object json100k() {
    return client.json();
  }
}
