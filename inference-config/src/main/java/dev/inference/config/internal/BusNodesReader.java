package dev.inference.config.internal;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code [inference.bus.nodes.<node_id>]}: which text_generation profile serves each node of
 * the BusDK inference contract ({@code profile = "<name>"}). Node ids are letters, digits, {@code
 * _} and {@code -}, as the contract says; the only key is {@code profile}, and it must name a
 * text_generation profile of the same file.
 */
final class BusNodesReader {

  /** Compiled on first use: most configs have no bus nodes (and see {@link RustNumbers}). */
  private static final class NodeId {
    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]+");

    private NodeId() {}
  }

  private static final List<String> PATH = List.of("inference", "bus", "nodes");

  private BusNodesReader() {}

  /**
   * The nodes, by id, each with its profile's name; problems go to {@code findings}.
   *
   * @param toml the document
   * @param findings where problems go
   * @param profiles the text_generation profiles read
   * @return node id to profile name, sorted
   */
  static SortedMap<String, String> read(
      TomlTree.Table toml, Findings findings, Set<String> profiles) {
    SortedMap<String, String> nodes = new TreeMap<>();
    Object bus = toml.get(List.of("inference", "bus"));
    if (bus == null) {
      return nodes;
    }
    if (!(bus instanceof TomlTree.Table busTable)) {
      findings.problem(
          List.of("inference", "bus"), "inference.bus must be a table, but was " + Shown.show(bus));
      return nodes;
    }
    for (String key : new TreeSet<>(busTable.keySet())) {
      if (!key.equals("nodes")) {
        findings.problem(
            List.of("inference", "bus", key),
            "unknown key '" + key + "' in [inference.bus]; supported: nodes");
      }
    }
    Object value = toml.get(PATH);
    if (value == null) {
      return nodes;
    }
    if (!(value instanceof TomlTree.Table table)) {
      findings.problem(PATH, "inference.bus.nodes must be a table, but was " + Shown.show(value));
      return nodes;
    }
    for (String id : new TreeSet<>(table.keySet())) {
      List<String> nodePath = List.of("inference", "bus", "nodes", id);
      if (!NodeId.PATTERN.matcher(id).matches()) {
        findings.problem(
            nodePath,
            "node id '" + id + "' must be letters, digits, '_' and '-' only (a deployment id)");
        continue;
      }
      Object node = table.get(List.of(id));
      if (!(node instanceof TomlTree.Table nodeTable)) {
        findings.problem(
            nodePath, "node '" + id + "' must be a table, but was " + Shown.show(node));
        continue;
      }
      read(id, nodePath, nodeTable, findings, profiles).ifPresent(p -> nodes.put(id, p));
    }
    return Collections.unmodifiableSortedMap(nodes);
  }

  private static java.util.Optional<String> read(
      String id,
      List<String> nodePath,
      TomlTree.Table node,
      Findings findings,
      Set<String> profiles) {
    for (String key : new TreeSet<>(node.keySet())) {
      if (!key.equals("profile")) {
        findings.problem(
            append(nodePath, key),
            "unknown key '" + key + "' in node '" + id + "'; supported: profile");
      }
    }
    Object profile = node.get(List.of("profile"));
    List<String> profilePath = append(nodePath, "profile");
    if (!(profile instanceof String name)) {
      findings.problem(
          profilePath,
          profile == null
              ? "node '" + id + "' needs profile = \"<name of a text_generation profile>\""
              : "node '"
                  + id
                  + "' field 'profile' must be a string, but was "
                  + Shown.show(profile));
      return java.util.Optional.empty();
    }
    if (!profiles.contains(name)) {
      findings.problem(
          profilePath,
          "node '"
              + id
              + "' names profile '"
              + name
              + "', which is not a text_generation profile of this file; profiles: "
              + (profiles.isEmpty() ? "none" : String.join(", ", new TreeSet<>(profiles))));
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(name);
  }

  private static List<String> append(List<String> path, String key) {
    List<String> longer = new java.util.ArrayList<>(path);
    longer.add(key);
    return longer;
  }
}
