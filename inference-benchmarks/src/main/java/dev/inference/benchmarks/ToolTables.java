package dev.inference.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of {@code BENCHMARKS.md} that come from bench/run's own tools: cold start, footprint.
 */
final class ToolTables {

  private ToolTables() {}

  static void coldStart(StringBuilder md, Path file) throws IOException {
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
      String[] base = rows.get(Report.raw(row.getKey()));
      md.append("| ")
          .append(row.getKey())
          .append(" | ")
          .append(cells[1])
          .append(" | ")
          .append(
              base == null
                  ? "n/a"
                  : Report.ratio(Double.parseDouble(cells[1]), Double.parseDouble(base[1])))
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
  }

  static void footprint(StringBuilder md, Path file) throws IOException {
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
          .append(Report.ratio(bytes, rawBytes))
          .append(" |\n");
    }
    md.append('\n');
  }

  static Map<String, String[]> tsv(Path file) throws IOException {
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
