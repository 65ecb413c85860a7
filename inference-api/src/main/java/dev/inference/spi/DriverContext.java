package dev.inference.spi;

import dev.inference.InferenceListener;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * What the application gives every driver it connects, beyond the provider settings: the listener
 * for call events, the clock, and the threads. Time and threads are injected so that a test can run
 * a driver on a fake clock: a 1-second {@code Retry-After} then takes no wall time.
 *
 * <p>A driver given a scheduler or an executor uses it and never shuts it down; one given none
 * makes its own and shuts it down when its client is closed.
 *
 * @since 0.1
 */
public final class DriverContext {

  private static final Clock SYSTEM = Clock.systemUTC();

  // after SYSTEM, which the builder reads
  private static final DriverContext DEFAULTS = new Builder().build();

  private final InferenceListener listener;
  private final Clock clock;
  private final @Nullable ScheduledExecutorService scheduler;
  private final @Nullable ExecutorService executor;

  private DriverContext(Builder builder) {
    this.listener = builder.listener;
    this.clock = builder.clock;
    this.scheduler = builder.scheduler;
    this.executor = builder.executor;
  }

  /**
   * The default context: no listener, the system clock, threads of the driver's own.
   *
   * @return the context
   */
  public static DriverContext defaults() {
    return DEFAULTS;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The listener for call events.
   *
   * @return the listener, {@link InferenceListener#NONE} unless set
   */
  public InferenceListener listener() {
    return listener;
  }

  /**
   * The clock that deadlines, timeouts, backoffs and {@code Retry-After} dates are measured with.
   *
   * @return the clock, {@link Clock#systemUTC()} unless set
   * @since 0.2
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Whether the clock is the system's, so that a driver may measure elapsed time with {@link
   * System#nanoTime()} (monotonic) rather than with the clock.
   *
   * @return whether no clock was set
   * @since 0.2
   */
  public boolean systemClock() {
    return clock == SYSTEM;
  }

  /**
   * The scheduler for deadlines, watchdogs and the waits between retries.
   *
   * @return the scheduler, or empty when the driver should make its own
   * @since 0.2
   */
  public Optional<ScheduledExecutorService> scheduler() {
    return Optional.ofNullable(scheduler);
  }

  /**
   * The executor for work a driver does off the caller's thread.
   *
   * @return the executor, or empty when the driver should make its own
   * @since 0.2
   */
  public Optional<ExecutorService> executor() {
    return Optional.ofNullable(executor);
  }

  /** Builds a {@link DriverContext}. */
  public static final class Builder {
    private InferenceListener listener = InferenceListener.NONE;
    private Clock clock = SYSTEM;
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable ExecutorService executor;

    private Builder() {}

    /**
     * Sets the listener for call events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(InferenceListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the clock; a test sets a fake one, together with a {@link #scheduler} that runs on it.
     *
     * @param clock the clock
     * @return this builder
     * @since 0.2
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the scheduler; the driver will not shut it down.
     *
     * @param scheduler the scheduler
     * @return this builder
     * @since 0.2
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Sets the executor; the driver will not shut it down.
     *
     * @param executor the executor
     * @return this builder
     * @since 0.2
     */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public DriverContext build() {
      return new DriverContext(this);
    }
  }
}
