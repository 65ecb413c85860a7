package dev.inference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The policy half of {@link ProviderSettings.Builder}: the five policy values and the one-value
 * shorthands that update them ({@code requestTimeout(...)} updates {@link Timeouts}). Kept apart so
 * the settings builder reads as what it is; public only through the builder, the way {@code
 * StringBuilder} inherits from {@code AbstractStringBuilder}.
 */
abstract class PolicySetters {
  Timeouts timeouts = Timeouts.defaults();
  RetryPolicy.Builder retry = RetryPolicy.builder();
  CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.defaults();
  Limits limits = Limits.defaults();
  Tls tls = Tls.defaults();

  PolicySetters() {}

  /** This builder, typed. */
  abstract ProviderSettings.Builder self();

  /**
   * Sets all the timeouts.
   *
   * @param timeouts the timeouts
   * @return this builder
   * @since 0.2
   */
  public ProviderSettings.Builder timeouts(Timeouts timeouts) {
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    return self();
  }

  /**
   * Sets the retry policy.
   *
   * @param retry the policy
   * @return this builder
   * @since 0.2
   */
  public ProviderSettings.Builder retry(RetryPolicy retry) {
    this.retry = Objects.requireNonNull(retry, "retry").toBuilder();
    return self();
  }

  /**
   * Sets the circuit breaker policy.
   *
   * @param circuitBreaker the policy
   * @return this builder
   * @since 0.2
   */
  public ProviderSettings.Builder circuitBreaker(CircuitBreakerPolicy circuitBreaker) {
    this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    return self();
  }

  /**
   * Sets the concurrency and rate limits.
   *
   * @param limits the limits
   * @return this builder
   * @since 0.2
   */
  public ProviderSettings.Builder limits(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    return self();
  }

  /**
   * Sets the plain-http rule and the trusted CA certificates.
   *
   * @param tls the TLS values
   * @return this builder
   * @since 0.2
   */
  public ProviderSettings.Builder tls(Tls tls) {
    this.tls = Objects.requireNonNull(tls, "tls");
    return self();
  }

  /**
   * Shorthand for {@link Timeouts#withConnect}.
   *
   * @param connectTimeout a positive duration
   * @return this builder
   */
  public ProviderSettings.Builder connectTimeout(Duration connectTimeout) {
    return timeouts(timeouts.withConnect(connectTimeout));
  }

  /**
   * Shorthand for {@link Timeouts#withRequest}.
   *
   * @param requestTimeout a positive duration
   * @return this builder
   */
  public ProviderSettings.Builder requestTimeout(Duration requestTimeout) {
    return timeouts(timeouts.withRequest(requestTimeout));
  }

  /**
   * Shorthand for {@link Timeouts#withFirstEvent}.
   *
   * @param firstEventTimeout a positive duration
   * @return this builder
   */
  public ProviderSettings.Builder firstEventTimeout(Duration firstEventTimeout) {
    return timeouts(timeouts.withFirstEvent(firstEventTimeout));
  }

  /**
   * Shorthand for {@link Timeouts#withIdle}.
   *
   * @param idleTimeout a positive duration
   * @return this builder
   */
  public ProviderSettings.Builder idleTimeout(Duration idleTimeout) {
    return timeouts(timeouts.withIdle(idleTimeout));
  }

  /**
   * Shorthand for {@link RetryPolicy.Builder#maxRetries}.
   *
   * @param maxRetries from 0 (no retries) to 100
   * @return this builder
   */
  public ProviderSettings.Builder maxRetries(int maxRetries) {
    retry.maxRetries(maxRetries);
    return self();
  }

  /**
   * Shorthand for {@link RetryPolicy.Builder#initialBackoff}.
   *
   * @param retryInitialBackoff a positive duration
   * @return this builder
   */
  public ProviderSettings.Builder retryInitialBackoff(Duration retryInitialBackoff) {
    retry.initialBackoff(retryInitialBackoff);
    return self();
  }

  /**
   * Shorthand for {@link RetryPolicy.Builder#maxBackoff}; {@code build()} checks it is not below
   * the first.
   *
   * @param retryMaxBackoff a positive duration
   * @return this builder
   */
  public ProviderSettings.Builder retryMaxBackoff(Duration retryMaxBackoff) {
    retry.maxBackoff(retryMaxBackoff);
    return self();
  }

  /**
   * Shorthand for {@link Limits#withMaxConcurrentRequests}.
   *
   * @param maxConcurrentRequests at least 1
   * @return this builder
   */
  public ProviderSettings.Builder maxConcurrentRequests(int maxConcurrentRequests) {
    return limits(limits.withMaxConcurrentRequests(maxConcurrentRequests));
  }

  /**
   * Shorthand for {@link Limits#withRequestsPerSecond}.
   *
   * @param requestsPerSecond a finite rate above 0
   * @return this builder
   */
  public ProviderSettings.Builder requestsPerSecond(double requestsPerSecond) {
    return limits(limits.withRequestsPerSecond(requestsPerSecond));
  }

  /**
   * Shorthand for {@link CircuitBreakerPolicy#withFailureRatePercent}.
   *
   * @param percent from 1 to 100
   * @return this builder
   */
  public ProviderSettings.Builder circuitBreakerFailureRate(int percent) {
    return circuitBreaker(circuitBreaker.withFailureRatePercent(percent));
  }

  /**
   * Shorthand for {@link CircuitBreakerPolicy#withMinimumCalls}.
   *
   * @param calls at least 1
   * @return this builder
   */
  public ProviderSettings.Builder circuitBreakerMinimumCalls(int calls) {
    return circuitBreaker(circuitBreaker.withMinimumCalls(calls));
  }

  /**
   * Shorthand for {@link CircuitBreakerPolicy#withWaitInOpenState}.
   *
   * @param wait a positive duration
   * @return this builder
   */
  public ProviderSettings.Builder circuitBreakerWait(Duration wait) {
    return circuitBreaker(circuitBreaker.withWaitInOpenState(wait));
  }

  /**
   * Shorthand for {@link CircuitBreakerPolicy#withEnabled}.
   *
   * @param enabled whether the client has a circuit breaker
   * @return this builder
   * @since 0.2
   */
  public ProviderSettings.Builder circuitBreakerEnabled(boolean enabled) {
    return circuitBreaker(circuitBreaker.withEnabled(enabled));
  }

  /**
   * Shorthand for {@link Tls#withAllowInsecureHttp}.
   *
   * @param allowInsecureHttp {@code true} to allow it; {@code false}, the default, to refuse
   * @return this builder
   */
  public ProviderSettings.Builder allowInsecureHttp(boolean allowInsecureHttp) {
    return tls(tls.withAllowInsecureHttp(allowInsecureHttp));
  }

  /**
   * Shorthand for {@link Tls#withCaFile}.
   *
   * @param tlsCaFile a PEM file holding one or more certificates
   * @return this builder
   */
  public ProviderSettings.Builder tlsCaFile(Path tlsCaFile) {
    return tls(tls.withCaFile(tlsCaFile));
  }
}
