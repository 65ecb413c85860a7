package dev.inference.config.internal;

import dev.inference.ProviderSettings;
import dev.inference.config.ConfigException;
import dev.inference.config.ConfigWarning;
import dev.inference.spi.ProviderFactory;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks a whole config, collecting every problem, with the rules of {@code
 * bitloops-inference} v0.1.3 plus this library's extensions (runtime resilience keys, driver keys).
 */
public final class ConfigReader {

  /** The profile keys every driver accepts, in the reference's order. */
  public static final List<String> COMMON_KEYS =
      List.of(
          "task",
          "driver",
          "runtime",
          "model",
          "base_url",
          "api_key",
          "temperature",
          "max_output_tokens",
          "allow_insecure_http",
          "tls_ca_file");

  /** Keys of the pre-v0.1.1 schema. */
  static final List<String> LEGACY_KEYS = List.of("kind", "provider_name", "timeout_secs");

  static final String TEXT_GENERATION = "text_generation";

  /** A checked text profile. */
  public record Profile(
      String name, ProviderSettings settings, String runtime, String path, int line, int column) {}

  /** A profile left out because its task is not {@code text_generation}. */
  public record Ignored(String name, String task, String path, int line, int column) {}

  /** Everything a valid config holds. */
  public record Parsed(
      SortedMap<String, Profile> profiles,
      SortedMap<String, Ignored> ignored,
      SortedMap<String, RuntimeValues> runtimes,
      SortedMap<String, String> busNodes,
      SortedMap<String, List<String>> fallbacks,
      List<ConfigWarning> warnings) {

    /**
     * A profile's fallback chain: the profile, then the profiles its {@code fallback} key names,
     * each followed by its own chain, each profile once.
     *
     * @param profile a text profile's name
     * @return the chain, the profile first; just the profile when it names no fallback
     */
    public List<String> fallbackChain(String profile) {
      return FallbackReader.chain(profile, fallbacks);
    }
  }

  /** The installed drivers. */
  public interface Drivers {
    /**
     * The installed ids.
     *
     * @return sorted ids
     */
    SortedSet<String> ids();

    /**
     * One installed driver.
     *
     * @param id an id from {@link #ids()}
     * @return the factory
     */
    ProviderFactory factory(String id);

    /**
     * Why a driver is not there and what to add, in the registry's words.
     *
     * @param id an id that is not in {@link #ids()}
     * @return the explanation
     */
    String missing(String id);
  }

  final Findings findings;
  final TomlTree.Table toml;
  final Function<String, Optional<String>> environment;
  final Drivers drivers;
  final RuntimeReader runtimeReader;
  final Map<String, ProviderFactory> factories = new HashMap<>();
  private @Nullable SortedSet<String> installed;
  final SortedMap<String, Profile> profiles = new TreeMap<>();
  final SortedMap<String, Ignored> ignored = new TreeMap<>();
  private SortedMap<String, String> busNodes = new TreeMap<>();
  private SortedMap<String, List<String>> fallbacks = new TreeMap<>();
  int textProfiles;
  boolean taskProblem;

  private ConfigReader(
      TomlTree.Table document, Function<String, Optional<String>> environment, Drivers drivers) {
    this.toml = document;
    this.findings = new Findings(document);
    this.environment = environment;
    this.drivers = drivers;
    this.runtimeReader = new RuntimeReader(toml, findings);
  }

  /**
   * Parses and checks a config.
   *
   * @param text the TOML text
   * @param environment the variable lookup for {@code ${NAME}}
   * @param drivers the installed drivers
   * @return the config
   * @throws ConfigException with every problem found
   */
  public static Parsed read(
      String text, Function<String, Optional<String>> environment, Drivers drivers) {
    return new ConfigReader(TomlDocument.parse(text), environment, drivers).read();
  }

  private Parsed read() {
    Object inference = toml.get(List.of("inference"));
    if (inference == null) {
      findings.problem(
          List.of("inference"),
          "the config has no [inference] table; it needs [inference.runtimes.<name>] and"
              + " [inference.profiles.<name>]");
    } else if (!(inference instanceof TomlTree.Table)) {
      findings.problem(
          List.of("inference"), "inference must be a table, but was " + Shown.show(inference));
    } else {
      runtimeReader.read();
      readProfiles();
      // a node may name a text_generation profile that has problems of its own: those suffice
      Set<String> textProfileNames = new TreeSet<>(profileNamesInFile());
      textProfileNames.removeAll(ignored.keySet());
      busNodes = BusNodesReader.read(toml, findings, textProfileNames);
      fallbacks = FallbackReader.read(toml, findings, textProfileNames);
      if (textProfiles == 0 && !taskProblem && !findings.hasProblemUnder("inference.profiles")) {
        findings.problem(
            List.of("inference", "profiles"),
            "config must define at least one text_generation profile under"
                + " [inference.profiles.<name>]");
      }
    }
    findings.throwIfAny();
    return new Parsed(
        Collections.unmodifiableSortedMap(profiles),
        Collections.unmodifiableSortedMap(ignored),
        Collections.unmodifiableSortedMap(runtimeReader.runtimes),
        busNodes,
        fallbacks,
        findings.warnings());
  }

  private void readProfiles() {
    List<String> path = List.of("inference", "profiles");
    Object value = toml.get(path);
    if (value == null) {
      return;
    }
    if (!(value instanceof TomlTree.Table table)) {
      findings.problem(path, "inference.profiles must be a table, but was " + Shown.show(value));
      return;
    }
    for (String name : new TreeSet<>(table.keySet())) {
      List<String> profilePath = List.of("inference", "profiles", name);
      Object profile = table.get(List.of(name));
      if (!(profile instanceof TomlTree.Table profileTable)) {
        findings.problem(
            profilePath, "profile '" + name + "' must be a table, but was " + Shown.show(profile));
        continue;
      }
      new ProfileReader(this, name, profilePath, profileTable).read();
    }
  }

  private Set<String> profileNamesInFile() {
    Object table = toml.get(List.of("inference", "profiles"));
    return table instanceof TomlTree.Table profilesTable ? profilesTable.keySet() : Set.of();
  }

  SortedSet<String> installedIds() {
    if (installed == null) {
      installed = drivers.ids();
    }
    return installed;
  }

  static String installedText(SortedSet<String> ids) {
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }
}
