package dev.inference.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link HttpEngine} is made with (experimental): the client's connect timeout, TLS trust
 * and threads.
 *
 * @since 0.2
 */
public final class HttpEngineSettings {

  private final Duration connectTimeout;
  private final @Nullable SSLContext tls;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;

  /**
   * The settings.
   *
   * @param connectTimeout the longest wait for a connection (and a TLS handshake)
   * @param tls the trust to use instead of the JVM's default, or {@code null}
   * @param executor the client's executor, for an engine that needs threads of its own
   * @param scheduler the client's timer, for timeouts an engine runs itself
   */
  public HttpEngineSettings(
      Duration connectTimeout,
      @Nullable SSLContext tls,
      ExecutorService executor,
      ScheduledExecutorService scheduler) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.tls = tls;
    this.executor = Objects.requireNonNull(executor, "executor");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * The longest wait for a connection.
   *
   * @return the timeout, never {@code null}
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The TLS context to use instead of the JVM's default: the profile's {@code tls_ca_file}, or one
   * that trusts nothing for a plain {@code http://} endpoint.
   *
   * @return the context, or empty for the default
   */
  public Optional<SSLContext> tls() {
    return Optional.ofNullable(tls);
  }

  /**
   * The client's executor.
   *
   * @return the executor, never {@code null}
   */
  public ExecutorService executor() {
    return executor;
  }

  /**
   * The client's timer.
   *
   * @return the scheduler, never {@code null}
   */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }
}
