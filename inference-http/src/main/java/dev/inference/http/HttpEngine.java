package dev.inference.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP client under an HTTP driver (experimental): sends one request on the caller's thread and
 * hands back the answer. The built-in engine {@code jdk} is {@code java.net.http.HttpClient}; an
 * optional module can plug another through {@link HttpEngineFactory}, chosen by the profile's
 * {@link HttpTransport#HTTP_CLIENT} key.
 *
 * <p>What every engine does: it follows no redirect, retries nothing, adds no compression, reuses
 * connections, times the connect with {@link HttpEngineSettings#connectTimeout()} and the wait for
 * the response headers with {@link HttpEngineRequest#timeout()}, and trusts the certificates of
 * {@link HttpEngineSettings#tls()}. {@link #send} is interruptible: interrupting the caller aborts
 * the exchange and {@code send} throws {@link InterruptedException}.
 *
 * @since 0.2
 */
public interface HttpEngine extends AutoCloseable {

  /**
   * Sends one request and waits for the response headers, on the calling thread; a {@link
   * HttpEngineRequest#buffered() buffered} request also has its whole body read before this
   * returns.
   *
   * @param request the request
   * @return the exchange, whose body the caller reads and then closes
   * @throws IOException if the exchange failed: {@link HttpEngineTimeoutException} when a timeout
   *     ran out, {@link BodyTooLargeException} when a buffered body was over its limit, {@link
   *     javax.net.ssl.SSLException} for TLS, {@link java.net.ConnectException} when the connection
   *     was refused
   * @throws InterruptedException if the calling thread was interrupted; the exchange is aborted
   */
  Exchange send(HttpEngineRequest request) throws IOException, InterruptedException;

  /** Releases the engine's connections and threads; sends after this fail. */
  @Override
  void close();

  /**
   * One response whose headers are in.
   *
   * @since 0.2
   */
  interface Exchange extends AutoCloseable {

    /**
     * The HTTP status.
     *
     * @return the status code
     */
    int status();

    /**
     * The response headers, looked up without regard to case.
     *
     * @return the headers, never {@code null}
     */
    Map<String, List<String>> headers();

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or empty
     */
    default Optional<String> header(String name) {
      List<String> values = headers().get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The body: all of it, already read, for a buffered request; the open stream otherwise. A read
     * that reaches the end of a streamed body lets the connection go back to the pool.
     *
     * @return the body, never {@code null}
     */
    InputStream body();

    /**
     * The whole body of a {@linkplain HttpEngineRequest#buffered() buffered} request, read by
     * {@link HttpEngine#send}. The default reads {@link #body()} to its end; an engine that holds
     * the body as an array returns that array, so the driver's parser reads it without a copy.
     *
     * @return the body's bytes; the caller does not change them
     * @throws IOException if the body cannot be read
     * @since 0.2
     */
    default byte[] bufferedBody() throws IOException {
      return body().readAllBytes();
    }

    /**
     * Stops the exchange now, from any thread: a read blocked on the body ends with an {@link
     * IOException}, and the connection is dropped unless the body was read to its end.
     */
    void abort();

    /**
     * Releases the body without reading more of it: the connection goes back to the pool if the
     * body was read to its end, and is dropped otherwise.
     */
    @Override
    void close();
  }
}
