package dev.inference.benchmarks;

import dev.inference.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code BENCHMARKS.md} from one {@code bench/run}: the JMH JSON results, the cold start and
 * footprint tables and the environment, every figure next to its ratio to the raw baseline of the
 * same dialect measured in the same run.
 *
 * <p>Arguments: {@code results-dir output.md}. The directory holds {@code jmh-*.json}, {@code
 * coldstart.tsv}, {@code footprint.tsv}, {@code env.txt} and optionally {@code notes.md}.
 */
public final class Report {

  /** One JMH result. */
  record Result(
      String benchmark,
      String contender,
      int kb,
      int threads,
      double score,
      String unit,
      double p50,
      double p99,
      double alloc) {}

  private final List<Result> results = new ArrayList<>();
  private final StringBuilder md = new StringBuilder();
  private final List<String[]> targets = new ArrayList<>();

  private Report() {}

  /**
   * Writes the report.
   *
   * @param args the results directory and the output file
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Report report = new Report();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "jmh-*.json")) {
      for (Path file : files) {
        report.read(Files.readString(file));
      }
    }
    Files.writeString(Path.of(args[1]), report.render(dir), StandardCharsets.UTF_8);
  }

  private void read(String json) {
    if (json.isBlank()) {
      return;
    }
    JsonValue.ArrayValue array = (JsonValue.ArrayValue) JsonValue.parse(json);
    for (JsonValue run : array.elements()) {
      String benchmark = string(run, "benchmark");
      benchmark =
          benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      JsonValue params = run.get("params").orElse(JsonValue.object(Map.of()));
      JsonValue primary = run.get("primaryMetric").orElseThrow();
      JsonValue percentiles = primary.get("scorePercentiles").orElse(JsonValue.object(Map.of()));
      double alloc =
          run.get("secondaryMetrics")
              .flatMap(s -> s.get("gc.alloc.rate.norm"))
              .map(m -> number(m, "score"))
              .orElse(Double.NaN);
      results.add(
          new Result(
              benchmark,
              string(params, "contender"),
              (int)
                  Optional.of(string(params, "kb"))
                      .filter(s -> !s.isEmpty())
                      .map(Double::parseDouble)
                      .orElse(0.0)
                      .doubleValue(),
              (int) number(run, "threads"),
              number(primary, "score"),
              string(primary, "scoreUnit"),
              number(percentiles, "50.0"),
              number(percentiles, "99.0"),
              alloc));
    }
  }

  private static String string(JsonValue json, String name) {
    return json.get(name).flatMap(JsonValue::asString).orElse("");
  }

  private static double number(JsonValue json, String name) {
    Optional<JsonValue> value = json.get(name);
    if (value.isPresent() && value.get() instanceof JsonValue.NumberValue number) {
      return number.doubleValue();
    }
    return Double.NaN;
  }

  private Optional<Result> find(String benchmark, String contender, int kb, int threads) {
    return results.stream()
        .filter(
            r ->
                r.benchmark().equals(benchmark)
                    && r.contender().equals(contender)
                    && r.kb() == kb
                    && (threads == 0 || r.threads() == threads))
        .findFirst();
  }

  static String raw(String contender) {
    return switch (dev.inference.benchmarks.contenders.Contenders.dialect(contender)) {
      case OLLAMA -> "raw-ollama";
      case ANTHROPIC -> "raw-anthropic";
      case OPENAI -> "raw-openai";
      case INFERD -> throw new IllegalArgumentException("no contender speaks inferd: " + contender);
    };
  }

  private static String fmt(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String ratio(double value, double base) {
    if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", value / base);
  }

  private static String kb(double bytes) {
    return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%,.1f KB", bytes / 1024);
  }

  private String render(Path dir) throws IOException {
    md.append("# Benchmarks\n\n");
    md.append(
        "Generated by `bench/run` from one run on this machine; every ratio compares a contender"
            + " with the raw baseline of the same dialect (`raw-openai`: JDK `HttpClient` + Jackson"
            + " streaming, SSE by hand; `raw-ollama`: the same for NDJSON; `raw-anthropic`: the same for"
            + " the Messages API's SSE of named events) measured in the same"
            + " run. The machine was shared with other engineers' builds while this ran, so the"
            + " absolute figures are noisy; read the ratios, and the error columns of the raw JMH"
            + " output in `inference-benchmarks/target/bench/`.\n\n");
    Path env = dir.resolve("env.txt");
    if (Files.exists(env)) {
      md.append("## Environment\n\n```\n")
          .append(Files.readString(env).strip())
          .append("\n```\n\n");
    }
    StringBuilder body = new StringBuilder();
    StringBuilder saved = new StringBuilder(md);
    md.setLength(0);
    chat();
    stream();
    json();
    growth();
    coldStart(dir.resolve("coldstart.tsv"));
    footprint(dir.resolve("footprint.tsv"));
    body.append(md);
    md.setLength(0);
    md.append(saved);
    md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
    for (String[] target : targets) {
      md.append("| ").append(String.join(" | ", target)).append(" |\n");
    }
    md.append('\n');
    Path notes = dir.resolve("notes.md");
    if (Files.exists(notes)) {
      md.append(Files.readString(notes).strip()).append("\n\n");
    }
    md.append(body);
    return md.toString();
  }

  private void target(String name, String measured, boolean met) {
    targets.add(new String[] {name, measured, met ? "yes" : "**no**"});
  }

  private static final List<String> OURS =
      List.of("inference-openai", "inference-ollama", "inference-anthropic");

  /** The peers a driver is judged against; none for Anthropic, which is judged against raw only. */
  private static List<String> peersOf(String ours) {
    return switch (ours) {
      case "inference-openai" -> List.of("openai-java", "lc4j-openai");
      case "inference-ollama" -> List.of("lc4j-ollama", "ollama4j");
      default -> List.of();
    };
  }

  private void chat() {
    md.append("## Non-streamed chat completion\n\n")
        .append(
            "Same request, same ~200-byte canned answer. Throughput in calls/s (ratio: higher is")
        .append(
            " better); latency in µs (SampleTime, 1 thread; ratio: lower is better); allocation")
        .append(" per call from `-prof gc` at 1 thread (ratio: lower is better).\n\n")
        .append("| contender | calls/s 1 thread | ratio | calls/s 16 threads | ratio | p50 µs |")
        .append(" ratio | p99 µs | ratio | alloc/call | ratio |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (String contender : dev.inference.benchmarks.contenders.Contenders.ALL) {
      Optional<Result> t1 = find("ChatBenchmark.throughput1", contender, 0, 0);
      Optional<Result> t16 = find("ChatBenchmark.throughput16", contender, 0, 0);
      Optional<Result> lat = find("ChatBenchmark.latency", contender, 0, 0);
      String raw = raw(contender);
      Optional<Result> r1 = find("ChatBenchmark.throughput1", raw, 0, 0);
      Optional<Result> r16 = find("ChatBenchmark.throughput16", raw, 0, 0);
      Optional<Result> rl = find("ChatBenchmark.latency", raw, 0, 0);
      md.append("| ")
          .append(contender)
          .append(" | ")
          .append(fmt(score(t1)))
          .append(" | ")
          .append(ratio(score(t1), score(r1)))
          .append(" | ")
          .append(fmt(score(t16)))
          .append(" | ")
          .append(ratio(score(t16), score(r16)))
          .append(" | ")
          .append(fmt(lat.map(Result::p50).orElse(Double.NaN)))
          .append(" | ")
          .append(
              ratio(
                  lat.map(Result::p50).orElse(Double.NaN), rl.map(Result::p50).orElse(Double.NaN)))
          .append(" | ")
          .append(fmt(lat.map(Result::p99).orElse(Double.NaN)))
          .append(" | ")
          .append(
              ratio(
                  lat.map(Result::p99).orElse(Double.NaN), rl.map(Result::p99).orElse(Double.NaN)))
          .append(" | ")
          .append(kb(alloc(t1)))
          .append(" | ")
          .append(ratio(alloc(t1), alloc(r1)))
          .append(" |\n");
    }
    md.append('\n');
    for (String ours : OURS) {
      String raw = raw(ours);
      for (String bench : List.of("ChatBenchmark.throughput1", "ChatBenchmark.throughput16")) {
        double mine = score(find(bench, ours, 0, 0));
        double base = score(find(bench, raw, 0, 0));
        target(
            ours + " " + bench.substring(14) + " >= 0.9 x raw",
            ratio(mine, base),
            mine / base >= 0.9);
        boolean ahead = true;
        StringBuilder versus = new StringBuilder();
        for (String peer : peersOf(ours)) {
          double theirs = score(find(bench, peer, 0, 0));
          ahead &= mine > theirs;
          versus.append(peer).append(' ').append(fmt(theirs)).append("; ");
        }
        if (!peersOf(ours).isEmpty()) {
          target(
              ours + " " + bench.substring(14) + " ahead of peers",
              fmt(mine) + " vs " + versus,
              ahead);
        }
      }
      double mine = alloc(find("ChatBenchmark.throughput1", ours, 0, 0));
      double base = alloc(find("ChatBenchmark.throughput1", raw, 0, 0));
      target(ours + " allocation/call <= 1.5 x raw", ratio(mine, base), mine / base <= 1.5);
      boolean ahead = true;
      for (String peer : peersOf(ours)) {
        ahead &= mine < alloc(find("ChatBenchmark.throughput1", peer, 0, 0));
      }
      if (!peersOf(ours).isEmpty()) {
        target(ours + " allocation/call below every peer", kb(mine), ahead);
      }
    }
  }

  private static double score(Optional<Result> result) {
    return result.map(Result::score).orElse(Double.NaN);
  }

  private static double alloc(Optional<Result> result) {
    return result.map(Result::alloc).orElse(Double.NaN);
  }

  private void stream() {
    md.append("## Streaming: 1,000 deltas\n\n")
        .append("OpenAI dialect: 1,000 SSE `data:` events (+ usage, `[DONE]`); Ollama dialect:")
        .append(" 1,000 NDJSON lines (+ the `done` line); Anthropic dialect: 1,000")
        .append(
            " `content_block_delta` events (+ the message and block events). Time to consume every event of one")
        .append(" stream (ratio: lower is better), events/s = 1,000 / time (ratio: higher is")
        .append(" better), allocation per stream.\n\n")
        .append("| contender | µs/stream | ratio | events/s | ratio | alloc/stream | ratio |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (String contender : dev.inference.benchmarks.contenders.Contenders.ALL) {
      Optional<Result> r = find("StreamBenchmark.stream1000", contender, 0, 0);
      Optional<Result> base = find("StreamBenchmark.stream1000", raw(contender), 0, 0);
      double events = 1000 / (score(r) / 1e6);
      double baseEvents = 1000 / (score(base) / 1e6);
      md.append("| ")
          .append(contender)
          .append(" | ")
          .append(fmt(score(r)))
          .append(" | ")
          .append(ratio(score(r), score(base)))
          .append(" | ")
          .append(fmt(events))
          .append(" | ")
          .append(ratio(events, baseEvents))
          .append(" | ")
          .append(kb(alloc(r)))
          .append(" | ")
          .append(ratio(alloc(r), alloc(base)))
          .append(" |\n");
    }
    md.append('\n');
    for (String ours : OURS) {
      double mine = score(find("StreamBenchmark.stream1000", ours, 0, 0));
      double base = score(find("StreamBenchmark.stream1000", raw(ours), 0, 0));
      target(ours + " streaming events/s >= 0.9 x raw", ratio(base, mine), base / mine >= 0.9);
      boolean ahead = true;
      StringBuilder versus = new StringBuilder();
      for (String peer : peersOf(ours)) {
        double theirs = score(find("StreamBenchmark.stream1000", peer, 0, 0));
        ahead &= mine < theirs;
        versus.append(peer).append(' ').append(fmt(theirs)).append(" µs; ");
      }
      if (!peersOf(ours).isEmpty()) {
        target(ours + " streaming ahead of peers", fmt(mine) + " µs vs " + versus, ahead);
      }
      double a = alloc(find("StreamBenchmark.stream1000", ours, 0, 0));
      double b = alloc(find("StreamBenchmark.stream1000", raw(ours), 0, 0));
      target(ours + " allocation/stream <= 1.5 x raw", ratio(a, b), a / b <= 1.5);
    }
  }

  private void json() {
    md.append("## JSON mode: a 100 KB JSON answer parsed into a tree\n\n")
        .append("This library: `parsedJson()`; raw: Jackson streaming parser into maps and lists;")
        .append(" peers return the text, parsed here with Jackson databind `readTree` as their")
        .append(" users do.\n\n")
        .append("| contender | µs/call | ratio | alloc/call | ratio |\n|---|---|---|---|---|\n");
    for (String contender : dev.inference.benchmarks.contenders.Contenders.ALL) {
      Optional<Result> r = find("JsonBenchmark.json100k", contender, 0, 0);
      Optional<Result> base = find("JsonBenchmark.json100k", raw(contender), 0, 0);
      md.append("| ")
          .append(contender)
          .append(" | ")
          .append(fmt(score(r)))
          .append(" | ")
          .append(ratio(score(r), score(base)))
          .append(" | ")
          .append(kb(alloc(r)))
          .append(" | ")
          .append(ratio(alloc(r), alloc(base)))
          .append(" |\n");
    }
    md.append('\n');
  }

  private void growth() {
    md.append("## Growth with size and concurrency (OpenAI dialect, streamed)\n\n")
        .append("The answer arrives in 1 KB deltas. ms per stream (each thread consumes its own")
        .append(" streams through one shared client), allocation per stream, and allocation per KB")
        .append(
            " of answer: a flat per-KB figure means the cost grows linearly with the answer and")
        .append(" nothing else.\n\n")
        .append("| contender | size | threads | ms/stream | ratio | alloc/stream | alloc per KB |")
        .append(" ratio |\n|---|---|---|---|---|---|---|---|\n");
    List<Result> growth =
        results.stream().filter(r -> r.benchmark().equals("GrowthBenchmark.stream")).toList();
    Map<String, Result> sorted = new LinkedHashMap<>();
    for (int threads : List.of(1, 16, 256)) {
      for (int kb : List.of(1, 100, 10240)) {
        for (String contender : List.of("raw-openai", "inference-openai", "openai-java")) {
          growth.stream()
              .filter(
                  r -> r.threads() == threads && r.kb() == kb && r.contender().equals(contender))
              .findFirst()
              .ifPresent(r -> sorted.put(contender + kb + "/" + threads, r));
        }
      }
    }
    for (Result r : sorted.values()) {
      Optional<Result> base = find("GrowthBenchmark.stream", "raw-openai", r.kb(), r.threads());
      md.append("| ")
          .append(r.contender())
          .append(" | ")
          .append(r.kb() >= 1024 ? (r.kb() / 1024) + " MB" : r.kb() + " KB")
          .append(" | ")
          .append(r.threads())
          .append(" | ")
          .append(fmt(r.score()))
          .append(" | ")
          .append(ratio(r.score(), score(base)))
          .append(" | ")
          .append(kb(r.alloc()))
          .append(" | ")
          .append(kb(r.alloc() / r.kb()))
          .append(" | ")
          .append(ratio(r.alloc(), alloc(base)))
          .append(" |\n");
    }
    md.append('\n');
  }

  private void coldStart(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    md.append("## Cold start\n\n")
        .append("Wall time from starting a fresh JVM (`java -cp <only that contender's jars>`) to")
        .append(" the moment it prints the answer of its first completed chat call against the")
        .append(" stub; median of the runs, which are interleaved (one run of every contender per")
        .append(" round). `inference-openai` and `inference-ollama` read a TOML profile with")
        .append(" `InferenceConfig.parse` as a user with a config file does, and are the ones the")
        .append(" targets judge; `inference-openai-code` and `inference-ollama-code` build the")
        .append(" same client in code (`ProviderSettings` and `Inference.connect`), without")
        .append(" inference-config and tomlj. *To exit* is the median time to the JVM's exit: at")
        .append(" exit HotSpot waits up to about 300 ms for threads blocked in native code, which")
        .append(" the JDK `HttpClient`'s selector thread always is, so every contender on that")
        .append(" client (raw, this library, LangChain4j, ollama4j) pays it there and openai-java")
        .append(" (OkHttp) does not.\n\n")
        .append("| contender | median ms | ratio | min ms | max ms | to exit ms | runs |\n")
        .append("|---|---|---|---|---|---|---|\n");
    Map<String, String[]> rows = tsv(file);
    for (Map.Entry<String, String[]> row : rows.entrySet()) {
      String[] cells = row.getValue();
      String[] base = rows.get(raw(row.getKey()));
      md.append("| ")
          .append(row.getKey())
          .append(" | ")
          .append(cells[1])
          .append(" | ")
          .append(
              base == null
                  ? "n/a"
                  : ratio(Double.parseDouble(cells[1]), Double.parseDouble(base[1])))
          .append(" | ")
          .append(cells[2])
          .append(" | ")
          .append(cells[3])
          .append(" | ")
          .append(cells.length > 5 ? cells[5] : "n/a")
          .append(" | ")
          .append(cells[4])
          .append(" |\n");
    }
    md.append('\n');
    for (String ours : OURS) {
      if (!rows.containsKey(ours)) {
        continue;
      }
      double mine = Double.parseDouble(rows.get(ours)[1]);
      boolean ahead = true;
      StringBuilder versus = new StringBuilder();
      for (String peer : peersOf(ours)) {
        if (rows.containsKey(peer)) {
          double theirs = Double.parseDouble(rows.get(peer)[1]);
          ahead &= mine < theirs;
          versus.append(peer).append(' ').append(fmt(theirs)).append(" ms; ");
        }
      }
      String code = ours + "-code";
      if (rows.containsKey(code)) {
        versus
            .append("(built in code, not judged: ")
            .append(fmt(Double.parseDouble(rows.get(code)[1])))
            .append(" ms)");
      }
      if (!peersOf(ours).isEmpty()) {
        target(
            ours + " cold start (TOML config) ahead of peers",
            fmt(mine) + " ms vs " + versus.toString().strip(),
            ahead);
      }
    }
  }

  private void footprint(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    md.append("## Footprint\n\n")
        .append("Runtime jars each contender adds to an application (its runtime class path from")
        .append(" `mvn dependency:build-classpath -DincludeScope=runtime` on a pom that")
        .append(" declares only it), and their size on disk.\n\n")
        .append("| contender | jars | MB | ratio to raw |\n|---|---|---|---|\n");
    Map<String, String[]> rows = tsv(file);
    double rawBytes = rows.containsKey("raw") ? Double.parseDouble(rows.get("raw")[2]) : Double.NaN;
    for (Map.Entry<String, String[]> row : rows.entrySet()) {
      double bytes = Double.parseDouble(row.getValue()[2]);
      md.append("| ")
          .append(row.getKey())
          .append(" | ")
          .append(row.getValue()[1])
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", bytes / 1e6))
          .append(" | ")
          .append(ratio(bytes, rawBytes))
          .append(" |\n");
    }
    md.append('\n');
    if (rows.containsKey("inference-openai")) {
      double ours = Double.parseDouble(rows.get("inference-openai")[2]);
      target(
          "OpenAI driver with every runtime dependency < 2 MB",
          String.format(Locale.ROOT, "%.2f MB", ours / 1e6),
          ours < 2e6);
      boolean ahead = true;
      for (String peer : List.of("openai-java", "lc4j-openai")) {
        if (rows.containsKey(peer)) {
          ahead &= ours < Double.parseDouble(rows.get(peer)[2]);
        }
      }
      target("OpenAI driver footprint below every OpenAI peer", fmt(ours / 1e6) + " MB", ahead);
    }
  }

  private static Map<String, String[]> tsv(Path file) throws IOException {
    Map<String, String[]> rows = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        String[] cells = line.split("\t");
        rows.put(cells[0], cells);
      }
    }
    return rows;
  }
}
