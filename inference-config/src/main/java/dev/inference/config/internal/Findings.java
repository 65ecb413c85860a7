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

  /**
   * A key path as the config's messages write it ({@code inference.profiles."my profile".model}):
   * tomlj's {@code Toml.joinKeyPath}, which compiles a regular expression when its class first
   * loads, only for paths that have a key to quote; bare keys joined here (start-up, see
   * bench/notes.md).
   */
  static String keyPath(List<String> path) {
    for (String key : path) {
      if (!bare(key)) {
        return Toml.joinKeyPath(path);
      }
    }
    return String.join(".", path);
  }

  private static boolean bare(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!letter && !(c >= '0' && c <= '9') && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
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
    problemAt(keyPath(path), position(path), message);
  }

  void problemAt(String path, TomlTree.@Nullable Position position, String message) {
    problems.add(new ConfigProblem(path, line(position), column(position), message));
  }

  void warning(List<String> path, String message) {
    TomlTree.Position position = position(path);
    warnings.add(new ConfigWarning(keyPath(path), line(position), column(position), message));
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
    if (warnings.isEmpty()) {
      return List.of(); // the common case, without linking the comparator's call sites at start-up
    }
    List<ConfigWarning> sorted = new ArrayList<>(warnings);
    sorted.sort(
        Comparator.comparingInt(ConfigWarning::line).thenComparingInt(ConfigWarning::column));
    return List.copyOf(sorted);
  }
}
