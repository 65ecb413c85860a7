package dev.inference.config.internal;

import dev.inference.ProviderSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads {@code [inference.runtimes.*]}: each table type-checked, none interpolated. */
final class RuntimeReader {

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

  private final TomlTree.Table toml;
  private final Findings findings;
  final SortedMap<String, RuntimeValues> runtimes = new TreeMap<>();
  final Set<String> brokenRuntimes = new TreeSet<>();
  boolean runtimesBroken;

  RuntimeReader(TomlTree.Table toml, Findings findings) {
    this.toml = toml;
    this.findings = findings;
  }

  void read() {
    List<String> path = List.of("inference", "runtimes");
    Object value = toml.get(path);
    if (value == null) {
      return;
    }
    if (!(value instanceof TomlTree.Table table)) {
      findings.problem(path, "inference.runtimes must be a table, but was " + Shown.show(value));
      runtimesBroken = true;
      return;
    }
    for (String name : new TreeSet<>(table.keySet())) {
      List<String> runtimePath = List.of("inference", "runtimes", name);
      Object runtime = table.get(List.of(name));
      if (!(runtime instanceof TomlTree.Table runtimeTable)) {
        findings.problem(
            runtimePath, "runtime '" + name + "' must be a table, but was " + Shown.show(runtime));
        brokenRuntimes.add(name);
        continue;
      }
      int before = findings.count();
      RuntimeValues values = readRuntime(name, runtimePath, runtimeTable);
      if (findings.count() == before) {
        runtimes.put(name, values);
      } else {
        brokenRuntimes.add(name);
      }
    }
  }

  private RuntimeValues readRuntime(String name, List<String> path, TomlTree.Table table) {
    RuntimeKeys keys = new RuntimeKeys(name, path, table);
    for (String key : new TreeSet<>(table.keySet())) {
      if (!RUNTIME_KEYS.contains(key)) {
        findings.warning(
            Findings.append(path, key),
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
        findings.problem(
            Findings.append(path, "retry_max_backoff_ms"),
            "runtime '"
                + name
                + "' field 'retry_max_backoff_ms' must be >= retry_initial_backoff_ms ("
                + initial
                + "), but was "
                + max);
      } else {
        findings.problem(
            Findings.append(path, "retry_initial_backoff_ms"),
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
    private final TomlTree.Table table;
    boolean failed;

    RuntimeKeys(String name, List<String> path, TomlTree.Table table) {
      this.name = name;
      this.path = path;
      this.table = table;
    }

    private String field(String key) {
      return "runtime '" + name + "' field '" + key + "'";
    }

    private void fail(String key, String message) {
      failed = true;
      findings.problem(Findings.append(path, key), field(key) + " " + message);
    }

    OptionalLong integer(String key, long min, long max) {
      Object value = table.get(List.of(key));
      if (value == null) {
        return OptionalLong.empty();
      }
      String range = max == Long.MAX_VALUE ? ">= " + min : "from " + min + " to " + max;
      if (!(value instanceof Long number) || number < min || number > max) {
        fail(key, "must be an integer " + range + ", but was " + Shown.show(value));
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
              ? (minInclusive ? ">= " : "> ") + Shown.plain(min)
              : "from " + Shown.plain(min) + " to " + Shown.plain(max);
      double number;
      if (value instanceof Long integer) {
        number = integer;
      } else if (value instanceof Double real) {
        number = real;
      } else {
        fail(key, "must be a number " + range + ", but was " + Shown.show(value));
        return OptionalDouble.empty();
      }
      boolean aboveMin = minInclusive ? number >= min : number > min;
      if (!Double.isFinite(number) || !aboveMin || number > max) {
        fail(key, "must be a number " + range + ", but was " + Shown.show(value));
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
        fail(key, "must be a string, but was " + Shown.show(value));
        return Optional.empty();
      }
      return Optional.of(text);
    }

    List<String> strings(String key) {
      Object value = table.get(List.of(key));
      if (value == null) {
        return List.of();
      }
      if (!(value instanceof TomlTree.Array array)) {
        fail(key, "must be an array of strings, but was " + Shown.show(value));
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        Object element = array.get(i);
        if (!(element instanceof String text)) {
          failed = true;
          findings.problemAt(
              Findings.keyPath(Findings.append(path, key)) + "[" + i + "]",
              array.inputPositionOf(i),
              field(key)
                  + " must be an array of strings, but element "
                  + i
                  + " was "
                  + Shown.show(element));
          return List.of();
        }
        out.add(text);
      }
      return out;
    }
  }

  /** The runtime table's retry, timeout and concurrency settings, onto the profile's settings. */
  static void resilience(RuntimeValues runtime, ProviderSettings.Builder settings) {
    // plain ifs, not Optional's lambdas: this runs on the way to the first answer of `inference
    // run`, where every lambda's call site costs a link (bench/notes.md)
    if (runtime.firstTokenTimeoutSecs().isPresent()) {
      settings.firstEventTimeout(Duration.ofSeconds(runtime.firstTokenTimeoutSecs().getAsLong()));
    }
    if (runtime.idleTimeoutSecs().isPresent()) {
      settings.idleTimeout(Duration.ofSeconds(runtime.idleTimeoutSecs().getAsLong()));
    }
    settings
        .maxRetries(runtime.maxRetries())
        .retryInitialBackoff(Duration.ofMillis(runtime.retryInitialBackoffMs()))
        .retryMaxBackoff(Duration.ofMillis(runtime.retryMaxBackoffMs()));
    if (runtime.maxConcurrentRequests().isPresent()) {
      settings.maxConcurrentRequests(runtime.maxConcurrentRequests().getAsInt());
    }
    if (runtime.requestsPerSecond().isPresent()) {
      settings.requestsPerSecond(runtime.requestsPerSecond().getAsDouble());
    }
    if (runtime.circuitBreakerFailureRate().isPresent()) {
      settings.circuitBreakerFailureRate(
          (int) Math.ceil(runtime.circuitBreakerFailureRate().getAsDouble()));
    }
    if (runtime.circuitBreakerMinCalls().isPresent()) {
      settings.circuitBreakerMinimumCalls(runtime.circuitBreakerMinCalls().getAsInt());
    }
    // like bitloops-inference, every call reaches the provider unless the TOML asks for a breaker
    settings.circuitBreakerEnabled(
        runtime.circuitBreakerFailureRate().isPresent()
            || runtime.circuitBreakerMinCalls().isPresent()
            || runtime.circuitBreakerWaitSecs().isPresent());
    if (runtime.circuitBreakerWaitSecs().isPresent()) {
      settings.circuitBreakerWait(Duration.ofSeconds(runtime.circuitBreakerWaitSecs().getAsLong()));
    }
  }
}
