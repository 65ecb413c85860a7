package dev.inference.config.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed TOML document as the readers see it: tables and arrays of plain values ({@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, a {@code java.time} value, {@link Table}, {@link
 * Array}), each entry with the line and column it was written at in the original text. Both parsers
 * ({@link PlainToml} and tomlj) produce it, so the readers do not know which one ran.
 */
final class TomlTree {

  private TomlTree() {}

  /**
   * Where an entry was written: the original line and column, both from 1.
   *
   * @param line the line, from 1
   * @param column the column in code points, from 1
   */
  record Position(int line, int column) {}

  /** A table: its keys in the order written, their values and positions. */
  static final class Table {

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Position> positions = new HashMap<>();

    /** The keys, in the order they were written. */
    Set<String> keySet() {
      return Collections.unmodifiableSet(values.keySet());
    }

    @Nullable Object get(String key) {
      return values.get(key);
    }

    /** The value at a path of keys, or {@code null} when any step is missing or not a table. */
    @Nullable Object get(List<String> path) {
      Object current = this;
      for (String key : path) {
        if (!(current instanceof Table table)) {
          return null;
        }
        current = table.values.get(key);
      }
      return current;
    }

    /** Where the entry at a path was written, or {@code null} when it is not there. */
    @Nullable Position inputPositionOf(List<String> path) {
      if (path.isEmpty()) {
        return null;
      }
      Object parent = get(path.subList(0, path.size() - 1));
      return parent instanceof Table table ? table.positions.get(path.get(path.size() - 1)) : null;
    }

    void put(String key, Object value, Position position) {
      values.put(key, value);
      positions.put(key, position);
    }

    /**
     * The whole table with every position, keys in written order: what two parsers must agree on.
     */
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<String, Object> entry : values.entrySet()) {
        out.append(out.length() == 1 ? "" : ", ")
            .append(entry.getKey())
            .append('@')
            .append(shown(positions.get(entry.getKey())))
            .append('=')
            .append(shown(entry.getValue()));
      }
      return out.append('}').toString();
    }
  }

  /** An array: its elements in order, and where each was written. */
  static final class Array {

    private final List<Object> values = new ArrayList<>();
    private final List<Position> positions = new ArrayList<>();

    int size() {
      return values.size();
    }

    Object get(int index) {
      return values.get(index);
    }

    Position inputPositionOf(int index) {
      return positions.get(index);
    }

    void add(Object value, Position position) {
      values.add(value);
      positions.add(position);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < values.size(); i++) {
        out.append(i == 0 ? "" : ", ")
            .append(shown(positions.get(i)))
            .append('=')
            .append(shown(values.get(i)));
      }
      return out.append(']').toString();
    }
  }

  private static String shown(@Nullable Object value) {
    if (value instanceof Position position) {
      return position.line() + ":" + position.column();
    }
    if (value instanceof String text) {
      return '"' + text + '"';
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }
}
