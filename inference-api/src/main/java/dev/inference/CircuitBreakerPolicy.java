package dev.inference;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether and when a client stops calling a provider that keeps failing: the failure rate that
 * opens the breaker, the calls it needs before judging, and how long it stays open. Immutable;
 * change one value with a {@code with...} method.
 *
 * <pre>{@code
 * CircuitBreakerPolicy breaker = CircuitBreakerPolicy.defaults()
 *     .withFailureRatePercent(80)
 *     .withWaitInOpenState(Duration.ofSeconds(10));
 * }</pre>
 *
 * @since 0.2
 */
public final class CircuitBreakerPolicy {

  private static final CircuitBreakerPolicy DEFAULTS =
      new CircuitBreakerPolicy(true, 50, 10, Duration.ofSeconds(30));

  private final boolean enabled;
  private final int failureRatePercent;
  private final int minimumCalls;
  private final Duration waitInOpenState;

  private CircuitBreakerPolicy(
      boolean enabled, int failureRatePercent, int minimumCalls, Duration waitInOpenState) {
    this.enabled = enabled;
    this.failureRatePercent = failureRatePercent;
    this.minimumCalls = minimumCalls;
    this.waitInOpenState = waitInOpenState;
  }

  /**
   * The defaults: enabled, opening at a 50% failure rate once 10 calls were made, open for 30
   * seconds.
   *
   * @return the defaults, never {@code null}
   * @since 0.2
   */
  public static CircuitBreakerPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * The defaults, turned off: every call reaches the provider, however many failed before.
   *
   * @return a disabled policy, never {@code null}
   * @since 0.2
   */
  public static CircuitBreakerPolicy disabled() {
    return DEFAULTS.withEnabled(false);
  }

  /**
   * Whether the client has a circuit breaker at all. Without one every call reaches the provider,
   * however many failed before (the Bitloops TOML's behaviour unless its runtime table configures a
   * breaker).
   *
   * @return {@code true} unless turned off
   * @since 0.2
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * The failure rate, in percent of provider-side failures, that opens the breaker.
   *
   * @return 1 to 100
   * @since 0.2
   */
  public int failureRatePercent() {
    return failureRatePercent;
  }

  /**
   * The calls the breaker needs before it judges the failure rate.
   *
   * @return at least 1
   * @since 0.2
   */
  public int minimumCalls() {
    return minimumCalls;
  }

  /**
   * How long an open breaker fails calls fast before it lets a few through again.
   *
   * @return the wait, never {@code null}
   * @since 0.2
   */
  public Duration waitInOpenState() {
    return waitInOpenState;
  }

  /**
   * A copy turned on or off; off, no call is ever refused with {@code CIRCUIT_OPEN}.
   *
   * @param enabled whether the client has a circuit breaker
   * @return the copy
   * @since 0.2
   */
  public CircuitBreakerPolicy withEnabled(boolean enabled) {
    return new CircuitBreakerPolicy(enabled, failureRatePercent, minimumCalls, waitInOpenState);
  }

  /**
   * A copy with another failure rate.
   *
   * @param percent from 1 to 100
   * @return the copy
   * @throws IllegalArgumentException if out of range
   * @since 0.2
   */
  public CircuitBreakerPolicy withFailureRatePercent(int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException(
          "circuitBreakerFailureRate must be between 1 and 100, but was " + percent);
    }
    return new CircuitBreakerPolicy(enabled, percent, minimumCalls, waitInOpenState);
  }

  /**
   * A copy with another number of calls needed before judging.
   *
   * @param calls at least 1
   * @return the copy
   * @throws IllegalArgumentException if below 1
   * @since 0.2
   */
  public CircuitBreakerPolicy withMinimumCalls(int calls) {
    if (calls < 1) {
      throw new IllegalArgumentException(
          "circuitBreakerMinimumCalls must be >= 1, but was " + calls);
    }
    return new CircuitBreakerPolicy(enabled, failureRatePercent, calls, waitInOpenState);
  }

  /**
   * A copy with another wait in the open state.
   *
   * @param wait a positive duration
   * @return the copy
   * @throws IllegalArgumentException if the duration is zero or negative
   * @since 0.2
   */
  public CircuitBreakerPolicy withWaitInOpenState(Duration wait) {
    return new CircuitBreakerPolicy(
        enabled, failureRatePercent, minimumCalls, Timeouts.positive("circuitBreakerWait", wait));
  }

  /**
   * Equal when every value is equal.
   *
   * @param other the other object
   * @return whether it is the same policy
   * @since 0.2
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CircuitBreakerPolicy that
        && enabled == that.enabled
        && failureRatePercent == that.failureRatePercent
        && minimumCalls == that.minimumCalls
        && waitInOpenState.equals(that.waitInOpenState);
  }

  /**
   * A hash of every value.
   *
   * @return the hash
   * @since 0.2
   */
  @Override
  public int hashCode() {
    return Objects.hash(enabled, failureRatePercent, minimumCalls, waitInOpenState);
  }

  /**
   * Shows every value.
   *
   * @return {@code CircuitBreakerPolicy{enabled=true, failureRatePercent=50, ...}}
   * @since 0.2
   */
  @Override
  public String toString() {
    return "CircuitBreakerPolicy{enabled="
        + enabled
        + ", failureRatePercent="
        + failureRatePercent
        + ", minimumCalls="
        + minimumCalls
        + ", waitInOpenState="
        + waitInOpenState
        + '}';
  }
}
