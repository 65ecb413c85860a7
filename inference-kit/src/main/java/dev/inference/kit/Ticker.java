package dev.inference.kit;

import dev.inference.spi.DriverContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Elapsed time for deadlines, timeouts and backoffs, in nanoseconds from an arbitrary origin:
 * {@link System#nanoTime()} (monotonic) for the system clock, the injected clock's instant
 * otherwise, so a test's fake clock drives every deadline the kit measures.
 *
 * @since 0.2
 */
public abstract class Ticker {

  private static final Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanos() {
          return System.nanoTime();
        }
      };

  /** For subclasses. */
  protected Ticker() {}

  /**
   * The ticker of a driver's context.
   *
   * @param context the context
   * @return {@link #system()} when the context has the system clock, else one that reads its clock
   */
  public static Ticker of(DriverContext context) {
    return context.systemClock() ? SYSTEM : of(context.clock());
  }

  /**
   * A ticker that reads a clock.
   *
   * @param clock the clock
   * @return the ticker
   */
  public static Ticker of(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new Ticker() {
      @Override
      public long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }
    };
  }

  /**
   * The system's monotonic ticker.
   *
   * @return the ticker
   */
  public static Ticker system() {
    return SYSTEM;
  }

  /**
   * Now.
   *
   * @return nanoseconds from this ticker's origin
   */
  public abstract long nanos();
}
