package dev.inference.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The keys of a TOML {@code [inference.runtimes.<name>]} table, in kebab-case: timeouts, retries,
 * limits and the circuit breaker of one profile ({@link ProfileProperties} extends it, so they are
 * written directly under {@code inference.profiles.<name>}).
 *
 * @since 0.2
 */
public abstract class RuntimeProperties {

  /** The whole-call timeout in seconds (required, as in the TOML runtime). */
  private @Nullable Long requestTimeoutSecs;

  /** The connect timeout in seconds. */
  private @Nullable Long connectTimeoutSecs;

  /** How long a stream may wait for its first event, in seconds. */
  private @Nullable Long firstTokenTimeoutSecs;

  /** How long a stream may wait between events, in seconds. */
  private @Nullable Long idleTimeoutSecs;

  /** How many times a transient failure is retried (0 to 100). */
  private @Nullable Long maxRetries;

  /** The first retry's backoff in milliseconds. */
  private @Nullable Long retryInitialBackoffMs;

  /** The longest retry backoff in milliseconds. */
  private @Nullable Long retryMaxBackoffMs;

  /** How many calls may be in flight at once. */
  private @Nullable Long maxConcurrentRequests;

  /** How many calls may start per second. */
  private @Nullable Double requestsPerSecond;

  /**
   * The failure rate, in percent, that opens the circuit breaker; setting any breaker key enables
   * it.
   */
  private @Nullable Double circuitBreakerFailureRate;

  /** How many calls the breaker needs before it judges the failure rate. */
  private @Nullable Long circuitBreakerMinCalls;

  /** How long an open breaker waits before it lets a call through, in seconds. */
  private @Nullable Long circuitBreakerWaitSecs;

  /** For subclasses. */
  protected RuntimeProperties() {}

  /**
   * Returns the whole-call timeout in seconds (required, as in the TOML runtime).
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getRequestTimeoutSecs() {
    return requestTimeoutSecs;
  }

  /**
   * Sets the whole-call timeout in seconds (required, as in the TOML runtime).
   *
   * @param requestTimeoutSecs the value
   */
  public void setRequestTimeoutSecs(@Nullable Long requestTimeoutSecs) {
    this.requestTimeoutSecs = requestTimeoutSecs;
  }

  /**
   * Returns the connect timeout in seconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getConnectTimeoutSecs() {
    return connectTimeoutSecs;
  }

  /**
   * Sets the connect timeout in seconds.
   *
   * @param connectTimeoutSecs the value
   */
  public void setConnectTimeoutSecs(@Nullable Long connectTimeoutSecs) {
    this.connectTimeoutSecs = connectTimeoutSecs;
  }

  /**
   * Returns how long a stream may wait for its first event, in seconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getFirstTokenTimeoutSecs() {
    return firstTokenTimeoutSecs;
  }

  /**
   * Sets how long a stream may wait for its first event, in seconds.
   *
   * @param firstTokenTimeoutSecs the value
   */
  public void setFirstTokenTimeoutSecs(@Nullable Long firstTokenTimeoutSecs) {
    this.firstTokenTimeoutSecs = firstTokenTimeoutSecs;
  }

  /**
   * Returns how long a stream may wait between events, in seconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getIdleTimeoutSecs() {
    return idleTimeoutSecs;
  }

  /**
   * Sets how long a stream may wait between events, in seconds.
   *
   * @param idleTimeoutSecs the value
   */
  public void setIdleTimeoutSecs(@Nullable Long idleTimeoutSecs) {
    this.idleTimeoutSecs = idleTimeoutSecs;
  }

  /**
   * Returns how many times a transient failure is retried (0 to 100).
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getMaxRetries() {
    return maxRetries;
  }

  /**
   * Sets how many times a transient failure is retried (0 to 100).
   *
   * @param maxRetries the value
   */
  public void setMaxRetries(@Nullable Long maxRetries) {
    this.maxRetries = maxRetries;
  }

  /**
   * Returns the first retry's backoff in milliseconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getRetryInitialBackoffMs() {
    return retryInitialBackoffMs;
  }

  /**
   * Sets the first retry's backoff in milliseconds.
   *
   * @param retryInitialBackoffMs the value
   */
  public void setRetryInitialBackoffMs(@Nullable Long retryInitialBackoffMs) {
    this.retryInitialBackoffMs = retryInitialBackoffMs;
  }

  /**
   * Returns the longest retry backoff in milliseconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getRetryMaxBackoffMs() {
    return retryMaxBackoffMs;
  }

  /**
   * Sets the longest retry backoff in milliseconds.
   *
   * @param retryMaxBackoffMs the value
   */
  public void setRetryMaxBackoffMs(@Nullable Long retryMaxBackoffMs) {
    this.retryMaxBackoffMs = retryMaxBackoffMs;
  }

  /**
   * Returns how many calls may be in flight at once.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getMaxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /**
   * Sets how many calls may be in flight at once.
   *
   * @param maxConcurrentRequests the value
   */
  public void setMaxConcurrentRequests(@Nullable Long maxConcurrentRequests) {
    this.maxConcurrentRequests = maxConcurrentRequests;
  }

  /**
   * Returns how many calls may start per second.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Double getRequestsPerSecond() {
    return requestsPerSecond;
  }

  /**
   * Sets how many calls may start per second.
   *
   * @param requestsPerSecond the value
   */
  public void setRequestsPerSecond(@Nullable Double requestsPerSecond) {
    this.requestsPerSecond = requestsPerSecond;
  }

  /**
   * Returns the failure rate, in percent, that opens the circuit breaker.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Double getCircuitBreakerFailureRate() {
    return circuitBreakerFailureRate;
  }

  /**
   * Sets the failure rate, in percent, that opens the circuit breaker.
   *
   * @param circuitBreakerFailureRate the value
   */
  public void setCircuitBreakerFailureRate(@Nullable Double circuitBreakerFailureRate) {
    this.circuitBreakerFailureRate = circuitBreakerFailureRate;
  }

  /**
   * Returns how many calls the breaker needs before it judges the failure rate.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getCircuitBreakerMinCalls() {
    return circuitBreakerMinCalls;
  }

  /**
   * Sets how many calls the breaker needs before it judges the failure rate.
   *
   * @param circuitBreakerMinCalls the value
   */
  public void setCircuitBreakerMinCalls(@Nullable Long circuitBreakerMinCalls) {
    this.circuitBreakerMinCalls = circuitBreakerMinCalls;
  }

  /**
   * Returns how long an open breaker waits before it lets a call through, in seconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getCircuitBreakerWaitSecs() {
    return circuitBreakerWaitSecs;
  }

  /**
   * Sets how long an open breaker waits before it lets a call through, in seconds.
   *
   * @param circuitBreakerWaitSecs the value
   */
  public void setCircuitBreakerWaitSecs(@Nullable Long circuitBreakerWaitSecs) {
    this.circuitBreakerWaitSecs = circuitBreakerWaitSecs;
  }

  /**
   * The runtime keys with their TOML names, in the TOML's order.
   *
   * @return the values that are set
   */
  Map<String, Object> runtimeValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    put(values, "request_timeout_secs", requestTimeoutSecs);
    put(values, "connect_timeout_secs", connectTimeoutSecs);
    put(values, "first_token_timeout_secs", firstTokenTimeoutSecs);
    put(values, "idle_timeout_secs", idleTimeoutSecs);
    put(values, "max_retries", maxRetries);
    put(values, "retry_initial_backoff_ms", retryInitialBackoffMs);
    put(values, "retry_max_backoff_ms", retryMaxBackoffMs);
    put(values, "max_concurrent_requests", maxConcurrentRequests);
    put(values, "requests_per_second", requestsPerSecond);
    put(values, "circuit_breaker_failure_rate", circuitBreakerFailureRate);
    put(values, "circuit_breaker_min_calls", circuitBreakerMinCalls);
    put(values, "circuit_breaker_wait_secs", circuitBreakerWaitSecs);
    return values;
  }

  static void put(Map<String, Object> values, String key, @Nullable Object value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
