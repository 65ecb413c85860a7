package dev.inference.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Targets lines: one per target of issue 20 per driver, with the ratio and the verdict. */
class TargetsTest {

  private static Report.Result chat(String contender, int threads, double calls, double alloc) {
    return new Report.Result(
        "ChatBenchmark.throughput" + threads,
        contender,
        0,
        threads,
        calls,
        "ops/s",
        Double.NaN,
        Double.NaN,
        alloc);
  }

  private static Report.Result stream(String contender, double micros, double alloc) {
    return new Report.Result(
        "StreamBenchmark.stream1000", contender, 0, 1, micros, "us/op", 0, 0, alloc);
  }

  private static String row(List<String[]> rows, String target) {
    return rows.stream()
        .filter(r -> r[0].equals(target))
        .map(r -> r[1] + " | " + r[2])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + target));
  }

  @Test
  void everyTargetOfEveryDriverHasItsLineWithTheRatioAndTheVerdict() {
    List<Report.Result> results = new ArrayList<>();
    results.add(chat("raw-openai", 1, 1000, 10_000));
    results.add(chat("inference-openai", 1, 960, 12_000));
    results.add(chat("openai-java", 1, 1200, 50_000));
    results.add(chat("raw-inferd", 16, 1000, 10_000));
    results.add(chat("inference-inferd", 16, 900, 10_000));
    results.add(stream("raw-inferd", 1000, 100));
    results.add(stream("inference-inferd", 1000, 105));
    Map<String, String[]> cold =
        Map.of(
            "raw-inferd", new String[] {"raw-inferd", "100.0"},
            "inference-inferd", new String[] {"inference-inferd", "130.0"},
            "inference-inferd-code", new String[] {"inference-inferd-code", "104.0"});
    Map<String, String[]> footprint =
        Map.of("inference-inferd", new String[] {"inference-inferd", "4", "1500000"});

    List<String[]> rows = new Targets(results, cold, footprint).rows();

    assertThat(row(rows, "inference-openai non-streamed calls/s, 1 thread >= 0.95x raw"))
        .isEqualTo("0.96x (960 vs 1,000 calls/s) | yes");
    assertThat(
            row(
                rows,
                "inference-openai non-streamed calls/s, 1 thread: ahead of every peer of its"
                    + " dialect"))
        .startsWith("960 calls/s vs openai-java 1,200; lc4j-openai not in this run")
        .endsWith("| **no**");
    assertThat(row(rows, "inference-openai allocation per call <= 1.1x raw"))
        .startsWith("1.20x")
        .endsWith("| **no**");
    assertThat(row(rows, "inference-inferd non-streamed calls/s, 16 threads >= 0.95x raw"))
        .isEqualTo("0.90x (900 vs 1,000 calls/s) | **no**");
    assertThat(row(rows, "inference-inferd streaming events/s (1,000 deltas) >= 0.95x raw"))
        .startsWith("1.00x")
        .endsWith("| yes");
    assertThat(
            row(
                rows,
                "inference-inferd non-streamed calls/s, 1 thread: ahead of every peer of its"
                    + " dialect"))
        .isEqualTo("no peer of this dialect | -");
    assertThat(row(rows, "inference-inferd JSON mode, 100 KB answer: time and allocation"))
        .isEqualTo("not measured: inferd protocol v1 has no JSON mode | -");
    assertThat(
            row(
                rows,
                "inference-inferd cold start to the first answer, built in code <= 1.05x raw"))
        .startsWith("1.04x")
        .endsWith("| yes");
    assertThat(
            row(
                rows,
                "inference-inferd cold start to the first answer, through the TOML <= 1.2x raw"))
        .startsWith("1.30x")
        .endsWith("| **no**");
    assertThat(row(rows, "inference-inferd footprint with its runtime jars < 2 MB"))
        .isEqualTo("1.50 MB (4 jars) | yes");
    assertThat(row(rows, "inference-inferd 10 MB streamed answer: allocation per KB <= 1.2x raw's"))
        .startsWith("not measured: ");
    // every driver of the registry has every target, measured or not (inferd's JSON mode: one line)
    for (String driver : List.of("inference-openai", "inference-ollama", "inference-anthropic")) {
      assertThat(rows.stream().filter(r -> r[0].startsWith(driver + " "))).hasSize(15);
    }
    assertThat(rows.stream().filter(r -> r[0].startsWith("inference-inferd "))).hasSize(14);
  }
}
