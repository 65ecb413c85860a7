package dev.inference.bus;

import dev.inference.JsonValue;
import dev.inference.runtime.Check;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A verify request's {@code checks}: known check names only; absent means the default set. */
final class Checks {

  private Checks() {}

  /**
   * The checks to run.
   *
   * @return the checks; empty for the runtime's default set (when {@code checks} is absent)
   */
  static Set<Check> read(Optional<JsonValue> value) {
    if (value.isEmpty()) {
      return Set.of();
    }
    if (!(value.get() instanceof JsonValue.ArrayValue array)) {
      throw Refusal.badRequest(
          "checks must be an array of check names, but was " + Fields.typeOf(value.get()));
    }
    if (array.elements().isEmpty()) {
      throw Refusal.badRequest(
          "checks is empty: name at least one check, or leave checks out for the default set");
    }
    Set<Check> checks = EnumSet.noneOf(Check.class);
    for (JsonValue element : array.elements()) {
      if (!(element instanceof JsonValue.StringValue name)) {
        throw Refusal.badRequest(
            "each of checks must be a string, but one was " + Fields.typeOf(element));
      }
      checks.add(byName(name.value()));
    }
    return checks;
  }

  /** The exact wire name only: the contract's names are lower case with hyphens. */
  private static Check byName(String name) {
    for (Check check : Check.values()) {
      if (check.wireName().equals(name)) {
        return check;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Check check : Check.values()) {
      known.append(known.length() == 0 ? "" : ", ").append(check.wireName());
    }
    throw Refusal.badRequest("unknown check '" + name + "'; known checks: " + known);
  }
}
