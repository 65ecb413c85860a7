package dev.inference.config;

import dev.inference.config.internal.RuntimeValues;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One {@code [inference.runtimes.<name>]} table, checked, with defaults applied.
 *
 * <p>Every value becomes the matching {@link dev.inference.ProviderSettings} setting of the
 * profiles that use this runtime: the timeouts (total, connect, first token, idle), the retries and
 * their backoff, the concurrency and rate limits, and the circuit breaker. {@link #command()},
 * {@link #args()} and {@link #startupTimeout()} are what {@code bitloops-inference} v0.1.4 reads;
 * this library only checks their types.
 *
 * @since 0.1
 */
public final class RuntimeConfig {

  private final RuntimeValues values;

  RuntimeConfig(RuntimeValues values) {
    this.values = values;
  }

  /**
   * The runtime's name, the key under {@code [inference.runtimes]}.
   *
   * @return the name
   */
  public String name() {
    return values.name();
  }

  /**
   * {@code request_timeout_secs}: how long a whole call may take. A profile can only use a runtime
   * that sets it to more than 0.
   *
   * @return the timeout (possibly zero in a runtime no text profile uses), or empty when not set
   */
  public Optional<Duration> requestTimeout() {
    return values.requestTimeoutSecs().isPresent()
        ? Optional.of(Duration.ofSeconds(values.requestTimeoutSecs().getAsLong()))
        : Optional.empty();
  }

  /**
   * {@code connect_timeout_secs}: how long opening a connection may take.
   *
   * @return the timeout, 10 seconds unless set
   */
  public Duration connectTimeout() {
    return Duration.ofSeconds(values.connectTimeoutSecs());
  }

  /**
   * {@code first_token_timeout_secs}: how long a stream may wait for its first event.
   *
   * @return the timeout, or empty when not set
   */
  public Optional<Duration> firstTokenTimeout() {
    return values.firstTokenTimeoutSecs().isPresent()
        ? Optional.of(Duration.ofSeconds(values.firstTokenTimeoutSecs().getAsLong()))
        : Optional.empty();
  }

  /**
   * {@code idle_timeout_secs}: how long a stream may wait between two events.
   *
   * @return the timeout, or empty when not set
   */
  public Optional<Duration> idleTimeout() {
    return values.idleTimeoutSecs().isPresent()
        ? Optional.of(Duration.ofSeconds(values.idleTimeoutSecs().getAsLong()))
        : Optional.empty();
  }

  /**
   * {@code max_retries}: retries after the first attempt, on transient failures only.
   *
   * @return the count, 0 unless set (bitloops-inference sends one request per call)
   */
  public int maxRetries() {
    return values.maxRetries();
  }

  /**
   * {@code retry_initial_backoff_ms}: the wait before the first retry.
   *
   * @return the backoff, 500 ms unless set
   */
  public Duration retryInitialBackoff() {
    return Duration.ofMillis(values.retryInitialBackoffMs());
  }

  /**
   * {@code retry_max_backoff_ms}: the longest wait between retries; never below the initial one.
   *
   * @return the backoff, 8000 ms unless set
   */
  public Duration retryMaxBackoff() {
    return Duration.ofMillis(values.retryMaxBackoffMs());
  }

  /**
   * {@code max_concurrent_requests}: the most calls in flight at once.
   *
   * @return the limit, or empty for no limit
   */
  public OptionalInt maxConcurrentRequests() {
    return values.maxConcurrentRequests();
  }

  /**
   * {@code requests_per_second}: the most calls started per second.
   *
   * @return the rate, more than 0, or empty for no limit
   */
  public OptionalDouble requestsPerSecond() {
    return values.requestsPerSecond();
  }

  /**
   * {@code circuit_breaker_failure_rate}: the failure percentage, from 1 to 100, that opens the
   * circuit.
   *
   * @return the percentage, or empty when not set
   */
  public OptionalDouble circuitBreakerFailureRate() {
    return values.circuitBreakerFailureRate();
  }

  /**
   * {@code circuit_breaker_min_calls}: how many calls the breaker needs before it may open.
   *
   * @return the count, or empty when not set
   */
  public OptionalInt circuitBreakerMinCalls() {
    return values.circuitBreakerMinCalls();
  }

  /**
   * {@code circuit_breaker_wait_secs}: how long an open circuit stays open.
   *
   * @return the wait, or empty when not set
   */
  public Optional<Duration> circuitBreakerWait() {
    return values.circuitBreakerWaitSecs().isPresent()
        ? Optional.of(Duration.ofSeconds(values.circuitBreakerWaitSecs().getAsLong()))
        : Optional.empty();
  }

  /**
   * {@code command}: the runtime program {@code bitloops-inference} hosts launch; unused here.
   *
   * @return the command, or empty
   */
  public Optional<String> command() {
    return values.command();
  }

  /**
   * {@code args}: the arguments of {@link #command()}; unused here.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<String> args() {
    return values.args();
  }

  /**
   * {@code startup_timeout_secs}: how long a host waits for the runtime program; unused here.
   *
   * @return the timeout, or empty
   */
  public Optional<Duration> startupTimeout() {
    return values.startupTimeoutSecs().isPresent()
        ? Optional.of(Duration.ofSeconds(values.startupTimeoutSecs().getAsLong()))
        : Optional.empty();
  }

  /**
   * Shows every value.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "RuntimeConfig{name="
        + name()
        + ", requestTimeout="
        + requestTimeout().map(Duration::toString).orElse("unset")
        + ", connectTimeout="
        + connectTimeout()
        + ", maxRetries="
        + maxRetries()
        + ", retryBackoff="
        + retryInitialBackoff()
        + ".."
        + retryMaxBackoff()
        + '}';
  }
}
