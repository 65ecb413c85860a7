import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Start-up of {@code inference run} against the JVM's own floor, side by side: run by {@code
 * bench/start-time} (read it for the arguments). Single-file source program (JDK 11+), so it
 * needs no build of its own.
 *
 * <p>Each round spawns {@code java -Xshare:auto -version} (the floor: the JVM starting and
 * stopping, timed to its exit) and then the command under test with {@code run}, writes a {@code
 * describe} line to its stdin at once, and times the first line of its stdout; the resident set
 * ({@code VmRSS}) is read from {@code /proc} at that moment. Rounds alternate the two so that the
 * machine's load falls on both alike; two rounds of each run first and are not counted. With {@code --infer N} it also sends N {@code infer} lines,
 * one after the other, and reports the median and 90th percentile of their latencies and of the
 * second call, against whatever endpoint the config names (start {@code inference stub} first).
 */
public final class StartTime {

  private static final int WARM_UP_ROUNDS = 2;

  public static void main(String[] args) throws Exception {
    List<String> command = new ArrayList<>();
    int runs = 7;
    int infers = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--infer" -> infers = Integer.parseInt(args[++i]);
        case "--" -> {
          command.addAll(List.of(args).subList(i + 1, args.length));
          i = args.length;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Double> floor = new ArrayList<>();
    List<Double> describe = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    List<Double> latencies = new ArrayList<>();
    List<Double> first = new ArrayList<>();
    List<Double> second = new ArrayList<>();
    // two rounds first, not counted: the page cache, this JVM's own compiler threads and the
    // machine settle, for both contenders alike
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      javaVersion(java);
      run(command, 0);
    }
    for (int round = 0; round < runs; round++) {
      floor.add(javaVersion(java));
      Run run = run(command, infers);
      describe.add(run.describeMs);
      rss.add(run.rssMb);
      latencies.addAll(run.inferMs);
      if (!run.inferMs.isEmpty()) {
        first.add(run.inferMs.get(0));
      }
      if (run.inferMs.size() > 1) {
        second.add(run.inferMs.get(1));
      }
    }
    double f = median(floor);
    double d = median(describe);
    System.out.printf(
        Locale.ROOT,
        "java -Xshare:auto -version (to exit):   median %.0f ms  %s%n",
        f,
        rounded(floor));
    System.out.printf(
        Locale.ROOT, "inference run (to the describe line):  median %.0f ms  %s%n", d, rounded(describe));
    System.out.printf(Locale.ROOT, "ratio to the JVM floor:                %.2fx%n", d / f);
    System.out.printf(
        Locale.ROOT,
        "resident set at the describe line:     median %.1f MB  %s%n",
        median(rss),
        rounded(rss));
    if (infers > 0) {
      Collections.sort(latencies);
      System.out.printf(
          Locale.ROOT,
          "infer latency over %d x %d lines:      median %.3f ms  p90 %.3f ms%n",
          runs,
          infers,
          median(latencies),
          latencies.get((int) (latencies.size() * 0.9)));
      System.out.printf(
          Locale.ROOT,
          "first call median %.1f ms  %s; second call median %.1f ms%n",
          median(first),
          rounded(first),
          median(second));
    }
  }

  private record Run(double describeMs, double rssMb, List<Double> inferMs) {}

  private static double javaVersion(String java) throws Exception {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(java, "-Xshare:auto", "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    process.waitFor();
    return (System.nanoTime() - start) / 1e6;
  }

  private static Run run(List<String> command, int infers) throws Exception {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    OutputStream in = process.getOutputStream();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    send(in, "{\"request_id\":\"d\",\"type\":\"describe\"}");
    String line = out.readLine();
    double describeMs = (System.nanoTime() - start) / 1e6;
    double rssMb = rss(process.pid());
    if (line == null || !line.contains("\"describe\"")) {
      process.destroyForcibly();
      throw new IOException("no describe line from " + command + ": " + line);
    }
    List<Double> inferMs = new ArrayList<>();
    for (int i = 0; i < infers; i++) {
      long sent = System.nanoTime();
      send(
          in,
          "{\"request_id\":\"i"
              + i
              + "\",\"type\":\"infer\",\"system_prompt\":\"Be brief.\",\"user_prompt\":\"Say hello"
              + " number "
              + i
              + "\",\"response_mode\":\"text\"}");
      String answer = out.readLine();
      inferMs.add((System.nanoTime() - sent) / 1e6);
      if (answer == null || !answer.contains("\"type\":\"infer\"")) {
        process.destroyForcibly();
        throw new IOException("infer " + i + " failed: " + answer);
      }
    }
    send(in, "{\"request_id\":\"s\",\"type\":\"shutdown\"}");
    out.readLine();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new Run(describeMs, rssMb, inferMs);
  }

  private static void send(OutputStream in, String line) throws IOException {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static double rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String rounded(List<Double> values) {
    List<String> out = new ArrayList<>();
    for (double v : values) {
      out.add(String.format(Locale.ROOT, "%.0f", v));
    }
    return out.toString();
  }
}
