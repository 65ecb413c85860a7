package dev.inference.config.internal;

import dev.inference.RetryPolicy;
import dev.inference.Timeouts;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The checked values of one {@code [inference.runtimes.<name>]} table, defaults applied.
 *
 * @param name the runtime's name
 * @param requestTimeoutSecs {@code request_timeout_secs}, {@code >= 0}
 * @param connectTimeoutSecs {@code connect_timeout_secs}
 * @param firstTokenTimeoutSecs {@code first_token_timeout_secs}
 * @param idleTimeoutSecs {@code idle_timeout_secs}
 * @param maxRetries {@code max_retries}
 * @param retryInitialBackoffMs {@code retry_initial_backoff_ms}
 * @param retryMaxBackoffMs {@code retry_max_backoff_ms}
 * @param maxConcurrentRequests {@code max_concurrent_requests}
 * @param requestsPerSecond {@code requests_per_second}
 * @param circuitBreakerFailureRate {@code circuit_breaker_failure_rate}, percent
 * @param circuitBreakerMinCalls {@code circuit_breaker_min_calls}
 * @param circuitBreakerWaitSecs {@code circuit_breaker_wait_secs}
 * @param command {@code command}
 * @param args {@code args}
 * @param startupTimeoutSecs {@code startup_timeout_secs}
 */
public record RuntimeValues(
    String name,
    OptionalLong requestTimeoutSecs,
    long connectTimeoutSecs,
    OptionalLong firstTokenTimeoutSecs,
    OptionalLong idleTimeoutSecs,
    int maxRetries,
    long retryInitialBackoffMs,
    long retryMaxBackoffMs,
    OptionalInt maxConcurrentRequests,
    OptionalDouble requestsPerSecond,
    OptionalDouble circuitBreakerFailureRate,
    OptionalInt circuitBreakerMinCalls,
    OptionalLong circuitBreakerWaitSecs,
    Optional<String> command,
    List<String> args,
    OptionalLong startupTimeoutSecs) {

  /** Default {@code connect_timeout_secs}: the library's, declared once in {@link Timeouts}. */
  public static final long DEFAULT_CONNECT_TIMEOUT_SECS = Timeouts.defaults().connect().toSeconds();

  /**
   * Default {@code max_retries}: none, as in bitloops-inference, which sends exactly one request
   * per call; a runtime table opts in. (Settings built in code default to {@link
   * RetryPolicy#defaults()}.)
   */
  public static final int DEFAULT_MAX_RETRIES = 0;

  /** Default {@code retry_initial_backoff_ms}: the library's, declared in {@link RetryPolicy}. */
  public static final long DEFAULT_RETRY_INITIAL_BACKOFF_MS =
      RetryPolicy.defaults().initialBackoff().toMillis();

  /** Default {@code retry_max_backoff_ms}: the library's, declared in {@link RetryPolicy}. */
  public static final long DEFAULT_RETRY_MAX_BACKOFF_MS =
      RetryPolicy.defaults().maxBackoff().toMillis();

  /**
   * Copies the list.
   *
   * @param name the name
   * @param requestTimeoutSecs the request timeout
   * @param connectTimeoutSecs the connect timeout
   * @param firstTokenTimeoutSecs the first-token timeout
   * @param idleTimeoutSecs the idle timeout
   * @param maxRetries the retries
   * @param retryInitialBackoffMs the first backoff
   * @param retryMaxBackoffMs the largest backoff
   * @param maxConcurrentRequests the bulkhead size
   * @param requestsPerSecond the rate limit
   * @param circuitBreakerFailureRate the failure rate threshold
   * @param circuitBreakerMinCalls the minimum calls
   * @param circuitBreakerWaitSecs the open-state wait
   * @param command the command
   * @param args the arguments
   * @param startupTimeoutSecs the startup timeout
   */
  public RuntimeValues {
    args = List.copyOf(args);
  }
}
