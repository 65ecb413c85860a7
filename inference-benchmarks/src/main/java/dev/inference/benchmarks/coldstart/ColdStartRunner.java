package dev.inference.benchmarks.coldstart;

import dev.inference.benchmarks.Fixtures;
import dev.inference.benchmarks.contenders.Contenders;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures cold start: for each contender, the wall time from starting a fresh JVM running its main
 * class to that JVM's exit after one completed chat call, repeated; prints the median.
 *
 * <p>Arguments: {@code out.tsv runs name=classpath...}, where {@code name} is a contender of {@link
 * Contenders#ALL} and {@code classpath} holds only its own jars and these classes.
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
    List<String> lines = new ArrayList<>();
    lines.add("contender\tmedian_ms\tmin_ms\tmax_ms\truns");
    try (StubServer openai =
            Fixtures.stub(Contenders.dialect("raw-openai"), Reply.text(Fixtures.CHAT_ANSWER));
        StubServer ollama =
            Fixtures.stub(Contenders.dialect("raw-ollama"), Reply.text(Fixtures.CHAT_ANSWER))) {
      for (int i = 2; i < args.length; i++) {
        String name = args[i].substring(0, args[i].indexOf('='));
        String classpath = args[i].substring(args[i].indexOf('=') + 1);
        String endpoint =
            (Contenders.dialect(name) == openai.dialect() ? openai : ollama)
                .chatEndpoint()
                .toString();
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          millis.add(once(java, classpath, mainClass(name), endpoint));
        }
        Collections.sort(millis);
        String line =
            String.format(
                Locale.ROOT,
                "%s\t%.1f\t%.1f\t%.1f\t%d",
                name,
                millis.get(millis.size() / 2),
                millis.get(0),
                millis.get(millis.size() - 1),
                runs);
        System.out.println(line);
        lines.add(line);
      }
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
  }

  static String mainClass(String contender) {
    StringBuilder name = new StringBuilder(ColdStartRunner.class.getPackageName()).append('.');
    for (String part : contender.split("-")) {
      String word = part.equals("lc4j") ? "Lc4j" : part.equals("openai") ? "OpenAi" : part;
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.append("Start").toString();
  }

  private static double once(String java, String classpath, String main, String endpoint)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(java, "-cp", classpath, main, endpoint)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectOutput(ProcessBuilder.Redirect.PIPE);
    long started = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    long elapsed = System.nanoTime() - started;
    if (exit != 0 || !output.strip().equals(String.valueOf(Fixtures.CHAT_ANSWER.length()))) {
      throw new IllegalStateException(main + " failed: exit " + exit + ", output " + output);
    }
    return elapsed / 1e6;
  }
}
