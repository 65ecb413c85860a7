package dev.inference.benchmarks;

import dev.inference.benchmarks.contenders.Contenders;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Targets section of {@code BENCHMARKS.md}: every target of issue 20, for every driver of this
 * library found in the run ({@code inference-*}, transport contenders included), each on its own
 * line with the measured ratio and whether it is met. A target that cannot be measured for a driver
 * says why instead of being left out.
 */
final class Targets {

  /** Non-streamed calls/s, at 1 and 16 threads, and streaming events/s: at least this x raw. */
  static final double SPEED = 0.95;

  /** JSON mode: at most this x raw's time. */
  static final double JSON_TIME = 1.05;

  /** JSON mode: at most this x raw's allocation. */
  static final double JSON_ALLOC = 1.2;

  /** Cold start built in code: at most this x raw's. */
  static final double COLD_CODE = 1.05;

  /** Cold start through the TOML config: at most this x raw's. */
  static final double COLD_TOML = 1.2;

  /** Allocation per call and per stream: at most this x raw. */
  static final double ALLOC = 1.1;

  /** A 10 MB streamed answer: allocation per KB at most this x raw's. */
  static final double GROWTH_ALLOC = 1.2;

  /** The footprint of one driver with its runtime jars: below this many bytes. */
  static final double FOOTPRINT_BYTES = 2e6;

  private static final String CHAT = "ChatBenchmark.throughput";
  private static final String STREAM = "StreamBenchmark.stream1000";
  private static final String JSON = "JsonBenchmark.json100k";
  private static final String GROWTH = "GrowthBenchmark.stream";

  private final List<Report.Result> results;
  private final Map<String, String[]> coldStart;
  private final Map<String, String[]> footprint;
  private final List<String[]> rows = new ArrayList<>();

  /**
   * @param results the JMH results
   * @param coldStart the cold start table by contender (column 1: median ms), maybe empty
   * @param footprint the footprint table by contender (column 2: bytes), maybe empty
   */
  Targets(
      List<Report.Result> results,
      Map<String, String[]> coldStart,
      Map<String, String[]> footprint) {
    this.results = results;
    this.coldStart = coldStart;
    this.footprint = footprint;
  }

  /** Every contender named in the registry or in the results, registry order first. */
  private Set<String> contenders() {
    Set<String> names = new LinkedHashSet<>(Contenders.ALL);
    results.forEach(r -> names.add(r.contender()));
    return names;
  }

  /** This library's drivers: {@code inference-*}, without the cold-start-only code twins. */
  List<String> drivers() {
    return contenders().stream()
        .filter(n -> n.startsWith("inference-") && !n.endsWith("-code"))
        .toList();
  }

  /** The peers of a driver: the other libraries of its dialect (not raw, not this library). */
  List<String> peers(String driver) {
    return contenders().stream()
        .filter(n -> !n.startsWith("raw-") && !n.startsWith("inference-") && !n.isEmpty())
        .filter(n -> Contenders.dialect(n) == Contenders.dialect(driver))
        .toList();
  }

  /**
   * The rows: target, measured, met ({@code yes}, {@code **no**}, or {@code -} when not measured).
   *
   * @return the rows, driver by driver
   */
  List<String[]> rows() {
    rows.clear();
    for (String driver : drivers()) {
      String raw = Report.raw(driver);
      for (int threads : List.of(1, 16)) {
        String bench = CHAT + threads;
        String what =
            driver + " non-streamed calls/s, " + threads + " thread" + (threads > 1 ? "s" : "");
        atLeast(what, SPEED, score(bench, driver, 0), score(bench, raw, 0), "calls/s");
        ahead(what, driver, bench, 0, true, "calls/s");
      }
      double stream = score(STREAM, driver, 0);
      double rawStream = score(STREAM, raw, 0);
      atLeast(
          driver + " streaming events/s (1,000 deltas)",
          SPEED,
          1e9 / stream,
          1e9 / rawStream,
          "events/s");
      jsonMode(driver, raw);
      coldStart(driver, raw);
      for (String[] kind : new String[][] {{"call", CHAT + 1}, {"stream", STREAM}}) {
        String what = driver + " allocation per " + kind[0];
        atMost(what, ALLOC, alloc(kind[1], driver, 0), alloc(kind[1], raw, 0), "B");
        ahead(what, driver, kind[1], 0, false, "B");
      }
      footprint(driver);
      growth(driver, raw);
    }
    return rows;
  }

  private void jsonMode(String driver, String raw) {
    String what = driver + " JSON mode, 100 KB answer";
    if (Contenders.dialect(driver) == dev.inference.stub.Dialect.INFERD) {
      notMeasured(what + ": time and allocation", "inferd protocol v1 has no JSON mode");
      return;
    }
    atMost(what + ": time", JSON_TIME, score(JSON, driver, 0), score(JSON, raw, 0), "µs");
    atMost(what + ": allocation", JSON_ALLOC, alloc(JSON, driver, 0), alloc(JSON, raw, 0), "B");
  }

  private void coldStart(String driver, String raw) {
    String what = driver + " cold start to the first answer";
    if (coldStart.isEmpty()) {
      notMeasured(what + ", built in code <= " + COLD_CODE + "x raw", "no cold start in this run");
      notMeasured(
          what + ", through the TOML <= " + COLD_TOML + "x raw", "no cold start in this run");
      return;
    }
    double base = median(raw);
    atMost(what + ", built in code", COLD_CODE, median(driver + "-code"), base, "ms");
    atMost(what + ", through the TOML", COLD_TOML, median(driver), base, "ms");
  }

  private double median(String contender) {
    String[] row = coldStart.get(contender);
    return row == null ? Double.NaN : Double.parseDouble(row[1]);
  }

  private void footprint(String driver) {
    String what = driver + " footprint with its runtime jars < 2 MB";
    String[] row = footprint.get(driver);
    if (row == null) {
      notMeasured(what, footprint.isEmpty() ? "no footprint in this run" : "not in footprint.tsv");
      return;
    }
    double bytes = Double.parseDouble(row[2]);
    rows.add(
        new String[] {
          what,
          String.format(Locale.ROOT, "%.2f MB (%s jars)", bytes / 1e6, row[1]),
          met(bytes < FOOTPRINT_BYTES)
        });
  }

  private void growth(String driver, String raw) {
    String what = driver + " 10 MB streamed answer: allocation per KB";
    int kb = 10240;
    double mine = alloc(GROWTH, driver, kb);
    double base = alloc(GROWTH, raw, kb);
    if (Double.isNaN(mine) || Double.isNaN(base)) {
      notMeasured(
          what + " <= " + GROWTH_ALLOC + "x raw's",
          "no 10 MB GrowthBenchmark result at 1 thread for " + (Double.isNaN(mine) ? driver : raw));
      return;
    }
    atMost(what, GROWTH_ALLOC, mine / kb, base / kb, "B/KB");
  }

  /** A higher-is-better ratio to raw. */
  private void atLeast(String what, double limit, double mine, double base, String unit) {
    String target = what + " >= " + limit + "x raw";
    if (Double.isNaN(mine) || Double.isNaN(base) || base == 0) {
      notMeasured(target, "no result for " + (Double.isNaN(mine) ? "the driver" : "raw"));
      return;
    }
    rows.add(new String[] {target, measured(mine, base, unit), met(mine / base >= limit)});
  }

  /** A lower-is-better ratio to raw. */
  private void atMost(String what, double limit, double mine, double base, String unit) {
    String target = what + " <= " + limit + "x raw";
    if (Double.isNaN(mine) || Double.isNaN(base) || base == 0) {
      notMeasured(target, "no result for " + (Double.isNaN(mine) ? "the driver" : "raw"));
      return;
    }
    rows.add(new String[] {target, measured(mine, base, unit), met(mine / base <= limit)});
  }

  /** Ahead of every peer of the dialect: more calls (higher) or less allocation (lower). */
  private void ahead(
      String what, String driver, String bench, int kb, boolean higher, String unit) {
    String target =
        what
            + (higher
                ? ": ahead of every peer of its dialect"
                : ": below every peer of its dialect");
    List<String> peers = peers(driver);
    if (peers.isEmpty()) {
      rows.add(new String[] {target, "no peer of this dialect", "-"});
      return;
    }
    double mine = higher ? score(bench, driver, kb) : alloc(bench, driver, kb);
    if (Double.isNaN(mine)) {
      notMeasured(target, "no result for the driver");
      return;
    }
    StringBuilder versus =
        new StringBuilder(Report.fmt(mine)).append(' ').append(unit).append(" vs");
    boolean ahead = true;
    int measured = 0;
    for (String peer : peers) {
      double theirs = higher ? score(bench, peer, kb) : alloc(bench, peer, kb);
      if (Double.isNaN(theirs)) {
        versus.append(' ').append(peer).append(" not in this run;");
        continue;
      }
      measured++;
      ahead &= higher ? mine > theirs : mine < theirs;
      versus.append(' ').append(peer).append(' ').append(Report.fmt(theirs)).append(';');
    }
    versus.setLength(versus.length() - 1);
    if (measured == 0) {
      notMeasured(target, "no peer of this dialect in this run");
      return;
    }
    rows.add(new String[] {target, versus.toString(), met(ahead)});
  }

  private void notMeasured(String target, String why) {
    rows.add(new String[] {target, "not measured: " + why, "-"});
  }

  private static String measured(double mine, double base, String unit) {
    return String.format(Locale.ROOT, "%.2fx", mine / base)
        + " ("
        + Report.fmt(mine)
        + " vs "
        + Report.fmt(base)
        + " "
        + unit
        + ")";
  }

  private static String met(boolean met) {
    return met ? "yes" : "**no**";
  }

  private Optional<Report.Result> find(String benchmark, String contender, int kb) {
    return results.stream()
        .filter(
            r ->
                r.benchmark().equals(benchmark)
                    && r.contender().equals(contender)
                    && r.kb() == kb
                    && (!benchmark.equals(GROWTH) || r.threads() == 1))
        .findFirst();
  }

  private double score(String benchmark, String contender, int kb) {
    return find(benchmark, contender, kb).map(Report.Result::score).orElse(Double.NaN);
  }

  private double alloc(String benchmark, String contender, int kb) {
    return find(benchmark, contender, kb).map(Report.Result::alloc).orElse(Double.NaN);
  }
}
