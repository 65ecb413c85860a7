package dev.inference.config.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the {@code fallback} key of the profiles, this library's extension: {@code fallback =
 * ["other_profile", ...]} names the text_generation profiles of the same file to try, in order,
 * when the profile's provider fails. A name that is not such a profile, the profile itself, a name
 * given twice and a chain that comes back to where it started are problems, each at its line and
 * column.
 */
final class FallbackReader {

  /** The profile key. */
  static final String KEY = "fallback";

  private FallbackReader() {}

  /**
   * The fallbacks of each profile that declares some; problems go to {@code findings}.
   *
   * @param toml the document
   * @param findings where problems go
   * @param textProfiles the text_generation profiles written in the file (with or without problems
   *     of their own)
   * @return profile name to the names it falls back to, in order; only profiles that name some
   */
  static SortedMap<String, List<String>> read(
      TomlTree.Table toml, Findings findings, Set<String> textProfiles) {
    SortedMap<String, List<String>> fallbacks = new TreeMap<>();
    for (String name : new TreeSet<>(textProfiles)) {
      List<String> path = List.of("inference", "profiles", name, KEY);
      Object value = toml.get(path);
      if (value == null) {
        continue;
      }
      String field = "profile '" + name + "' field '" + KEY + "'";
      if (!(value instanceof TomlTree.Array array)) {
        findings.problem(
            path, field + " must be an array of profile names, but was " + Shown.show(value));
        continue;
      }
      Set<String> names = new LinkedHashSet<>();
      for (int i = 0; i < array.size(); i++) {
        Object element = array.get(i);
        TomlTree.Position at = array.inputPositionOf(i);
        String where = "inference.profiles." + name + "." + KEY;
        if (!(element instanceof String other)) {
          findings.problemAt(
              where, at, field + " must hold profile names, but has " + Shown.show(element));
        } else if (other.equals(name)) {
          findings.problemAt(where, at, field + " names the profile itself");
        } else if (!textProfiles.contains(other)) {
          findings.problemAt(
              where,
              at,
              field
                  + " names unknown profile "
                  + Shown.showString(other)
                  + "; text_generation profiles: "
                  + String.join(", ", new TreeSet<>(textProfiles)));
        } else if (!names.add(other)) {
          findings.problemAt(where, at, field + " names profile '" + other + "' twice");
        }
      }
      fallbacks.put(name, List.copyOf(names));
    }
    reportCycles(fallbacks, findings);
    return Collections.unmodifiableSortedMap(fallbacks);
  }

  /** One problem per cycle, at the {@code fallback} key of its first profile in name order. */
  private static void reportCycles(SortedMap<String, List<String>> fallbacks, Findings findings) {
    Set<String> reported = new TreeSet<>();
    for (String start : fallbacks.keySet()) {
      List<String> cycle = cycleFrom(start, fallbacks);
      if (cycle.isEmpty() || !reported.add(new TreeSet<>(cycle).toString())) {
        continue;
      }
      String first = new TreeSet<>(cycle).first();
      int at = cycle.indexOf(first);
      List<String> shown = new ArrayList<>(cycle.subList(at, cycle.size()));
      shown.addAll(cycle.subList(0, at));
      shown.add(first);
      findings.problem(
          List.of("inference", "profiles", first, KEY),
          "profile '"
              + first
              + "' field '"
              + KEY
              + "' makes a cycle: "
              + String.join(" -> ", shown)
              + "; a fallback chain must end");
    }
  }

  /** The profiles of a cycle that goes through {@code start}, in chain order; empty if none. */
  private static List<String> cycleFrom(String start, SortedMap<String, List<String>> fallbacks) {
    List<String> path = new ArrayList<>();
    return walk(start, start, fallbacks, path, new TreeSet<>()) ? path : List.of();
  }

  private static boolean walk(
      String start,
      String at,
      SortedMap<String, List<String>> fallbacks,
      List<String> path,
      Set<String> seen) {
    path.add(at);
    for (String next : fallbacks.getOrDefault(at, List.of())) {
      if (next.equals(start)) {
        return true;
      }
      if (seen.add(next) && walk(start, next, fallbacks, path, seen)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    return false;
  }

  /**
   * The whole chain of a profile: the profile, then each profile it falls back to followed by that
   * one's own chain, each profile once.
   *
   * @param profile the profile
   * @param fallbacks what {@link #read} returned, for a config without problems
   * @return the chain, the profile first
   */
  static List<String> chain(String profile, SortedMap<String, List<String>> fallbacks) {
    Set<String> chain = new LinkedHashSet<>();
    add(profile, fallbacks, chain);
    return List.copyOf(chain);
  }

  private static void add(
      String profile, SortedMap<String, List<String>> fallbacks, Set<String> chain) {
    if (!chain.add(profile)) {
      return;
    }
    for (String next : fallbacks.getOrDefault(profile, List.of())) {
      add(next, fallbacks, chain);
    }
  }
}
