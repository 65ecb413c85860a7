package dev.inference.config.internal;

import java.util.Optional;
import java.util.function.Function;

/**
 * {@code ${ENV_VAR}} substitution as {@code bitloops-inference} v0.1.3 does it: one left-to-right
 * pass, the name is every character up to the next {@code }}, substituted values are not rescanned,
 * no escapes, defaults or nesting, and a bare {@code $VAR} is left alone.
 */
public final class Interpolation {

  private Interpolation() {}

  /** The outcome: the substituted text, or an error that names no value. */
  public record Result(Optional<String> value, Optional<String> error) {

    static Result ok(String value) {
      return new Result(Optional.of(value), Optional.empty());
    }

    static Result failed(String error) {
      return new Result(Optional.empty(), Optional.of(error));
    }
  }

  /**
   * Substitutes every placeholder.
   *
   * @param text the raw TOML string
   * @param environment the variable lookup
   * @return the text, or the first error
   */
  public static Result interpolate(String text, Function<String, Optional<String>> environment) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (true) {
      int start = text.indexOf("${", from);
      if (start < 0) {
        out.append(text, from, text.length());
        return Result.ok(out.toString());
      }
      out.append(text, from, start);
      int end = text.indexOf('}', start + 2);
      if (end < 0) {
        return Result.failed("unterminated environment placeholder");
      }
      String name = text.substring(start + 2, end);
      if (name.isEmpty()) {
        return Result.failed("environment placeholder must not be empty");
      }
      Optional<String> value = lookup(environment, name);
      if (value.isEmpty()) {
        return Result.failed("environment variable '" + name + "' is not set");
      }
      out.append(value.get());
      from = end + 1;
    }
  }

  /**
   * Looks a variable up, refusing a lookup function that returns {@code null}.
   *
   * @param environment the lookup
   * @param name the variable
   * @return its value, or empty
   */
  public static Optional<String> lookup(
      Function<String, Optional<String>> environment, String name) {
    Optional<String> value = environment.apply(name);
    if (value == null) {
      throw new NullPointerException("the environment lookup returned null for a variable");
    }
    return value;
  }
}
