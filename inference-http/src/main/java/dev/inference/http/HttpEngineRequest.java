package dev.inference.http;

import dev.inference.http.internal.HeaderPairs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request for an {@link HttpEngine} (experimental): method, URL, headers, body, the wait for
 * the response headers, and whether the engine reads the whole body before {@code send} returns.
 *
 * @since 0.2
 */
public final class HttpEngineRequest {

  private final String method;
  private final URI uri;
  private final Map<String, String> headers;
  private final byte @Nullable [] body;
  private final @Nullable Duration timeout;
  private final boolean buffered;
  private final long maxBodyBytes;
  private final long maxErrorBodyBytes;

  private HttpEngineRequest(Builder builder) {
    this.method = builder.method;
    this.uri = builder.uri;
    this.headers = builder.headers.freeze();
    this.body = builder.body;
    this.timeout = builder.timeout;
    this.buffered = builder.buffered;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.maxErrorBodyBytes = builder.maxErrorBodyBytes;
  }

  /**
   * A builder for a request to {@code uri}: a {@code GET} with no header, streamed.
   *
   * @param uri the absolute http or https URL
   * @return the builder
   */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /**
   * The method.
   *
   * @return {@code GET}, {@code POST}, ...
   */
  public String method() {
    return method;
  }

  /**
   * The URL.
   *
   * @return the absolute http or https URL, without user info
   */
  public URI uri() {
    return uri;
  }

  /**
   * The headers to send, one value each, in the order they were set.
   *
   * @return the headers, never {@code null}
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The body; the array is shared, never modify it.
   *
   * @return the body, or empty for a request without one
   */
  public Optional<byte[]> body() {
    return Optional.ofNullable(body);
  }

  /**
   * The longest wait from sending to the response headers.
   *
   * @return the timeout, or empty for no limit
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * Whether {@link HttpEngine#send} reads the whole body (with {@link #readBody}'s limits) before
   * it returns, so that its timeout, interrupt and abort cover the body too.
   *
   * @return {@code true} for a buffered request
   */
  public boolean buffered() {
    return buffered;
  }

  /**
   * The largest 2xx body a buffered request accepts.
   *
   * @return the limit, in bytes
   */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Where a buffered request cuts a body that is not 2xx (it is only quoted in an error).
   *
   * @return the limit, in bytes
   */
  public long maxErrorBodyBytes() {
    return maxErrorBodyBytes;
  }

  /**
   * Reads a buffered body with this request's limits, for engines: a 2xx body longer than {@link
   * #maxBodyBytes()} (or declaring so in {@code Content-Length}) fails before more than the limit
   * is held; another body is cut at {@link #maxErrorBodyBytes()}.
   *
   * @param status the response status
   * @param declaredLength the {@code Content-Length}, or -1
   * @param in the body; not closed here
   * @return the body's bytes
   * @throws BodyTooLargeException if a 2xx body is over the limit
   * @throws IOException if reading failed
   */
  public byte[] readBody(int status, long declaredLength, InputStream in) throws IOException {
    boolean success = status / 100 == 2;
    long limit = success ? maxBodyBytes : maxErrorBodyBytes;
    if (success && declaredLength > limit) {
      throw new BodyTooLargeException(limit);
    }
    if (declaredLength >= 0 && declaredLength <= limit) {
      // the usual case: read into an array of the declared size, with no copy
      byte[] exact = new byte[(int) declaredLength];
      int read = in.readNBytes(exact, 0, exact.length);
      if (read < exact.length) {
        return Arrays.copyOf(exact, read); // the body ended early; the engine reports it if it must
      }
      int next = in.read();
      if (next < 0) {
        return exact;
      }
      if (exact.length == limit) { // a byte over the limit
        if (success) {
          throw new BodyTooLargeException(limit);
        }
        return exact; // an error body is cut at its limit
      }
      // more than declared (an engine that does not enforce Content-Length): read on, bounded
      ByteArrayOutputStream held = new ByteArrayOutputStream(exact.length + 8192);
      held.write(exact, 0, exact.length);
      held.write(next);
      return readRest(success, limit, limit - exact.length - 1, held, in);
    }
    return readRest(success, limit, limit, new ByteArrayOutputStream(8192), in);
  }

  private static byte[] readRest(
      boolean success, long limit, long left, ByteArrayOutputStream held, InputStream in)
      throws IOException {
    byte[] buffer = new byte[8192];
    for (int read; (read = in.read(buffer, 0, (int) Math.min(buffer.length, left + 1))) >= 0; ) {
      if (read > left) {
        if (success) {
          throw new BodyTooLargeException(limit);
        }
        held.write(buffer, 0, (int) left);
        break;
      }
      held.write(buffer, 0, read);
      left -= read;
    }
    return held.toByteArray();
  }

  /**
   * Builds an {@link HttpEngineRequest}.
   *
   * @since 0.2
   */
  public static final class Builder {

    private final URI uri;
    private String method = "GET";
    private final HeaderPairs headers = new HeaderPairs();
    private byte @Nullable [] body;
    private @Nullable Duration timeout;
    private boolean buffered;
    private long maxBodyBytes = HttpTransport.DEFAULT_MAX_BODY_BYTES;
    private long maxErrorBodyBytes = 64 * 1024;

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /**
     * The method and its body.
     *
     * @param method {@code GET}, {@code POST}, ...
     * @param body the body, or {@code null} for none; shared, not copied
     * @return this builder
     */
    public Builder method(String method, byte @Nullable [] body) {
      this.method = Objects.requireNonNull(method, "method");
      this.body = body;
      return this;
    }

    /**
     * Sets a header, replacing one of the same name in any case.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.set(name, value);
      return this;
    }

    /**
     * The longest wait for the response headers.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be > 0, but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Asks for the whole body, read by {@link HttpEngine#send} within these limits.
     *
     * @param maxBodyBytes the largest 2xx body, at least 0
     * @param maxErrorBodyBytes where another body is cut, at least 0
     * @return this builder
     */
    public Builder buffered(long maxBodyBytes, long maxErrorBodyBytes) {
      if (maxBodyBytes < 0 || maxErrorBodyBytes < 0) {
        throw new IllegalArgumentException(
            "body limits must be >= 0, but were " + maxBodyBytes + " and " + maxErrorBodyBytes);
      }
      this.buffered = true;
      this.maxBodyBytes = maxBodyBytes;
      this.maxErrorBodyBytes = maxErrorBodyBytes;
      return this;
    }

    /**
     * The request.
     *
     * @return the request, never {@code null}
     */
    public HttpEngineRequest build() {
      return new HttpEngineRequest(this);
    }
  }
}
