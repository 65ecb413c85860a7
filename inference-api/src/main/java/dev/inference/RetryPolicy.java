package dev.inference;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a client retries a call that failed transiently: how many times, and the exponential backoff
 * with full jitter between attempts. Immutable; the two backoffs depend on each other, so they
 * change together through a {@link Builder}.
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.defaults().toBuilder()
 *     .maxRetries(4)
 *     .initialBackoff(Duration.ofSeconds(1))
 *     .maxBackoff(Duration.ofSeconds(20))
 *     .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(8));

  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  private RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * The defaults: 2 retries, a first backoff of 500 ms, doubling up to 8 seconds.
   *
   * @return the defaults, never {@code null}
   * @since 0.2
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the {@linkplain #defaults() defaults}.
   *
   * @return the builder
   * @since 0.2
   */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  /**
   * A builder holding this policy.
   *
   * @return the builder
   * @since 0.2
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * How many times a call that failed transiently is tried again; 0 turns retries off.
   *
   * @return the retries, from 0 to 100
   * @since 0.2
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * The first backoff; each retry doubles it, up to {@link #maxBackoff()}, with full jitter.
   *
   * @return the first backoff, never {@code null}
   * @since 0.2
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * The longest wait before a retry; a provider asking to wait longer ({@code Retry-After}) fails
   * the call at once.
   *
   * @return the longest backoff, never below {@link #initialBackoff()}
   * @since 0.2
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * A copy with another number of retries.
   *
   * @param maxRetries from 0 (no retries) to 100
   * @return the copy
   * @throws IllegalArgumentException if out of range
   * @since 0.2
   */
  public RetryPolicy withMaxRetries(int maxRetries) {
    return toBuilder().maxRetries(maxRetries).build();
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
    return other instanceof RetryPolicy that
        && maxRetries == that.maxRetries
        && initialBackoff.equals(that.initialBackoff)
        && maxBackoff.equals(that.maxBackoff);
  }

  /**
   * A hash of every value.
   *
   * @return the hash
   * @since 0.2
   */
  @Override
  public int hashCode() {
    return Objects.hash(maxRetries, initialBackoff, maxBackoff);
  }

  /**
   * Shows every value.
   *
   * @return {@code RetryPolicy{maxRetries=2, initialBackoff=PT0.5S, maxBackoff=PT8S}}
   * @since 0.2
   */
  @Override
  public String toString() {
    return "RetryPolicy{maxRetries="
        + maxRetries
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + '}';
  }

  /**
   * Builds a {@link RetryPolicy}; each setter checks its value, {@link #build()} checks that the
   * longest backoff is not below the first.
   *
   * @since 0.2
   */
  public static final class Builder {
    private int maxRetries;
    private Duration initialBackoff;
    private Duration maxBackoff;

    private Builder(RetryPolicy from) {
      this.maxRetries = from.maxRetries;
      this.initialBackoff = from.initialBackoff;
      this.maxBackoff = from.maxBackoff;
    }

    /**
     * Sets how many times a transient failure is retried.
     *
     * @param maxRetries from 0 (no retries) to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @since 0.2
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 100) {
        throw new IllegalArgumentException(
            "maxRetries must be between 0 and 100, but was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the first backoff between retries.
     *
     * @param initialBackoff a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     * @since 0.2
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Timeouts.positive("retryInitialBackoff", initialBackoff);
      return this;
    }

    /**
     * Sets the longest backoff between retries; it also caps the {@code Retry-After} the client
     * will honour.
     *
     * @param maxBackoff a positive duration, at least the first backoff
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     * @since 0.2
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Timeouts.positive("retryMaxBackoff", maxBackoff);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalStateException if the longest backoff is below the first
     * @since 0.2
     */
    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalStateException(
            "retryMaxBackoff must be >= retryInitialBackoff ("
                + initialBackoff
                + "), but was "
                + maxBackoff);
      }
      return new RetryPolicy(maxRetries, initialBackoff, maxBackoff);
    }
  }
}
