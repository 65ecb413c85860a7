package dev.inference.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A readiness check of {@link RuntimeOperations#verify}, in the order {@code verify} runs them.
 *
 * <p>Each check has a wire name, the name the BusDK contract, the configuration and the {@code
 * inference verify --check} option use ({@code runtime-ready}); {@link #fromWireName} reads one.
 *
 * @since 0.2
 */
public enum Check {
  /** The runtime answers. */
  RUNTIME_READY("runtime-ready"),
  /** The profile's model is available on the runtime. */
  MODEL_READY("model-ready"),
  /**
   * The endpoint's host is loopback by the project's one loopback rule, judged from the URL alone
   * ({@code localhost}, {@code *.localhost}, {@code 127.x.x.x}, {@code [::1]}), never by resolving
   * the name.
   */
  LOOPBACK_ONLY("loopback-only");

  private static final String KNOWN =
      Arrays.stream(values()).map(Check::wireName).collect(Collectors.joining(", "));

  private final String wireName;

  Check(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The check's name on the wire.
   *
   * @return the lower case, hyphenated name ({@code runtime-ready}), never {@code null}
   * @since 0.2
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The check with this wire name; surrounding white space and case do not matter.
   *
   * @param name a wire name ({@code runtime-ready}, {@code " Model-Ready "})
   * @return the check, never {@code null}
   * @throws IllegalArgumentException if no check has this name; the message names the value and
   *     lists the known checks ("unknown check 'foo'; known checks: runtime-ready, model-ready,
   *     loopback-only")
   * @since 0.2
   */
  public static Check fromWireName(String name) {
    Objects.requireNonNull(name, "name");
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Check check : values()) {
      if (check.wireName.equals(wanted)) {
        return check;
      }
    }
    throw new IllegalArgumentException("unknown check '" + name + "'; known checks: " + KNOWN);
  }
}
