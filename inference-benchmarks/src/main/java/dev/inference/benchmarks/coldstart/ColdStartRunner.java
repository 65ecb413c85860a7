package dev.inference.benchmarks.coldstart;

import dev.inference.benchmarks.Fixtures;
import dev.inference.benchmarks.contenders.Contenders;
import dev.inference.stub.Dialect;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures cold start: for each contender, the wall time from starting a fresh JVM running its main
 * class to the moment that JVM prints the answer of its first completed chat call; prints the
 * median, and the median time to the JVM's exit next to it.
 *
 * <p>The answer, not the exit, ends the measurement: at exit HotSpot waits up to about 300 ms for
 * threads blocked in native code, and the JDK {@code HttpClient}'s selector thread always is (in
 * {@code epoll_wait}), so every contender on that client (the raw baseline, this library,
 * LangChain4j) would carry 300 ms that contenders on other HTTP stacks do not.
 *
 * <p>The runs are interleaved, one run of every contender per round, so that a change in the
 * machine's load (it is shared) falls on all contenders alike instead of on whichever ran then.
 *
 * <p>Arguments: {@code out.tsv runs name=classpath...}, where {@code name} is a contender of {@link
 * Contenders#ALL} or {@link Contenders#CODE} and {@code classpath} holds only its own jars and
 * these classes.
 */
public final class ColdStartRunner {

  private ColdStartRunner() {}

  /**
   * Runs the measurements.
   *
   * @param args output file, runs, then one {@code name=classpath} per contender
   * @throws Exception when a run fails
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int runs = Integer.parseInt(args[1]);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, String> classpaths = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      classpaths.put(
          args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
    }
    Map<String, List<Double>> answered = new LinkedHashMap<>();
    Map<String, List<Double>> exited = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(classpaths.keySet());
    Map<Dialect, StubServer> stubs = new EnumMap<>(Dialect.class);
    try {
      for (Dialect dialect : Dialect.values()) {
        stubs.put(dialect, Fixtures.stub(dialect, Reply.text(Fixtures.CHAT_ANSWER)));
      }
      for (int run = 0; run < runs; run++) {
        for (String name : names) {
          String endpoint = stubs.get(Contenders.dialect(name)).chatEndpoint().toString();
          double[] times = once(java, classpaths.get(name), mainClass(name), endpoint);
          answered.computeIfAbsent(name, n -> new ArrayList<>()).add(times[0]);
          exited.computeIfAbsent(name, n -> new ArrayList<>()).add(times[1]);
        }
        // the next round starts with the next contender, so that none always runs first
        Collections.rotate(names, -1);
      }
    } finally {
      stubs.values().forEach(StubServer::close);
    }
    List<String> lines = new ArrayList<>();
    lines.add("contender\tmedian_ms\tmin_ms\tmax_ms\truns\texit_median_ms");
    for (String name : classpaths.keySet()) {
      List<Double> millis = answered.get(name);
      Collections.sort(millis);
      String line =
          String.format(
              Locale.ROOT,
              "%s\t%.1f\t%.1f\t%.1f\t%d\t%.1f",
              name,
              median(millis),
              millis.get(0),
              millis.get(millis.size() - 1),
              runs,
              median(exited.get(name)));
      System.out.println(line);
      lines.add(line);
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  static String mainClass(String contender) {
    StringBuilder name = new StringBuilder(ColdStartRunner.class.getPackageName()).append('.');
    for (String part : contender.split("-")) {
      String word = part.equals("lc4j") ? "Lc4j" : part.equals("openai") ? "OpenAi" : part;
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.append("Start").toString();
  }

  /** One fresh JVM: milliseconds to its answer on stdout, and to its exit. */
  private static double[] once(String java, String classpath, String main, String endpoint)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(java, "-cp", classpath, main, endpoint)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectOutput(ProcessBuilder.Redirect.PIPE);
    long started = System.nanoTime();
    Process process = builder.start();
    String answer;
    long answeredAt;
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      answer = output.readLine();
      answeredAt = System.nanoTime();
      while (output.readLine() != null) {
        // drain, so that the process never blocks on a full pipe
      }
    }
    int exit = process.waitFor();
    long exitedAt = System.nanoTime();
    if (exit != 0
        || answer == null
        || !answer.strip().equals(String.valueOf(Fixtures.CHAT_ANSWER.length()))) {
      throw new IllegalStateException(main + " failed: exit " + exit + ", output " + answer);
    }
    return new double[] {(answeredAt - started) / 1e6, (exitedAt - started) / 1e6};
  }
}
