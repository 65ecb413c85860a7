package dev.inference.config.internal;

import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import dev.inference.config.ConfigWarning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/** The problems and warnings of one config, each at its original line and column. */
final class Findings {

  private final TomlParseResult toml;
  private final TomlDocument.Prepared prepared;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<ConfigWarning> warnings = new ArrayList<>();

  Findings(TomlParseResult toml, TomlDocument.Prepared prepared) {
    this.toml = toml;
    this.prepared = prepared;
  }

  /** How many problems so far: a reader compares counts to tell whether its part failed. */
  int count() {
    return problems.size();
  }

  /** The problems found since {@code count} was {@code before}. */
  List<ConfigProblem> since(int before) {
    return problems.subList(before, problems.size());
  }

  boolean hasProblemUnder(String prefix) {
    return problems.stream().anyMatch(p -> p.path().startsWith(prefix));
  }

  static List<String> append(List<String> path, String key) {
    List<String> out = new ArrayList<>(path);
    if (!key.isEmpty()) {
      out.add(key);
    }
    return out;
  }

  @Nullable TomlPosition position(List<String> path) {
    List<String> current = new ArrayList<>(path);
    while (!current.isEmpty()) {
      TomlPosition position = toml.inputPositionOf(current);
      if (position != null) {
        return position;
      }
      current.remove(current.size() - 1);
    }
    return null;
  }

  int line(@Nullable TomlPosition position) {
    return position == null ? 0 : prepared.original(position.line());
  }

  static int column(@Nullable TomlPosition position) {
    return position == null ? 0 : position.column();
  }

  void problem(List<String> path, String message) {
    problemAt(Toml.joinKeyPath(path), position(path), message);
  }

  void problemAt(String path, @Nullable TomlPosition position, String message) {
    problems.add(new ConfigProblem(path, line(position), column(position), message));
  }

  void warning(List<String> path, String message) {
    TomlPosition position = position(path);
    warnings.add(
        new ConfigWarning(Toml.joinKeyPath(path), line(position), column(position), message));
  }

  /** Throws every problem, in file order, if there is any. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      List<ConfigProblem> sorted = new ArrayList<>(problems);
      sorted.sort(
          Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
      throw new ConfigException(sorted);
    }
  }

  /** The warnings, in file order. */
  List<ConfigWarning> warnings() {
    List<ConfigWarning> sorted = new ArrayList<>(warnings);
    sorted.sort(
        Comparator.comparingInt(ConfigWarning::line).thenComparingInt(ConfigWarning::column));
    return List.copyOf(sorted);
  }
}
