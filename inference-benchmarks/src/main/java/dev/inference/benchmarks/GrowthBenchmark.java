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
 * How the cost of a streamed answer grows with its size (1 KB, 100 KB, 10 MB in 1 KB deltas); run
 * with {@code -t 1}, {@code -t 16} and {@code -t 256} for concurrency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GrowthBenchmark {

  /** Which contender calls the stub. */
  @Param({"raw-openai", "inference-openai", "openai-java"})
  public String contender;

  /** The size of the answer, in KB. */
  @Param({"1", "100", "10240"})
  public int kb;

  private BenchStub stub;
  private Contender client;

  /** Starts the stub and the contender. */
  @Setup
  public void setUp() {
    stub = BenchStub.start(Contenders.dialect(contender), "stream:1024:" + kb);
    client = Contenders.create(contender, stub.chatEndpoint());
    long chars = client.stream();
    if (chars != kb * 1024L) {
      throw new IllegalStateException(contender + " streamed " + chars + " chars");
    }
  }

  /** Stops both. */
  @TearDown
  public void tearDown() {
    client.close();
    stub.close();
  }

  /**
   * Consumes one stream.
   *
   * @return the characters received
   */
  @Benchmark
  public long stream() {
    return client.stream();
  }
}
