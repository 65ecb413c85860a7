package dev.inference.config.internal;

import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import dev.inference.config.ConfigWarning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;

/** The problems and warnings of one config, each at its original line and column. */
final class Findings {

  private final TomlTree.Table toml;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<ConfigWarning> warnings = new ArrayList<>();

  Findings(TomlTree.Table toml) {
    this.toml = toml;
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

  TomlTree.@Nullable Position position(List<String> path) {
    List<String> current = new ArrayList<>(path);
    while (!current.isEmpty()) {
      TomlTree.Position position = toml.inputPositionOf(current);
      if (position != null) {
        return position;
      }
      current.remove(current.size() - 1);
    }
    return null;
  }

  static int line(TomlTree.@Nullable Position position) {
    return position == null ? 0 : position.line();
  }

  static int column(TomlTree.@Nullable Position position) {
    return position == null ? 0 : position.column();
  }

  void problem(List<String> path, String message) {
    problemAt(Toml.joinKeyPath(path), position(path), message);
  }

  void problemAt(String path, TomlTree.@Nullable Position position, String message) {
    problems.add(new ConfigProblem(path, line(position), column(position), message));
  }

  void warning(List<String> path, String message) {
    TomlTree.Position position = position(path);
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
