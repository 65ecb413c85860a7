package dev.inference;

/**
 * The closed set of ways an inference call can fail, modelled on gRPC status codes.
 *
 * <p>{@link #isTransient()} says whether the same call may succeed later without any change; {@link
 * InferenceException#isRetryable()} starts from it and may be overridden by the provider (an {@code
 * x-should-retry} header, for example).
 *
 * @since 0.1
 */
public enum ErrorKind {
  /** The credentials were missing or refused (HTTP 401). Fix the API key. */
  AUTHENTICATION(false),
  /** The credentials do not allow this call (HTTP 403). */
  PERMISSION_DENIED(false),
  /** The model does not exist or is not available to this key. */
  MODEL_NOT_FOUND(false),
  /** The provider rejected the request as invalid (HTTP 400 and other 4xx). */
  INVALID_REQUEST(false),
  /** The prompt plus the requested output do not fit the model's context window. */
  CONTEXT_LENGTH_EXCEEDED(false),
  /** The provider's content filter refused the request or the answer. */
  CONTENT_FILTERED(false),
  /** Too many requests for now (HTTP 429); see {@link InferenceException#retryAfter()}. */
  RATE_LIMITED(true),
  /** The account is out of quota or credit; retrying will not help. */
  QUOTA_EXCEEDED(false),
  /** The provider failed (HTTP 500, 502). */
  SERVER_ERROR(true),
  /** The provider is overloaded or not ready (HTTP 503, 504). */
  UNAVAILABLE(true),
  /** A deadline passed; see {@link InferenceException#timeoutPhase()}. */
  TIMEOUT(true),
  /** A stream ended before the provider said it was finished. */
  STREAM_TRUNCATED(true),
  /** The provider's answer could not be understood (not JSON, or no JSON object in JSON mode). */
  MALFORMED_RESPONSE(false),
  /** The connection failed: refused, reset, DNS, TLS. */
  TRANSPORT(true),
  /** The client's circuit breaker is open and fails calls fast. */
  CIRCUIT_OPEN(false),
  /** The caller cancelled the call or closed the stream or client. */
  CANCELLED(false),
  /** The driver cannot do what the request asks (a response mode it lacks, for example). */
  UNSUPPORTED(false);

  private final boolean transientByDefault;

  ErrorKind(boolean transientByDefault) {
    this.transientByDefault = transientByDefault;
  }

  /**
   * Whether a failure of this kind may go away if the same call is made again later.
   *
   * @return {@code true} for transient kinds
   */
  public boolean isTransient() {
    return transientByDefault;
  }
}
