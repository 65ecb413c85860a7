package dev.inference;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * How much a client may ask of its provider: calls in flight at once, and calls started per second.
 * Both are off by default. Immutable; change one with a {@code with...} method.
 *
 * <pre>{@code
 * Limits limits = Limits.defaults().withMaxConcurrentRequests(4).withRequestsPerSecond(2.5);
 * }</pre>
 *
 * @since 0.2
 */
public final class Limits {

  private static final Limits DEFAULTS = new Limits(null, null);

  private final @Nullable Integer maxConcurrentRequests;
  private final @Nullable Double requestsPerSecond;

  private Limits(@Nullable Integer maxConcurrentRequests, @Nullable Double requestsPerSecond) {
    this.maxConcurrentRequests = maxConcurrentRequests;
    this.requestsPerSecond = requestsPerSecond;
  }

  /**
   * The defaults: no limit on calls in flight, no limit on the rate.
   *
   * @return the defaults, never {@code null}
   * @since 0.2
   */
  public static Limits defaults() {
    return DEFAULTS;
  }

  /**
   * How many calls of this client may be in flight at once; more wait up to the connect timeout for
   * a free slot, then fail.
   *
   * @return the limit, or empty for none
   * @since 0.2
   */
  public OptionalInt maxConcurrentRequests() {
    return maxConcurrentRequests == null
        ? OptionalInt.empty()
        : OptionalInt.of(maxConcurrentRequests);
  }

  /**
   * How many calls per second this client may start.
   *
   * @return the rate, or empty for no limit
   * @since 0.2
   */
  public OptionalDouble requestsPerSecond() {
    return requestsPerSecond == null
        ? OptionalDouble.empty()
        : OptionalDouble.of(requestsPerSecond);
  }

  /**
   * A copy with a limit on calls in flight.
   *
   * @param maxConcurrentRequests at least 1
   * @return the copy
   * @throws IllegalArgumentException if below 1
   * @since 0.2
   */
  public Limits withMaxConcurrentRequests(int maxConcurrentRequests) {
    if (maxConcurrentRequests < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentRequests must be >= 1, but was " + maxConcurrentRequests);
    }
    return new Limits(maxConcurrentRequests, requestsPerSecond);
  }

  /**
   * A copy without a limit on calls in flight.
   *
   * @return the copy
   * @since 0.2
   */
  public Limits withoutMaxConcurrentRequests() {
    return new Limits(null, requestsPerSecond);
  }

  /**
   * A copy with a rate limit.
   *
   * @param requestsPerSecond a finite rate above 0
   * @return the copy
   * @throws IllegalArgumentException if not finite or not above 0
   * @since 0.2
   */
  public Limits withRequestsPerSecond(double requestsPerSecond) {
    if (!Double.isFinite(requestsPerSecond) || requestsPerSecond <= 0) {
      throw new IllegalArgumentException(
          "requestsPerSecond must be a finite value > 0, but was " + requestsPerSecond);
    }
    return new Limits(maxConcurrentRequests, requestsPerSecond);
  }

  /**
   * A copy without a rate limit.
   *
   * @return the copy
   * @since 0.2
   */
  public Limits withoutRequestsPerSecond() {
    return new Limits(maxConcurrentRequests, null);
  }

  /**
   * Equal when both limits are equal.
   *
   * @param other the other object
   * @return whether it holds the same limits
   * @since 0.2
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Limits that
        && Objects.equals(maxConcurrentRequests, that.maxConcurrentRequests)
        && Objects.equals(requestsPerSecond, that.requestsPerSecond);
  }

  /**
   * A hash of both limits.
   *
   * @return the hash
   * @since 0.2
   */
  @Override
  public int hashCode() {
    return Objects.hash(maxConcurrentRequests, requestsPerSecond);
  }

  /**
   * Shows the limits that are set.
   *
   * @return {@code Limits{maxConcurrentRequests=4}}, or {@code Limits{none}}
   * @since 0.2
   */
  @Override
  public String toString() {
    if (maxConcurrentRequests == null && requestsPerSecond == null) {
      return "Limits{none}";
    }
    return "Limits{"
        + (maxConcurrentRequests != null ? "maxConcurrentRequests=" + maxConcurrentRequests : "")
        + (maxConcurrentRequests != null && requestsPerSecond != null ? ", " : "")
        + (requestsPerSecond != null ? "requestsPerSecond=" + requestsPerSecond : "")
        + '}';
  }
}
