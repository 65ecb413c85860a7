package dev.inference.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.benchmarks.contenders.Contenders;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark method once, in this JVM and for a moment, for every contender: proves the
 * benchmarks run and every contender gets the expected answer (each setup checks it). Asserts no
 * time: speed is measured by {@code bench/run}.
 */
class BenchmarkSmokeTest {

  @Test
  void everyBenchmarkRunsOnceForEveryContender() throws Exception {
    Options options =
        new OptionsBuilder()
            .include("dev.inference.benchmarks.(Chat|Stream|Json|Growth|Frame)Benchmark")
            .param("kb", "1")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(20))
            .shouldFailOnError(true)
            .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
            .build();

    // JMH takes /tmp/jmh.lock so that two measurements never share a machine unnoticed; this run
    // measures nothing, and must not fail because a bench/run is under way on the same machine
    System.setProperty("jmh.ignoreLock", "true");
    Collection<RunResult> results = new Runner(options).run();

    int contenders = Contenders.ALL.size();
    int transports = 1; // inference-openai-apache: chat, stream and JSON mode
    // chat: throughput1, throughput16, latency; stream; json (not inferd: v1 has no JSON mode);
    // growth: 3 contenders at 1 KB; frames: 4 readers
    assertThat(results)
        .hasSize(
            (contenders + transports) * 3
                + (contenders + transports)
                + (contenders - 2 + transports)
                + 3
                + 4);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }
}
