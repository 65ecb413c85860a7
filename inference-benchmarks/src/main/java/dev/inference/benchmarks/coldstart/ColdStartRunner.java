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
 * these classes. With {@code -Dcoldstart.cds=DIR} every contender is also measured as {@code
 * <name>+cds}: the same JVM on an application class-data archive ({@code DIR/<name>.jsa}) that one
 * untimed run wrote with {@code -XX:ArchiveClassesAtExit}, the recipe a user can follow.
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
    // -Dcoldstart.cds=DIR: each contender also runs as "<name>+cds", on an application class-data
    // archive of its own that one untimed run wrote first (-XX:ArchiveClassesAtExit, JDK 13+)
    String cds = System.getProperty("coldstart.cds", "");
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (String name : List.copyOf(classpaths.keySet())) {
      options.put(name, List.of());
      if (!cds.isEmpty()) {
        String archive = Path.of(cds, name + ".jsa").toString();
        classpaths.put(name + "+cds", classpaths.get(name));
        options.put(name + "+cds", List.of("-XX:SharedArchiveFile=" + archive));
        options.put(name + "+dump", List.of("-XX:ArchiveClassesAtExit=" + archive));
      }
    }
    List<String> names = new ArrayList<>(classpaths.keySet());
    Map<Dialect, StubServer> stubs = new EnumMap<>(Dialect.class);
    try {
      for (Dialect dialect : Dialect.values()) {
        stubs.put(dialect, Fixtures.stub(dialect, Reply.text(Fixtures.CHAT_ANSWER)));
      }
      for (String name : names) {
        if (options.containsKey(name + "+dump")) {
          String endpoint = stubs.get(Contenders.dialect(name)).chatEndpoint().toString();
          once(java, options.get(name + "+dump"), classpaths.get(name), mainClass(name), endpoint);
        }
      }
      for (int run = 0; run < runs; run++) {
        for (String name : names) {
          String endpoint = stubs.get(Contenders.dialect(name)).chatEndpoint().toString();
          double[] times =
              once(java, options.get(name), classpaths.get(name), mainClass(name), endpoint);
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
    contender = contender.replace("+cds", "");
    StringBuilder name = new StringBuilder(ColdStartRunner.class.getPackageName()).append('.');
    for (String part : contender.split("-")) {
      String word = part.equals("lc4j") ? "Lc4j" : part.equals("openai") ? "OpenAi" : part;
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.append("Start").toString();
  }

  /** One fresh JVM: milliseconds to its answer on stdout, and to its exit. */
  private static double[] once(
      String java, List<String> options, String classpath, String main, String endpoint)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(options);
    command.addAll(List.of("-cp", classpath, main, endpoint));
    ProcessBuilder builder =
        new ProcessBuilder(command)
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
