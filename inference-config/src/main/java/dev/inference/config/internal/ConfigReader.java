package dev.inference.config.internal;

import dev.inference.JsonValue;
import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import dev.inference.config.ConfigWarning;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.ProviderSettings;
import dev.inference.spi.Secret;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

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

  /** The runtime keys this version reads. */
  static final List<String> RUNTIME_KEYS =
      List.of(
          "request_timeout_secs",
          "connect_timeout_secs",
          "first_token_timeout_secs",
          "idle_timeout_secs",
          "max_retries",
          "retry_initial_backoff_ms",
          "retry_max_backoff_ms",
          "max_concurrent_requests",
          "requests_per_second",
          "circuit_breaker_failure_rate",
          "circuit_breaker_min_calls",
          "circuit_breaker_wait_secs",
          "command",
          "args",
          "startup_timeout_secs");

  private static final Pattern QUOTED_TOKEN = Pattern.compile("'([^']{3,})'");

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
      List<ConfigWarning> warnings) {}

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

  private final TomlParseResult toml;
  private final Prepared prepared;
  private final Function<String, Optional<String>> environment;
  private final Drivers drivers;
  private final Map<String, ProviderFactory> factories = new HashMap<>();
  private @Nullable SortedSet<String> installed;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<ConfigWarning> warnings = new ArrayList<>();
  private final SortedMap<String, RuntimeValues> runtimes = new TreeMap<>();
  private final Set<String> brokenRuntimes = new TreeSet<>();
  private final SortedMap<String, Profile> profiles = new TreeMap<>();
  private final SortedMap<String, Ignored> ignored = new TreeMap<>();
  private int textProfiles;
  private boolean runtimesBroken;
  private boolean taskProblem;

  private ConfigReader(
      TomlParseResult toml,
      Prepared prepared,
      Function<String, Optional<String>> environment,
      Drivers drivers) {
    this.toml = toml;
    this.prepared = prepared;
    this.environment = environment;
    this.drivers = drivers;
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
    // a UTF-8 byte order mark is not part of the document (the Rust toml crate skips it too)
    String document = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Prepared prepared = prepare(document);
    TomlParseResult toml;
    try {
      toml = Toml.parse(prepared.document());
    } catch (RuntimeException | StackOverflowError | AssertionError broken) {
      // a defect of the parser on hostile input (tomlj 2.2.0 fails an internal assertion on some
      // broken table headers); prepare() keeps recursion shallow; this is the last guard so that
      // bad input is always a ConfigException
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  "",
                  0,
                  0,
                  "invalid TOML: the parser failed (" + broken.getClass().getName() + ")")));
    }
    if (toml.hasErrors()) {
      List<ConfigProblem> syntax = new ArrayList<>();
      for (TomlParseError error : toml.errors()) {
        TomlPosition position = error.position();
        syntax.add(
            new ConfigProblem(
                "",
                position == null ? 0 : prepared.original(position.line()),
                position == null ? 0 : position.column(),
                "invalid TOML: "
                    + originalLines(redactTokens(String.valueOf(error.getMessage())), prepared)));
      }
      throw new ConfigException(syntax);
    }
    return new ConfigReader(toml, prepared, environment, drivers).read();
  }

  /** How deep arrays and inline tables may nest; real configs use 2 or 3 levels. */
  static final int MAX_NESTING = 64;

  /**
   * The document tomlj parses, and the original line of each of its lines. tomlj 2.2.0 takes time
   * that grows faster than the square of the length of a run of blank or comment-only lines (4096
   * blank lines take 45 s), so such lines are dropped where that cannot change the meaning (outside
   * strings and inline tables) and positions are mapped back. The same scan refuses arrays and
   * inline tables nested more than {@link #MAX_NESTING} deep, so that the recursive parser never
   * sees them.
   */
  record Prepared(String document, int[] lines) {

    /** The original line of a line of {@link #document()}; lines past the end follow the last. */
    int original(int line) {
      if (line <= 0) {
        return line;
      }
      if (line <= lines.length) {
        return lines[line - 1];
      }
      return (lines.length == 0 ? 0 : lines[lines.length - 1]) + line - lines.length;
    }
  }

  static Prepared prepare(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<Integer> kept = new ArrayList<>();
    char[] open = new char[MAX_NESTING + 1];
    int depth = 0;
    char inString = 0; // the quote of an open multi-line string
    int line = 0;
    int at = 0;
    while (at < text.length()) {
      line++;
      int end = text.indexOf('\n', at);
      end = end < 0 ? text.length() : end + 1;
      if (inString == 0
          && (depth == 0 || open[depth - 1] == '[')
          && blankOrComment(text, at, end)) {
        at = end;
        continue;
      }
      kept.add(line);
      out.append(text, at, end);
      int i = at;
      while (i < end) {
        char c = text.charAt(i);
        if (inString != 0) {
          if (inString == '"' && c == '\\') {
            i += 2;
          } else if (c == inString && text.startsWith(inString == '"' ? "\"\"\"" : "'''", i)) {
            inString = 0;
            i += 3;
          } else {
            i++;
          }
        } else if (c == '#') {
          i = end;
        } else if (c == '"' || c == '\'') {
          if (text.startsWith(c == '"' ? "\"\"\"" : "'''", i)) {
            inString = c;
            i += 3;
            continue;
          }
          i++;
          while (i < end && text.charAt(i) != c && text.charAt(i) != '\n') {
            i += c == '"' && text.charAt(i) == '\\' ? 2 : 1;
          }
          i++;
        } else if (c == '[' || c == '{') {
          if (depth == MAX_NESTING) {
            throw new ConfigException(
                List.of(
                    new ConfigProblem(
                        "",
                        line,
                        i - at + 1,
                        "invalid TOML: arrays and inline tables nest more than "
                            + MAX_NESTING
                            + " levels deep")));
          }
          open[depth++] = c;
          i++;
        } else if (c == ']' || c == '}') {
          depth = Math.max(0, depth - 1);
          i++;
        } else {
          i++;
        }
      }
      at = end;
    }
    // a loop, not an IntStream: nothing else on the way to a first call needs the primitive
    // stream classes, and loading them costs a cold JVM about a millisecond
    int[] lines = new int[kept.size()];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = kept.get(i);
    }
    return new Prepared(out.toString(), lines);
  }

  private static boolean blankOrComment(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '#' || c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private static final Pattern LINE_IN_MESSAGE = Pattern.compile("\\bline (\\d+)");

  /** Parser messages name lines of the prepared document ("previously defined at line 7"). */
  static String originalLines(String message, Prepared prepared) {
    Matcher matcher = LINE_IN_MESSAGE.matcher(message);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      int line;
      try {
        line = Integer.parseInt(matcher.group(1));
      } catch (NumberFormatException huge) {
        continue;
      }
      matcher.appendReplacement(out, "line " + prepared.original(line));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** TOML syntax errors quote the offending token, which may be a pasted key: hide long ones. */
  static String redactTokens(String message) {
    Matcher matcher = QUOTED_TOKEN.matcher(message);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          out, Matcher.quoteReplacement("text (" + matcher.group(1).length() + " characters)"));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private Parsed read() {
    Object inference = toml.get(List.of("inference"));
    if (inference == null) {
      problem(
          List.of("inference"),
          "the config has no [inference] table; it needs [inference.runtimes.<name>] and"
              + " [inference.profiles.<name>]");
    } else if (!(inference instanceof TomlTable)) {
      problem(List.of("inference"), "inference must be a table, but was " + show(inference));
    } else {
      readRuntimes();
      readProfiles();
      if (textProfiles == 0 && !taskProblem && !hasProblemUnder("inference.profiles")) {
        problem(
            List.of("inference", "profiles"),
            "config must define at least one text_generation profile under"
                + " [inference.profiles.<name>]");
      }
    }
    if (!problems.isEmpty()) {
      List<ConfigProblem> sorted = new ArrayList<>(problems);
      sorted.sort(
          Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
      throw new ConfigException(sorted);
    }
    List<ConfigWarning> sortedWarnings = new ArrayList<>(warnings);
    sortedWarnings.sort(
        Comparator.comparingInt(ConfigWarning::line).thenComparingInt(ConfigWarning::column));
    return new Parsed(
        Collections.unmodifiableSortedMap(profiles),
        Collections.unmodifiableSortedMap(ignored),
        Collections.unmodifiableSortedMap(runtimes),
        List.copyOf(sortedWarnings));
  }

  private boolean hasProblemUnder(String prefix) {
    return problems.stream().anyMatch(p -> p.path().startsWith(prefix));
  }

  // ---------------------------------------------------------------- runtimes

  private void readRuntimes() {
    List<String> path = List.of("inference", "runtimes");
    Object value = toml.get(path);
    if (value == null) {
      return;
    }
    if (!(value instanceof TomlTable table)) {
      problem(path, "inference.runtimes must be a table, but was " + show(value));
      runtimesBroken = true;
      return;
    }
    for (String name : new TreeSet<>(table.keySet())) {
      List<String> runtimePath = List.of("inference", "runtimes", name);
      Object runtime = table.get(List.of(name));
      if (!(runtime instanceof TomlTable runtimeTable)) {
        problem(runtimePath, "runtime '" + name + "' must be a table, but was " + show(runtime));
        brokenRuntimes.add(name);
        continue;
      }
      int before = problems.size();
      RuntimeValues values = readRuntime(name, runtimePath, runtimeTable);
      if (problems.size() == before) {
        runtimes.put(name, values);
      } else {
        brokenRuntimes.add(name);
      }
    }
  }

  private RuntimeValues readRuntime(String name, List<String> path, TomlTable table) {
    RuntimeKeys keys = new RuntimeKeys(name, path, table);
    for (String key : new TreeSet<>(table.keySet())) {
      if (!RUNTIME_KEYS.contains(key)) {
        warning(
            append(path, key),
            "runtime '"
                + name
                + "' field '"
                + key
                + "' is not used; the runtime fields are "
                + String.join(", ", new TreeSet<>(RUNTIME_KEYS)));
      }
    }
    OptionalLong requestTimeout = keys.integer("request_timeout_secs", 0, Long.MAX_VALUE);
    OptionalLong connectTimeout = keys.integer("connect_timeout_secs", 1, Long.MAX_VALUE);
    OptionalLong firstToken = keys.integer("first_token_timeout_secs", 1, Long.MAX_VALUE);
    OptionalLong idle = keys.integer("idle_timeout_secs", 1, Long.MAX_VALUE);
    OptionalLong maxRetries = keys.integer("max_retries", 0, 100);
    OptionalLong initialBackoff = keys.integer("retry_initial_backoff_ms", 1, Long.MAX_VALUE);
    OptionalLong maxBackoff = keys.integer("retry_max_backoff_ms", 1, Long.MAX_VALUE);
    OptionalLong concurrent = keys.integer("max_concurrent_requests", 1, Integer.MAX_VALUE);
    OptionalDouble perSecond = keys.number("requests_per_second", 0, false, Double.MAX_VALUE);
    OptionalDouble failureRate = keys.number("circuit_breaker_failure_rate", 1, true, 100);
    OptionalLong minCalls = keys.integer("circuit_breaker_min_calls", 1, Integer.MAX_VALUE);
    OptionalLong wait = keys.integer("circuit_breaker_wait_secs", 1, Long.MAX_VALUE);
    Optional<String> command = keys.string("command");
    List<String> args = keys.strings("args");
    OptionalLong startup = keys.integer("startup_timeout_secs", 0, Long.MAX_VALUE);
    long initial = initialBackoff.orElse(RuntimeValues.DEFAULT_RETRY_INITIAL_BACKOFF_MS);
    long max = maxBackoff.orElse(RuntimeValues.DEFAULT_RETRY_MAX_BACKOFF_MS);
    if (max < initial && !keys.failed) {
      if (maxBackoff.isPresent()) {
        problem(
            append(path, "retry_max_backoff_ms"),
            "runtime '"
                + name
                + "' field 'retry_max_backoff_ms' must be >= retry_initial_backoff_ms ("
                + initial
                + "), but was "
                + max);
      } else {
        problem(
            append(path, "retry_initial_backoff_ms"),
            "runtime '"
                + name
                + "' field 'retry_initial_backoff_ms' must be <= retry_max_backoff_ms ("
                + max
                + ", the default), but was "
                + initial);
      }
    }
    return new RuntimeValues(
        name,
        requestTimeout,
        connectTimeout.orElse(RuntimeValues.DEFAULT_CONNECT_TIMEOUT_SECS),
        firstToken,
        idle,
        (int) maxRetries.orElse(RuntimeValues.DEFAULT_MAX_RETRIES),
        initial,
        max,
        concurrent.isPresent() ? OptionalInt.of((int) concurrent.getAsLong()) : OptionalInt.empty(),
        perSecond,
        failureRate,
        minCalls.isPresent() ? OptionalInt.of((int) minCalls.getAsLong()) : OptionalInt.empty(),
        wait,
        command,
        args,
        startup);
  }

  /** Type checks for one runtime table; runtime values are never interpolated. */
  private final class RuntimeKeys {
    private final String name;
    private final List<String> path;
    private final TomlTable table;
    boolean failed;

    RuntimeKeys(String name, List<String> path, TomlTable table) {
      this.name = name;
      this.path = path;
      this.table = table;
    }

    private String field(String key) {
      return "runtime '" + name + "' field '" + key + "'";
    }

    private void fail(String key, String message) {
      failed = true;
      problem(append(path, key), field(key) + " " + message);
    }

    OptionalLong integer(String key, long min, long max) {
      Object value = table.get(List.of(key));
      if (value == null) {
        return OptionalLong.empty();
      }
      String range = max == Long.MAX_VALUE ? ">= " + min : "from " + min + " to " + max;
      if (!(value instanceof Long number) || number < min || number > max) {
        fail(key, "must be an integer " + range + ", but was " + show(value));
        return OptionalLong.empty();
      }
      return OptionalLong.of(number);
    }

    OptionalDouble number(String key, double min, boolean minInclusive, double max) {
      Object value = table.get(List.of(key));
      if (value == null) {
        return OptionalDouble.empty();
      }
      String range =
          max == Double.MAX_VALUE
              ? (minInclusive ? ">= " : "> ") + plain(min)
              : "from " + plain(min) + " to " + plain(max);
      double number;
      if (value instanceof Long integer) {
        number = integer;
      } else if (value instanceof Double real) {
        number = real;
      } else {
        fail(key, "must be a number " + range + ", but was " + show(value));
        return OptionalDouble.empty();
      }
      boolean aboveMin = minInclusive ? number >= min : number > min;
      if (!Double.isFinite(number) || !aboveMin || number > max) {
        fail(key, "must be a number " + range + ", but was " + show(value));
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(number);
    }

    Optional<String> string(String key) {
      Object value = table.get(List.of(key));
      if (value == null) {
        return Optional.empty();
      }
      if (!(value instanceof String text)) {
        fail(key, "must be a string, but was " + show(value));
        return Optional.empty();
      }
      return Optional.of(text);
    }

    List<String> strings(String key) {
      Object value = table.get(List.of(key));
      if (value == null) {
        return List.of();
      }
      if (!(value instanceof TomlArray array)) {
        fail(key, "must be an array of strings, but was " + show(value));
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        Object element = array.get(i);
        if (!(element instanceof String text)) {
          failed = true;
          problemAt(
              Toml.joinKeyPath(append(path, key)) + "[" + i + "]",
              array.inputPositionOf(i),
              field(key)
                  + " must be an array of strings, but element "
                  + i
                  + " was "
                  + show(element));
          return List.of();
        }
        out.add(text);
      }
      return out;
    }
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  // ---------------------------------------------------------------- profiles

  private void readProfiles() {
    List<String> path = List.of("inference", "profiles");
    Object value = toml.get(path);
    if (value == null) {
      return;
    }
    if (!(value instanceof TomlTable table)) {
      problem(path, "inference.profiles must be a table, but was " + show(value));
      return;
    }
    for (String name : new TreeSet<>(table.keySet())) {
      List<String> profilePath = List.of("inference", "profiles", name);
      Object profile = table.get(List.of(name));
      if (!(profile instanceof TomlTable profileTable)) {
        problem(profilePath, "profile '" + name + "' must be a table, but was " + show(profile));
        continue;
      }
      new ProfileReader(name, profilePath, profileTable).read();
    }
  }

  /** Checks one profile in the reference's order, collecting every problem. */
  private final class ProfileReader {
    private final String name;
    private final List<String> path;
    private final TomlTable table;
    private int problemsBefore;

    ProfileReader(String name, List<String> path, TomlTable table) {
      this.name = name;
      this.path = path;
      this.table = table;
    }

    private String field(String key) {
      return "profile '" + name + "' field '" + key + "'";
    }

    /** A string field as written, for messages: substituted values are never shown. */
    private String display(String key) {
      Object value = table.get(List.of(key));
      return value instanceof String raw ? showString(raw) : show(value);
    }

    private List<String> at(String key) {
      return append(path, key);
    }

    private void fail(String key, String message) {
      problem(at(key), field(key) + " " + message);
    }

    void read() {
      problemsBefore = problems.size();
      List<String> legacy = new ArrayList<>();
      for (String key : new TreeSet<>(table.keySet())) {
        if (LEGACY_KEYS.contains(key)) {
          legacy.add(key);
        }
      }
      if (!legacy.isEmpty()) {
        problem(
            at(legacy.get(0)),
            "profile '"
                + name
                + "' uses legacy inference field(s): "
                + String.join(", ", legacy)
                + "; bitloops-inference now expects the Bitloops daemon schema with"
                + " [inference.runtimes.<name>] and [inference.profiles.<name>]");
      }
      Optional<String> task = requiredString("task", false);
      if (task.isEmpty()) {
        taskProblem = true;
        return;
      }
      if (!task.get().equals(TEXT_GENERATION)) {
        TomlPosition position = position(path);
        ignored.put(
            name,
            new Ignored(
                name, display("task"), Toml.joinKeyPath(path), line(position), column(position)));
        String spelled = task.get().toLowerCase(Locale.ROOT).replace('-', '_');
        if (spelled.equals(TEXT_GENERATION)) {
          warning(
              at("task"),
              "profile '"
                  + name
                  + "' is ignored: its task '"
                  + task.get()
                  + "' is not exactly 'text_generation'");
        }
        return;
      }
      textProfiles++;
      readText(legacy);
    }

    private void readText(List<String> legacy) {
      Optional<String> driver = requiredString("driver", false);
      Optional<ProviderFactory> factory = driver.flatMap(this::factory);
      if (factory.isPresent()) {
        checkKeys(factory.get(), legacy);
      }
      Optional<String> model = requiredString("model", false);
      Optional<URI> baseUrl = factory.flatMap(this::baseUrl);
      ApiKey apiKey = apiKey();
      OptionalDouble temperature = temperature();
      OptionalLong maxOutputTokens = maxOutputTokens();
      Optional<RuntimeValues> runtime = runtime();
      boolean allowInsecureHttp = allowInsecureHttp();
      Optional<java.nio.file.Path> tlsCaFile = tlsCaFile();
      Map<String, JsonValue> options = new LinkedHashMap<>();
      factory.ifPresent(f -> options(f, options));
      if (factory.isEmpty()) {
        return;
      }
      // the driver checks what it can even when other keys are wrong, so every problem of the
      // file shows at once; a profile with any problem is not kept
      boolean complete =
          problems.size() == problemsBefore && model.isPresent() && runtime.isPresent();
      ProviderSettings.Builder settings =
          ProviderSettings.builder(factory.get().id())
              .profileName(name)
              .model(model.orElse("unset"));
      runtime.ifPresent(
          r -> {
            settings
                .requestTimeout(Duration.ofSeconds(r.requestTimeoutSecs().getAsLong()))
                .connectTimeout(Duration.ofSeconds(r.connectTimeoutSecs()));
            resilience(r, settings);
          });
      baseUrl.ifPresent(settings::baseUrl);
      apiKey.secret.ifPresent(settings::apiKey);
      settings.allowInsecureHttp(allowInsecureHttp);
      tlsCaFile.ifPresent(settings::tlsCaFile);
      temperature.ifPresent(settings::temperature);
      maxOutputTokens.ifPresent(settings::maxOutputTokens);
      options.forEach(settings::option);
      ProviderSettings built = settings.build();
      driverProblems(factory.get(), built);
      if (!complete || problems.size() != problemsBefore) {
        return;
      }
      TomlPosition position = position(path);
      profiles.put(
          name,
          new Profile(
              name,
              built,
              runtime.get().name(),
              Toml.joinKeyPath(path),
              line(position),
              column(position)));
      if (apiKey.secret.isPresent()) {
        apiKeyWarning(apiKey);
      }
    }

    private Optional<ProviderFactory> factory(String id) {
      SortedSet<String> ids = installedIds();
      if (ids.contains(id)) {
        return Optional.of(factories.computeIfAbsent(id, drivers::factory));
      }
      // the registry's explanation repeats the id: only for an id written in the file, never for
      // one substituted from the environment
      boolean substituted = String.valueOf(table.get(List.of("driver"))).contains("${");
      fail(
          "driver",
          "has unsupported value "
              + display("driver")
              + (substituted
                  ? "; installed drivers: " + installedText(ids)
                  : ": " + drivers.missing(id)));
      return Optional.empty();
    }

    private void checkKeys(ProviderFactory factory, List<String> legacy) {
      SortedSet<String> supported = new TreeSet<>(COMMON_KEYS);
      factory.configKeys().forEach(key -> supported.add(key.name()));
      for (String key : new TreeSet<>(table.keySet())) {
        if (!supported.contains(key) && !legacy.contains(key)) {
          problem(
              at(key),
              "profile '"
                  + name
                  + "' contains unsupported field '"
                  + key
                  + "'; supported fields for driver '"
                  + factory.id()
                  + "' are "
                  + String.join(", ", supported));
        }
      }
    }

    /** Interpolated, trimmed, non-blank; empty after reporting a problem (or if absent). */
    private Optional<String> requiredString(String key, boolean secret) {
      Object value = table.get(List.of(key));
      if (value == null) {
        problem(at(key), field(key) + " is required");
        return Optional.empty();
      }
      return presentString(key, value, secret);
    }

    private Optional<String> presentString(String key, Object value, boolean secret) {
      if (!(value instanceof String raw)) {
        fail(key, "must be a string, but was " + (secret ? kind(value) : show(value)));
        return Optional.empty();
      }
      Optional<String> text = interpolate(key, raw);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      String trimmed = text.get().trim();
      if (trimmed.isEmpty()) {
        if (raw.contains("${")) {
          fail(
              key,
              "must not be blank, but '"
                  + raw
                  + "' is blank after substituting environment variables");
        } else {
          fail(key, "must not be blank" + (secret ? "" : ", but was " + showString(raw)));
        }
        return Optional.empty();
      }
      return Optional.of(trimmed);
    }

    private Optional<String> interpolate(String key, String raw) {
      Interpolation.Result result = Interpolation.interpolate(raw, environment);
      if (result.error().isPresent()) {
        fail(key, "cannot be read: " + result.error().get());
        return Optional.empty();
      }
      return result.value();
    }

    /**
     * The endpoint: required unless the driver has a default; what a driver asks of it beyond being
     * a URL is the driver's {@link ProviderFactory#validate} to say.
     */
    private Optional<URI> baseUrl(ProviderFactory factory) {
      Object value = table.get(List.of("base_url"));
      if (value == null) {
        Optional<URI> fallback = factory.defaultBaseUrl();
        if (fallback.isEmpty()) {
          fail("base_url", "is required");
        }
        return fallback;
      }
      Optional<String> text = presentString("base_url", value, false);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      String raw = (String) value;
      String url = text.get();
      // what every endpoint must be (ProviderSettings holds only such URLs); a driver's own rules
      // come from its validate()
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        fail("base_url", "must start with http:// or https://, but was " + showUrl(raw, url));
        return Optional.empty();
      }
      try {
        URI uri = new URI(url);
        if (uri.getHost() == null) {
          throw new URISyntaxException(url, "no host");
        }
        return Optional.of(uri);
      } catch (URISyntaxException bad) {
        fail("base_url", "must be a valid URL with a host, but was " + showUrl(raw, url));
        return Optional.empty();
      }
    }

    private boolean allowInsecureHttp() {
      Object value = table.get(List.of("allow_insecure_http"));
      if (value == null) {
        return false;
      }
      if (!(value instanceof Boolean flag)) {
        fail("allow_insecure_http", "must be a boolean, but was " + show(value));
        return false;
      }
      return flag;
    }

    /** The CA file: interpolated, and a readable regular file when the config is loaded. */
    private Optional<java.nio.file.Path> tlsCaFile() {
      Object value = table.get(List.of("tls_ca_file"));
      if (value == null) {
        return Optional.empty();
      }
      Optional<String> text = presentString("tls_ca_file", value, false);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      java.nio.file.Path file;
      try {
        file = java.nio.file.Path.of(text.get());
      } catch (java.nio.file.InvalidPathException bad) {
        fail("tls_ca_file", "is not a valid path: " + display("tls_ca_file"));
        return Optional.empty();
      }
      if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
        fail(
            "tls_ca_file",
            "must name a readable PEM file, but "
                + display("tls_ca_file")
                + " is missing, unreadable or not a file");
        return Optional.empty();
      }
      return Optional.of(file);
    }

    /**
     * The key as a secret: a {@code secret://} reference stays a reference, resolved when a call
     * needs it; anything else is the key itself.
     */
    private Optional<Secret> secret(Optional<String> key) {
      if (key.isEmpty()) {
        return Optional.empty();
      }
      if (!key.get().startsWith("secret://")) {
        return Optional.of(Secret.of(key.get()));
      }
      try {
        return Optional.of(Secret.ofReference(key.get()));
      } catch (IllegalArgumentException bad) {
        fail(
            "api_key",
            "is not a valid secret reference: use secret://env/NAME, secret://file/PATH or"
                + " secret://<scheme>/<name> for an installed SecretResolver");
        return Optional.empty();
      }
    }

    private ApiKey apiKey() {
      Object value = table.get(List.of("api_key"));
      if (value == null) {
        return new ApiKey(Optional.empty(), "", Optional.empty());
      }
      if (!(value instanceof String raw)) {
        fail("api_key", "must be a string, but was " + kind(value));
        return new ApiKey(Optional.empty(), "", Optional.empty());
      }
      String trimmed = raw.trim();
      if (trimmed.startsWith("${") && trimmed.endsWith("}") && trimmed.length() >= 3) {
        String variable = trimmed.substring(2, trimmed.length() - 1);
        if (variable.contains("}") || variable.contains("${")) {
          warning(
              at("api_key"),
              field("api_key")
                  + " is read as one environment variable named '"
                  + variable
                  + "'; to combine variables, set one variable to the whole key");
        }
        Optional<String> key =
            variable.isEmpty()
                ? Optional.empty()
                : Interpolation.lookup(environment, variable)
                    .map(String::trim)
                    .filter(k -> !k.isEmpty());
        return new ApiKey(secret(key), raw, Optional.of(variable));
      }
      Optional<String> key = presentString("api_key", value, true);
      return new ApiKey(secret(key), raw, Optional.empty());
    }

    private void apiKeyWarning(ApiKey apiKey) {
      if (!apiKey.raw.contains("${") && !apiKey.raw.trim().startsWith("secret://")) {
        warning(
            at("api_key"),
            field("api_key")
                + " holds the key itself; write api_key = \"${ENV_VAR}\" and set the variable,"
                + " so the key stays out of the file");
      }
    }

    /**
     * The driver's own checks of the built settings, each placed at the key it names (at the
     * profile when the key is not in the file, such as a default endpoint).
     */
    private void driverProblems(ProviderFactory factory, ProviderSettings settings) {
      for (SettingsProblem found : factory.validate(settings)) {
        String key = found.key();
        String keyPath = Toml.joinKeyPath(at(key));
        if (problems.subList(problemsBefore, problems.size()).stream()
            .anyMatch(known -> known.path().equals(keyPath))) {
          continue; // already reported in the config's own words
        }
        Object value = table.get(List.of(key));
        List<String> where = value == null ? path : at(key);
        if (found.warning()) {
          warning(where, field(key) + " " + found.message());
        } else if (value == null) {
          problem(where, field(key) + " " + found.message() + " (it is not set)");
        } else {
          String shown = value instanceof String raw ? showUrl(raw, raw) : show(value);
          problem(where, field(key) + " " + found.message() + ", but was " + shown);
        }
      }
    }

    private OptionalDouble temperature() {
      String key = "temperature";
      Object value = table.get(List.of(key));
      if (value == null) {
        fail(key, "is required");
        return OptionalDouble.empty();
      }
      double number;
      String shown;
      if (value instanceof Double real) {
        number = RustNumbers.asF32Range(real);
        shown = show(value);
      } else if (value instanceof Long integer) {
        number = integer;
        shown = show(value);
      } else if (value instanceof String raw) {
        Optional<String> text = interpolate(key, raw);
        if (text.isEmpty()) {
          return OptionalDouble.empty();
        }
        OptionalDouble parsed = RustNumbers.parseF32(text.get().trim());
        shown = showString(raw);
        if (parsed.isEmpty()) {
          fail(key, "must be a valid number, but was " + shown);
          return OptionalDouble.empty();
        }
        number = parsed.getAsDouble();
      } else {
        fail(key, "must be a string or number, but was " + show(value));
        return OptionalDouble.empty();
      }
      if (!Double.isFinite(number) || number < 0) {
        fail(key, "must be a finite value greater than or equal to 0, but was " + shown);
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(number);
    }

    private OptionalLong maxOutputTokens() {
      String key = "max_output_tokens";
      Object value = table.get(List.of(key));
      if (value == null) {
        fail(key, "is required");
        return OptionalLong.empty();
      }
      String allowed = " (allowed: 1 to " + RustNumbers.U32_MAX + ")";
      long number;
      if (value instanceof Long integer) {
        if (integer < 0 || integer > RustNumbers.U32_MAX) {
          fail(key, "must fit within a u32" + allowed + ", but was " + integer);
          return OptionalLong.empty();
        }
        number = integer;
      } else if (value instanceof String raw) {
        Optional<String> text = interpolate(key, raw);
        if (text.isEmpty()) {
          return OptionalLong.empty();
        }
        String trimmed = text.get().trim();
        switch (RustNumbers.parseU32(trimmed)) {
          case INVALID:
            fail(key, "must be an integer" + allowed + ", but was " + showString(raw));
            return OptionalLong.empty();
          case TOO_LARGE:
            fail(key, "must fit within a u32" + allowed + ", but was " + showString(raw));
            return OptionalLong.empty();
          default:
            number = Long.parseLong(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
        }
      } else {
        fail(key, "must be an integer" + allowed + ", but was " + show(value));
        return OptionalLong.empty();
      }
      if (number == 0) {
        fail(key, "must be greater than 0, but was " + show(value));
        return OptionalLong.empty();
      }
      return OptionalLong.of(number);
    }

    private Optional<RuntimeValues> runtime() {
      Optional<String> runtime = requiredString("runtime", false);
      if (runtime.isEmpty()) {
        return Optional.empty();
      }
      String runtimeName = runtime.get();
      if (runtimesBroken || brokenRuntimes.contains(runtimeName)) {
        return Optional.empty();
      }
      RuntimeValues values = runtimes.get(runtimeName);
      if (values == null) {
        fail(
            "runtime",
            "references unknown runtime "
                + display("runtime")
                + "; runtimes: "
                + (runtimes.isEmpty() ? "none" : String.join(", ", runtimes.keySet())));
        return Optional.empty();
      }
      List<String> runtimePath = List.of("inference", "runtimes", runtimeName);
      if (values.requestTimeoutSecs().isEmpty()) {
        problem(
            append(runtimePath, "request_timeout_secs"),
            "runtime '"
                + runtimeName
                + "' field 'request_timeout_secs' is required by profile '"
                + name
                + "'");
        return Optional.empty();
      }
      if (values.requestTimeoutSecs().getAsLong() == 0) {
        problem(
            append(runtimePath, "request_timeout_secs"),
            "runtime '"
                + runtimeName
                + "' field 'request_timeout_secs' must be greater than 0 (required by profile '"
                + name
                + "'), but was 0");
        return Optional.empty();
      }
      return Optional.of(values);
    }

    private void options(ProviderFactory factory, Map<String, JsonValue> options) {
      for (ConfigKey key : factory.configKeys()) {
        if (COMMON_KEYS.contains(key.name())) {
          continue;
        }
        Object value = table.get(List.of(key.name()));
        if (value != null) {
          option(key, value).ifPresent(json -> options.put(key.name(), json));
        }
      }
    }

    private Optional<JsonValue> option(ConfigKey key, Object value) {
      String name = key.name();
      switch (key.type()) {
        case STRING:
          if (value instanceof String raw) {
            return interpolate(name, raw).map(JsonValue::of);
          }
          fail(name, "must be a string, but was " + show(value));
          return Optional.empty();
        case INTEGER:
          if (value instanceof Long integer) {
            return Optional.of(JsonValue.of(integer));
          }
          fail(name, "must be an integer, but was " + show(value));
          return Optional.empty();
        case NUMBER:
          if (value instanceof Long integer) {
            return Optional.of(JsonValue.of(integer));
          }
          if (value instanceof Double real && Double.isFinite(real)) {
            return Optional.of(JsonValue.of(real));
          }
          fail(name, "must be a finite number, but was " + show(value));
          return Optional.empty();
        case BOOLEAN:
          if (value instanceof Boolean flag) {
            return Optional.of(JsonValue.of(flag));
          }
          fail(name, "must be a boolean, but was " + show(value));
          return Optional.empty();
        case STRING_OR_BOOLEAN:
          if (value instanceof Boolean flag) {
            return Optional.of(JsonValue.of(flag));
          }
          if (value instanceof String raw) {
            return interpolate(name, raw).map(JsonValue::of);
          }
          fail(name, "must be a string or a boolean, but was " + show(value));
          return Optional.empty();
        case STRING_TABLE:
          return stringTable(name, value);
        default:
          throw new IllegalStateException("unknown config key type " + key.type());
      }
    }

    private Optional<JsonValue> stringTable(String key, Object value) {
      if (!(value instanceof TomlTable nested)) {
        fail(key, "must be a table of strings, but was " + kind(value));
        return Optional.empty();
      }
      Map<String, JsonValue> members = new LinkedHashMap<>();
      boolean ok = true;
      for (String entry : nested.keySet()) {
        Object member = nested.get(List.of(entry));
        List<String> memberPath = append(at(key), entry);
        if (!(member instanceof String raw)) {
          // values of such tables may be credentials (headers): never show them
          problem(
              memberPath,
              field(key) + " must be a table of strings, but '" + entry + "' was " + kind(member));
          ok = false;
          continue;
        }
        Interpolation.Result result = Interpolation.interpolate(raw, environment);
        if (result.error().isPresent()) {
          problem(
              memberPath,
              field(key) + " entry '" + entry + "' cannot be read: " + result.error().get());
          ok = false;
          continue;
        }
        members.put(entry, JsonValue.of(result.value().orElseThrow()));
      }
      return ok ? Optional.of(JsonValue.object(members)) : Optional.empty();
    }
  }

  /** The api_key as read: the secret (when set), the raw TOML string and the variable it names. */
  private record ApiKey(Optional<Secret> secret, String raw, Optional<String> variable) {}

  // ---------------------------------------------------------------- helpers

  private SortedSet<String> installedIds() {
    if (installed == null) {
      installed = drivers.ids();
    }
    return installed;
  }

  private static String installedText(SortedSet<String> ids) {
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }

  private static List<String> append(List<String> path, String key) {
    List<String> out = new ArrayList<>(path);
    if (!key.isEmpty()) {
      out.add(key);
    }
    return out;
  }

  private @Nullable TomlPosition position(List<String> path) {
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

  private int line(@Nullable TomlPosition position) {
    return position == null ? 0 : prepared.original(position.line());
  }

  private static int column(@Nullable TomlPosition position) {
    return position == null ? 0 : position.column();
  }

  private void problem(List<String> path, String message) {
    problemAt(Toml.joinKeyPath(path), position(path), message);
  }

  private void problemAt(String path, @Nullable TomlPosition position, String message) {
    problems.add(new ConfigProblem(path, line(position), column(position), message));
  }

  private void warning(List<String> path, String message) {
    TomlPosition position = position(path);
    warnings.add(
        new ConfigWarning(Toml.joinKeyPath(path), line(position), column(position), message));
  }

  /** A TOML value for a message: strings quoted, tables and arrays by kind. */
  static String show(@Nullable Object value) {
    if (value instanceof String text) {
      return showString(text);
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Double real) {
      return real.isNaN() ? "nan" : real.isInfinite() ? (real > 0 ? "inf" : "-inf") : real + "";
    }
    return kind(value);
  }

  /** The raw TOML text of a string; placeholders stay as written, substituted values are hidden. */
  static String showString(String raw) {
    String quoted = "'" + raw + "'";
    return raw.contains("${") ? quoted + " (the value from the environment is not shown)" : quoted;
  }

  private static String showUrl(String raw, String url) {
    return showString(raw.contains("${") ? raw : redactUserInfo(url));
  }

  static String redactUserInfo(String url) {
    int scheme = url.indexOf("//");
    if (scheme < 0) {
      return url;
    }
    int end = url.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = url.indexOf(stop, scheme + 2);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    int userInfo = url.lastIndexOf('@', end - 1);
    if (userInfo > scheme) {
      return url.substring(0, scheme + 2) + "***@" + url.substring(userInfo + 1);
    }
    return url;
  }

  /** The TOML type of a value, for messages that must not show it. */
  static String kind(@Nullable Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Long) {
      return "an integer";
    }
    if (value instanceof Double) {
      return "a float";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof TomlTable) {
      return "a table";
    }
    if (value instanceof TomlArray) {
      return "an array";
    }
    return "a date/time";
  }

  /** The runtime table's retry, timeout and concurrency settings, onto the profile's settings. */
  private static void resilience(RuntimeValues runtime, ProviderSettings.Builder settings) {
    runtime
        .firstTokenTimeoutSecs()
        .ifPresent(s -> settings.firstEventTimeout(Duration.ofSeconds(s)));
    runtime.idleTimeoutSecs().ifPresent(s -> settings.idleTimeout(Duration.ofSeconds(s)));
    settings
        .maxRetries(runtime.maxRetries())
        .retryInitialBackoff(Duration.ofMillis(runtime.retryInitialBackoffMs()))
        .retryMaxBackoff(Duration.ofMillis(runtime.retryMaxBackoffMs()));
    runtime.maxConcurrentRequests().ifPresent(settings::maxConcurrentRequests);
    runtime.requestsPerSecond().ifPresent(settings::requestsPerSecond);
    runtime
        .circuitBreakerFailureRate()
        .ifPresent(rate -> settings.circuitBreakerFailureRate((int) Math.ceil(rate)));
    runtime.circuitBreakerMinCalls().ifPresent(settings::circuitBreakerMinimumCalls);
    // like bitloops-inference, every call reaches the provider unless the TOML asks for a breaker
    settings.circuitBreakerEnabled(
        runtime.circuitBreakerFailureRate().isPresent()
            || runtime.circuitBreakerMinCalls().isPresent()
            || runtime.circuitBreakerWaitSecs().isPresent());
    runtime
        .circuitBreakerWaitSecs()
        .ifPresent(s -> settings.circuitBreakerWait(Duration.ofSeconds(s)));
  }
}
