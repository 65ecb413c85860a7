package dev.inference;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The timeouts of a client: connect, total, and the optional first-event and idle timeouts of a
 * call. Immutable; change one with a {@code with...} method.
 *
 * <pre>{@code
 * Timeouts timeouts = Timeouts.defaults()
 *     .withRequest(Duration.ofSeconds(60))
 *     .withIdle(Duration.ofSeconds(20));
 * }</pre>
 *
 * @since 0.2
 */
public final class Timeouts {

  private static final Timeouts DEFAULTS =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(300), null, null);

  private final Duration connect;
  private final Duration request;
  private final @Nullable Duration firstEvent;
  private final @Nullable Duration idle;

  private Timeouts(
      Duration connect, Duration request, @Nullable Duration firstEvent, @Nullable Duration idle) {
    this.connect = connect;
    this.request = request;
    this.firstEvent = firstEvent;
    this.idle = idle;
  }

  /**
   * The defaults: connect 10 seconds, a whole call 300 seconds (as {@code bitloops-inference}), no
   * first-event and no idle timeout.
   *
   * @return the defaults, never {@code null}
   * @since 0.2
   */
  public static Timeouts defaults() {
    return DEFAULTS;
  }

  /**
   * How long opening a connection may take.
   *
   * @return the connect timeout, never {@code null}
   * @since 0.2
   */
  public Duration connect() {
    return connect;
  }

  /**
   * How long a whole call may take ({@code request_timeout_secs}); a request's own timeout replaces
   * it.
   *
   * @return the total timeout, never {@code null}
   * @since 0.2
   */
  public Duration request() {
    return request;
  }

  /**
   * How long a call may wait for the response headers and the first bytes of the body.
   *
   * @return the first-event timeout, or empty when only the total timeout applies
   * @since 0.2
   */
  public Optional<Duration> firstEvent() {
    return Optional.ofNullable(firstEvent);
  }

  /**
   * How long a stream may go silent between two reads.
   *
   * @return the idle timeout, or empty when only the total timeout applies
   * @since 0.2
   */
  public Optional<Duration> idle() {
    return Optional.ofNullable(idle);
  }

  /**
   * A copy with another connect timeout.
   *
   * @param connect a positive duration
   * @return the copy
   * @throws IllegalArgumentException if the duration is zero or negative
   * @since 0.2
   */
  public Timeouts withConnect(Duration connect) {
    return new Timeouts(positive("connectTimeout", connect), request, firstEvent, idle);
  }

  /**
   * A copy with another total timeout.
   *
   * @param request a positive duration
   * @return the copy
   * @throws IllegalArgumentException if the duration is zero or negative
   * @since 0.2
   */
  public Timeouts withRequest(Duration request) {
    return new Timeouts(connect, positive("requestTimeout", request), firstEvent, idle);
  }

  /**
   * A copy with a first-event timeout.
   *
   * @param firstEvent a positive duration
   * @return the copy
   * @throws IllegalArgumentException if the duration is zero or negative
   * @since 0.2
   */
  public Timeouts withFirstEvent(Duration firstEvent) {
    return new Timeouts(connect, request, positive("firstEventTimeout", firstEvent), idle);
  }

  /**
   * A copy without a first-event timeout: only the total timeout applies.
   *
   * @return the copy
   * @since 0.2
   */
  public Timeouts withoutFirstEvent() {
    return new Timeouts(connect, request, null, idle);
  }

  /**
   * A copy with an idle timeout.
   *
   * @param idle a positive duration
   * @return the copy
   * @throws IllegalArgumentException if the duration is zero or negative
   * @since 0.2
   */
  public Timeouts withIdle(Duration idle) {
    return new Timeouts(connect, request, firstEvent, positive("idleTimeout", idle));
  }

  /**
   * A copy without an idle timeout: only the total timeout applies.
   *
   * @return the copy
   * @since 0.2
   */
  public Timeouts withoutIdle() {
    return new Timeouts(connect, request, firstEvent, null);
  }

  static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }

  /**
   * Equal when every timeout is equal.
   *
   * @param other the other object
   * @return whether it holds the same timeouts
   * @since 0.2
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Timeouts that
        && connect.equals(that.connect)
        && request.equals(that.request)
        && Objects.equals(firstEvent, that.firstEvent)
        && Objects.equals(idle, that.idle);
  }

  /**
   * A hash of every timeout.
   *
   * @return the hash
   * @since 0.2
   */
  @Override
  public int hashCode() {
    return Objects.hash(connect, request, firstEvent, idle);
  }

  /**
   * Shows every timeout that is set.
   *
   * @return {@code Timeouts{connect=PT10S, request=PT5M}}
   * @since 0.2
   */
  @Override
  public String toString() {
    return "Timeouts{connect="
        + connect
        + ", request="
        + request
        + (firstEvent != null ? ", firstEvent=" + firstEvent : "")
        + (idle != null ? ", idle=" + idle : "")
        + '}';
  }
}
