package dev.inference.http.apache;

import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineRequest;
import dev.inference.http.HttpEngineSettings;
import dev.inference.http.HttpEngineTimeoutException;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Apache HttpClient 5 classic as an {@link HttpEngine}: one pool of reusable HTTP/1.1 connections
 * (as many as the callers need, as the JDK client has), no redirects, no retries, no cookies, no
 * compression, no socket timeout (the kit times streams itself); the wait for the response headers
 * is timed on the client's scheduler, which aborts the exchange when it runs out.
 */
final class ApacheHttpEngine implements HttpEngine {

  /** Connections kept to one route: more than any bulkhead lets through at once. */
  private static final int MAX_CONNECTIONS = 4096;

  private final CloseableHttpClient http;
  private final ScheduledExecutorService scheduler;

  ApacheHttpEngine(HttpEngineSettings settings) {
    this.scheduler = settings.scheduler();
    SSLContext tls = settings.tls().orElseGet(ApacheHttpEngine::defaultTls);
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                new InterruptibleConnections()
                    .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                    .setDefaultSocketConfig(
                        SocketConfig.custom()
                            .setTcpNoDelay(true)
                            .setSoTimeout(Timeout.DISABLED)
                            .build())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                            .setSocketTimeout(Timeout.DISABLED)
                            .build())
                    .setMaxConnPerRoute(MAX_CONNECTIONS)
                    .setMaxConnTotal(MAX_CONNECTIONS)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.DISABLED)
                    .setRedirectsEnabled(false)
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching()
            .disableConnectionState()
            .disableDefaultUserAgent()
            .build();
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException unavailable) {
      throw new IllegalStateException("TLS is not available in this JVM", unavailable);
    }
  }

  @Override
  public Exchange send(HttpEngineRequest request) throws IOException, InterruptedException {
    HttpUriRequestBase message = new HttpUriRequestBase(request.method(), request.uri());
    request.headers().forEach(message::setHeader);
    request.body().ifPresent(body -> message.setEntity(new ByteArrayEntity(body, null)));
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> timer =
        request.timeout().map(wait -> abortAfter(wait, message, late)).orElse(null);
    ClassicHttpResponse response;
    try {
      response = http.executeOpen(null, message, null);
    } catch (IOException | RuntimeException failed) {
      throw mapped(failed, late, request.timeout().orElse(Duration.ZERO));
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
    }
    if (late.get()) { // the timer fired as the headers came in: the exchange is aborted
      response.close();
      throw timedOut(request.timeout().orElse(Duration.ZERO), null);
    }
    ApacheExchange exchange = new ApacheExchange(message, response);
    if (request.buffered()) {
      try {
        exchange.buffer(request);
      } catch (IOException | RuntimeException failed) {
        exchange.abort();
        throw mapped(failed, late, Duration.ZERO);
      }
    }
    return exchange;
  }

  private ScheduledFuture<?> abortAfter(
      Duration wait, HttpUriRequestBase message, AtomicBoolean late) {
    return scheduler.schedule(
        () -> {
          late.set(true);
          message.cancel();
        },
        wait.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /**
   * What a failure means: an interrupt of the caller (which also closed the socket), the response
   * timer, the connect timeout, or the I/O failure itself.
   */
  private static IOException mapped(Exception failed, AtomicBoolean late, Duration wait)
      throws InterruptedException {
    if (Thread.interrupted()) {
      InterruptedException interrupted =
          new InterruptedException("the calling thread was interrupted");
      interrupted.initCause(failed);
      throw interrupted;
    }
    if (late.get()) {
      return timedOut(wait, failed);
    }
    if (failed instanceof ConnectTimeoutException) {
      return new HttpEngineTimeoutException(
          HttpEngineTimeoutException.Phase.CONNECT, String.valueOf(failed.getMessage()), failed);
    }
    if (failed instanceof RuntimeException unchecked) {
      throw unchecked; // a closed pool, as the JDK client's own failures after close
    }
    return (IOException) failed;
  }

  private static HttpEngineTimeoutException timedOut(Duration wait, @Nullable Throwable cause) {
    return new HttpEngineTimeoutException(
        HttpEngineTimeoutException.Phase.RESPONSE,
        "no response headers within " + wait.toMillis() + " ms",
        cause);
  }

  @Override
  public void close() {
    http.close(CloseMode.IMMEDIATE);
  }
}
