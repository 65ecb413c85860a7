package dev.inference.spring;

import dev.inference.config.ConfigProblem;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spring property behind a problem of the rendered TOML: {@code
 * inference.profiles.fast.max_output_tokens} and {@code
 * inference.runtimes.fast.request_timeout_secs} become {@code
 * inference.profiles.fast.max-output-tokens} and {@code
 * inference.profiles.fast.request-timeout-secs}, and the key names in the message are spelled as
 * the properties are.
 */
final class PropertyNames {

  /** The TOML keys the properties spell in kebab-case (driver options keep their names). */
  private static final List<String> KEYS =
      List.of(
          "base_url",
          "api_key",
          "max_output_tokens",
          "allow_insecure_http",
          "tls_ca_file",
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
          "circuit_breaker_wait_secs");

  /** The keys of a profile table that are properties of their own, not options. */
  private static final List<String> PROFILE_KEYS =
      List.of("task", "driver", "runtime", "model", "temperature");

  private static final Pattern KEY_WORDS =
      Pattern.compile("\\b(" + String.join("|", KEYS) + ")\\b");

  private static final Pattern SPRING_KEY = Pattern.compile("[a-z0-9_-]+");

  private PropertyNames() {}

  /** The property prefix of a profile: {@code inference.profiles.fast}, or {@code [my.p]}. */
  static String profile(String name) {
    return "inference.profiles"
        + (SPRING_KEY.matcher(name).matches() ? "." + name : "[" + name + "]");
  }

  /** A TOML key in kebab-case. */
  static String kebab(String key) {
    return key.replace('_', '-');
  }

  /**
   * A problem of the rendered TOML as {@code property: message}; no line and column, which are the
   * generated document's.
   */
  static String describe(ConfigProblem problem, Collection<String> profiles) {
    String message = problem.message();
    for (String name : profiles) {
      String runtime = "inference.runtimes." + TomlText.key(name);
      if (problem.path().equals(runtime) || problem.path().startsWith(runtime + ".")) {
        // the runtime table is the profile's own, generated: its keys are the profile's
        message =
            message
                .replace("runtime '" + name + "' field", "profile '" + name + "' field")
                .replace(" is required by profile '" + name + "'", " is required")
                .replace(" (required by profile '" + name + "')", "");
      }
    }
    return property(problem.path(), profiles) + ": " + message(message);
  }

  /** The message with the kebab-case key names. */
  static String message(String message) {
    Matcher matcher = KEY_WORDS.matcher(message);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(kebab(matcher.group(1))));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The property a TOML path names; {@code inference.profiles} when it names no profile. */
  static String property(String path, Collection<String> profiles) {
    for (String table : List.of("inference.profiles.", "inference.runtimes.")) {
      if (!path.startsWith(table)) {
        continue;
      }
      String rest = path.substring(table.length());
      for (String name : profiles) {
        String key = TomlText.key(name);
        if (rest.equals(key)) {
          return profile(name);
        }
        if (rest.startsWith(key + ".")) {
          return profile(name) + "." + key(rest.substring(key.length() + 1), table);
        }
      }
    }
    return "inference.profiles";
  }

  private static String key(String rest, String table) {
    int dot = rest.indexOf('.');
    String first = dot < 0 ? rest : rest.substring(0, dot);
    if (KEYS.contains(first) || PROFILE_KEYS.contains(first) || table.endsWith("runtimes.")) {
      return kebab(first);
    }
    return "options." + rest;
  }
}
