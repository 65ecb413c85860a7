package dev.inference.http;

import java.io.IOException;
import java.util.Objects;

/**
 * An {@link HttpEngine}'s timeout ran out (experimental).
 *
 * @since 0.2
 */
public final class HttpEngineTimeoutException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Which timeout ran out. */
  public enum Phase {
    /** {@link HttpEngineSettings#connectTimeout()}: no connection in time. */
    CONNECT,
    /** {@link HttpEngineRequest#timeout()}: no response headers in time. */
    RESPONSE
  }

  private final Phase phase;

  /**
   * A timeout.
   *
   * @param phase which timeout ran out
   * @param message what happened
   * @param cause the engine's own exception, if any
   */
  public HttpEngineTimeoutException(
      Phase phase, String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
    this.phase = Objects.requireNonNull(phase, "phase");
  }

  /**
   * Which timeout ran out.
   *
   * @return the phase, never {@code null}
   */
  public Phase phase() {
    return phase;
  }
}
