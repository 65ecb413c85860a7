package dev.inference;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a client made by {@link Inference#fallback(java.util.List, FallbackPolicy)} moves from one
 * client to the next: how long a client that failed is skipped, the clock that measures it, and the
 * listener told of each hop.
 *
 * <pre>{@code
 * InferenceClient client = Inference.fallback(List.of(primary, secondary),
 *     FallbackPolicy.builder().cooldown(Duration.ofMinutes(1)).build());
 * }</pre>
 *
 * <p>Only a failure that says the provider, not the request, is at fault moves on ({@link
 * #failsOver}): {@code UNAVAILABLE}, {@code RATE_LIMITED}, {@code QUOTA_EXCEEDED}, {@code TIMEOUT},
 * {@code CIRCUIT_OPEN}, {@code SERVER_ERROR}, {@code TRANSPORT}.
 *
 * @since 0.2
 */
public final class FallbackPolicy {

  private static final Set<ErrorKind> FAILS_OVER =
      EnumSet.of(
          ErrorKind.UNAVAILABLE,
          ErrorKind.RATE_LIMITED,
          ErrorKind.QUOTA_EXCEEDED,
          ErrorKind.TIMEOUT,
          ErrorKind.CIRCUIT_OPEN,
          ErrorKind.SERVER_ERROR,
          ErrorKind.TRANSPORT);

  private static final FallbackPolicy DEFAULTS =
      new FallbackPolicy(Duration.ofSeconds(30), Clock.systemUTC(), InferenceListener.NONE);

  private final Duration cooldown;
  private final Clock clock;
  private final InferenceListener listener;

  private FallbackPolicy(Duration cooldown, Clock clock, InferenceListener listener) {
    this.cooldown = cooldown;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * The defaults: a cooldown of 30 seconds on the system clock, no listener.
   *
   * @return the defaults, never {@code null}
   */
  public static FallbackPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the {@linkplain #defaults() defaults}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /**
   * A builder holding this policy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Whether a failure of this kind moves the call on to the next client: the provider is at fault,
   * not the request.
   *
   * @param kind the failure's kind
   * @return {@code true} for the provider's failures
   */
  public static boolean failsOver(ErrorKind kind) {
    return FAILS_OVER.contains(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * How long a client that failed over is skipped; shorter when its failure says when it will take
   * calls again (an open circuit breaker's wait, a {@code Retry-After}).
   *
   * @return the cooldown, never {@code null}
   */
  public Duration cooldown() {
    return cooldown;
  }

  /**
   * The clock the cooldown is measured on.
   *
   * @return the clock, never {@code null}
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The listener told of each hop ({@link InferenceListener#fallingBack}).
   *
   * @return the listener, never {@code null}
   */
  public InferenceListener listener() {
    return listener;
  }

  @Override
  public String toString() {
    return "FallbackPolicy{cooldown=" + cooldown + '}';
  }

  /**
   * Builds a {@link FallbackPolicy}; each setter checks its value.
   *
   * @since 0.2
   */
  public static final class Builder {
    private Duration cooldown;
    private Clock clock;
    private InferenceListener listener;

    private Builder(FallbackPolicy from) {
      this.cooldown = from.cooldown;
      this.clock = from.clock;
      this.listener = from.listener;
    }

    /**
     * Sets how long a client that failed over is skipped.
     *
     * @param cooldown zero or more; zero never skips a client
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder cooldown(Duration cooldown) {
      Objects.requireNonNull(cooldown, "cooldown");
      if (cooldown.isNegative()) {
        throw new IllegalArgumentException("cooldown must be >= 0, but was " + cooldown);
      }
      this.cooldown = cooldown;
      return this;
    }

    /**
     * Sets the clock the cooldown is measured on (a fake one in tests).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the listener told of each hop.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(InferenceListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public FallbackPolicy build() {
      return new FallbackPolicy(cooldown, clock, listener);
    }
  }
}
