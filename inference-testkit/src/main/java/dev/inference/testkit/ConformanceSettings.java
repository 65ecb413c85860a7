package dev.inference.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and switches of a kit run, in one place (like the Reactive Streams TCK's {@code
 * TestEnvironment}). The defaults keep a whole run at a few seconds; system properties override
 * them on slow machines: {@code inference.testkit.timeoutMillis} scales the short deadline the
 * timeout rules use, {@code inference.testkit.waitMillis} the wait for the server to see a closed
 * connection.
 *
 * @since 0.1
 */
public final class ConformanceSettings {

  private final Duration requestTimeout;
  private final Duration shortTimeout;
  private final Duration connectTimeout;
  private final Duration closeWait;
  private final int parallelCalls;
  private final boolean firstEventTimeout;
  private final boolean idleTimeout;

  private ConformanceSettings(Builder builder) {
    this.requestTimeout = builder.requestTimeout;
    this.shortTimeout = builder.shortTimeout;
    this.connectTimeout = builder.connectTimeout;
    this.closeWait = builder.closeWait;
    this.parallelCalls = builder.parallelCalls;
    this.firstEventTimeout = builder.firstEventTimeout;
    this.idleTimeout = builder.idleTimeout;
  }

  /**
   * The defaults, with the system-property overrides applied.
   *
   * @return the settings
   */
  public static ConformanceSettings defaults() {
    return builder().build();
  }

  /**
   * A builder holding the defaults, with the system-property overrides applied.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The total timeout of the profiles of ordinary rules; long, so that no rule fails for speed.
   *
   * @return the timeout (10 s)
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The total timeout of the profiles the timeout rules use; the kit's stalls last three times
   * longer.
   *
   * @return the timeout (1 s, or {@code inference.testkit.timeoutMillis})
   */
  public Duration shortTimeout() {
    return shortTimeout;
  }

  /**
   * The connect timeout of rule 10.1's profile, which connects to a listener whose backlog is full
   * and must fail in that phase. Every other profile connects within {@link #requestTimeout()}: a
   * loopback connect that waits is a busy machine, not a defect of the driver.
   *
   * @return the timeout (500 ms)
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * How long the kit waits for its server to see a closed connection.
   *
   * @return the wait (3 s, or {@code inference.testkit.waitMillis})
   */
  public Duration closeWait() {
    return closeWait;
  }

  /**
   * How many calls the concurrency rules make at once.
   *
   * @return the count (16)
   */
  public int parallelCalls() {
    return parallelCalls;
  }

  /**
   * Whether the driver honours {@code ProviderSettings.firstEventTimeout()}; rule 10.2 is skipped
   * when it does not.
   *
   * @return {@code true} unless set
   */
  public boolean firstEventTimeout() {
    return firstEventTimeout;
  }

  /**
   * Whether the driver honours {@code ProviderSettings.idleTimeout()} between stream events; rule
   * 10.3 is skipped when it does not.
   *
   * @return {@code true} unless set
   */
  public boolean idleTimeout() {
    return idleTimeout;
  }

  @Override
  public String toString() {
    return "ConformanceSettings{requestTimeout="
        + requestTimeout
        + ", shortTimeout="
        + shortTimeout
        + ", connectTimeout="
        + connectTimeout
        + ", closeWait="
        + closeWait
        + ", parallelCalls="
        + parallelCalls
        + ", firstEventTimeout="
        + firstEventTimeout
        + ", idleTimeout="
        + idleTimeout
        + '}';
  }

  /** Builds {@link ConformanceSettings}; each setter checks its value. */
  public static final class Builder {
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration shortTimeout = millis("inference.testkit.timeoutMillis", 1000);
    private Duration connectTimeout = Duration.ofMillis(500);
    private Duration closeWait = millis("inference.testkit.waitMillis", 3000);
    private int parallelCalls = 16;
    private boolean firstEventTimeout = true;
    private boolean idleTimeout = true;

    private Builder() {}

    /**
     * Sets the total timeout of ordinary rules.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive("requestTimeout", requestTimeout);
      return this;
    }

    /**
     * Sets the total timeout of the timeout rules.
     *
     * @param shortTimeout a positive duration
     * @return this builder
     */
    public Builder shortTimeout(Duration shortTimeout) {
      this.shortTimeout = positive("shortTimeout", shortTimeout);
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive("connectTimeout", connectTimeout);
      return this;
    }

    /**
     * Sets how long to wait for the server to see a closed connection.
     *
     * @param closeWait a positive duration
     * @return this builder
     */
    public Builder closeWait(Duration closeWait) {
      this.closeWait = positive("closeWait", closeWait);
      return this;
    }

    /**
     * Sets how many calls the concurrency rules make at once.
     *
     * @param parallelCalls from 2 to 256
     * @return this builder
     */
    public Builder parallelCalls(int parallelCalls) {
      if (parallelCalls < 2 || parallelCalls > 256) {
        throw new IllegalArgumentException(
            "parallelCalls must be between 2 and 256, but was " + parallelCalls);
      }
      this.parallelCalls = parallelCalls;
      return this;
    }

    /**
     * Declares whether the driver honours the first-event timeout the kit sets.
     *
     * @param supported whether rule 10.2 runs
     * @return this builder
     */
    public Builder firstEventTimeout(boolean supported) {
      this.firstEventTimeout = supported;
      return this;
    }

    /**
     * Declares whether the driver honours the idle timeout the kit sets.
     *
     * @param supported whether rule 10.3 runs
     * @return this builder
     */
    public Builder idleTimeout(boolean supported) {
      this.idleTimeout = supported;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     */
    public ConformanceSettings build() {
      return new ConformanceSettings(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }

    private static Duration millis(String property, long fallback) {
      String value = System.getProperty(property);
      if (value == null || value.isBlank()) {
        return Duration.ofMillis(fallback);
      }
      try {
        long millis = Long.parseLong(value.strip());
        if (millis > 0) {
          return Duration.ofMillis(millis);
        }
      } catch (NumberFormatException notANumber) {
        // reported below
      }
      throw new IllegalArgumentException(
          property + " must be a positive number of milliseconds, but was '" + value + "'");
    }
  }
}
