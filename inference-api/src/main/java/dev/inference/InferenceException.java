package dev.inference;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The one exception an inference call throws: a closed {@link ErrorKind} plus the data a caller
 * needs to react (status, provider code, retry hint, the text received before the failure).
 *
 * <p>Messages never contain secrets: drivers redact keys before an exception is built.
 *
 * @since 0.1
 */
public final class InferenceException extends RuntimeException {

  @Serial private static final long serialVersionUID = 1L;

  /** Which deadline a {@link ErrorKind#TIMEOUT} missed. */
  public enum TimeoutPhase {
    /** Opening the connection. */
    CONNECT,
    /** Waiting for the response headers and the first event of the body. */
    FIRST_EVENT,
    /** Waiting between two events of a stream. */
    IDLE,
    /** The whole call. */
    TOTAL
  }

  /** What went wrong. */
  private final ErrorKind kind;

  /** Whether trying again may succeed. */
  private final boolean retryable;

  /** The HTTP status, or 0. */
  private final int httpStatus;

  /** The provider's own error code. */
  private final @Nullable String providerCode;

  /** How long the provider asked to wait. */
  private final @Nullable Duration retryAfter;

  /** The text streamed before the failure. */
  private final @Nullable String partialText;

  /** The provider's error body, redacted and bounded. */
  private final @Nullable String responseBody;

  /** The call's request id. */
  private final @Nullable String requestId;

  /** The provider that failed. */
  private final @Nullable String providerName;

  /** Which timeout expired. */
  private final @Nullable TimeoutPhase timeoutPhase;

  private InferenceException(Builder builder) {
    super(builder.message, builder.cause);
    this.kind = builder.kind;
    this.retryable = builder.retryable != null ? builder.retryable : builder.kind.isTransient();
    this.httpStatus = builder.httpStatus;
    this.providerCode = builder.providerCode;
    this.retryAfter = builder.retryAfter;
    this.partialText = builder.partialText;
    this.responseBody = builder.responseBody;
    this.requestId = builder.requestId;
    this.providerName = builder.providerName;
    this.timeoutPhase = builder.timeoutPhase;
  }

  /**
   * A builder for an exception of the given kind.
   *
   * @param kind what went wrong
   * @param message what happened and, where it helps, what to do; must hold no secret
   * @return the builder
   */
  public static Builder builder(ErrorKind kind, String message) {
    return new Builder(kind, message);
  }

  /**
   * A builder holding this exception's values, to add context such as the request id.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder(kind, Objects.requireNonNullElse(getMessage(), kind.name()));
    builder.cause = getCause();
    builder.retryable = retryable;
    builder.httpStatus = httpStatus;
    builder.providerCode = providerCode;
    builder.retryAfter = retryAfter;
    builder.partialText = partialText;
    builder.responseBody = responseBody;
    builder.requestId = requestId;
    builder.providerName = providerName;
    builder.timeoutPhase = timeoutPhase;
    return builder;
  }

  /**
   * What went wrong.
   *
   * @return the kind, never {@code null}
   */
  public ErrorKind kind() {
    return kind;
  }

  /**
   * Whether the same call may succeed if made again later.
   *
   * @return {@code true} when retrying may help
   */
  public boolean isRetryable() {
    return retryable;
  }

  /**
   * The HTTP status the provider answered with, when there was one.
   *
   * @return the status, or empty
   */
  public OptionalInt httpStatus() {
    return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
  }

  /**
   * The provider's own error code ({@code context_length_exceeded}, {@code insufficient_quota}).
   *
   * @return the code, or empty
   */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  /**
   * How long the provider asked to wait before retrying ({@code Retry-After}, {@code
   * retry-after-ms}).
   *
   * @return the wait, or empty
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * The text received before the failure: the deltas a stream had delivered, or the whole text of
   * an answer that held no JSON object in JSON mode.
   *
   * @return the text, or empty when none was received
   */
  public Optional<String> partialText() {
    return Optional.ofNullable(partialText);
  }

  /**
   * The body of the provider's HTTP error response, as text: secrets the provider echoed are
   * redacted and a long body is cut. Tools that report errors in the provider's own terms (the
   * {@code details} of the bitloops-inference protocol) show it.
   *
   * @return the body, or empty when there was no HTTP error response or its body was empty
   * @since 0.1
   */
  public Optional<String> responseBody() {
    return Optional.ofNullable(responseBody);
  }

  /**
   * The id of the failed request.
   *
   * @return the request id, or empty
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * The provider the call went to ({@code openai}, {@code ollama}).
   *
   * @return the provider name, or empty
   */
  public Optional<String> providerName() {
    return Optional.ofNullable(providerName);
  }

  /**
   * Which deadline passed, for {@link ErrorKind#TIMEOUT}.
   *
   * @return the phase, or empty for other kinds
   */
  public Optional<TimeoutPhase> timeoutPhase() {
    return Optional.ofNullable(timeoutPhase);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("InferenceException[").append(kind);
    if (timeoutPhase != null) {
      text.append('/').append(timeoutPhase);
    }
    if (httpStatus > 0) {
      text.append(", status=").append(httpStatus);
    }
    if (providerCode != null) {
      text.append(", code=").append(providerCode);
    }
    if (providerName != null) {
      text.append(", provider=").append(providerName);
    }
    if (requestId != null) {
      text.append(", requestId=").append(requestId);
    }
    return text.append("]: ").append(getMessage()).toString();
  }

  /** Builds an {@link InferenceException}. */
  public static final class Builder {
    private final ErrorKind kind;
    private final String message;
    private @Nullable Throwable cause;
    private @Nullable Boolean retryable;
    private int httpStatus;
    private @Nullable String providerCode;
    private @Nullable Duration retryAfter;
    private @Nullable String partialText;
    private @Nullable String responseBody;
    private @Nullable String requestId;
    private @Nullable String providerName;
    private @Nullable TimeoutPhase timeoutPhase;

    private Builder(ErrorKind kind, String message) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.message = Objects.requireNonNull(message, "message");
    }

    /**
     * Sets the cause.
     *
     * @param cause the underlying failure
     * @return this builder
     */
    public Builder cause(Throwable cause) {
      this.cause = Objects.requireNonNull(cause, "cause");
      return this;
    }

    /**
     * Overrides the retryability that the kind implies.
     *
     * @param retryable whether retrying may help
     * @return this builder
     */
    public Builder retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    /**
     * Sets the HTTP status.
     *
     * @param httpStatus a status from 100 to 599
     * @return this builder
     */
    public Builder httpStatus(int httpStatus) {
      if (httpStatus < 100 || httpStatus > 599) {
        throw new IllegalArgumentException(
            "httpStatus must be between 100 and 599, but was " + httpStatus);
      }
      this.httpStatus = httpStatus;
      return this;
    }

    /**
     * Sets the provider's error code.
     *
     * @param providerCode the code
     * @return this builder
     */
    public Builder providerCode(String providerCode) {
      this.providerCode = Objects.requireNonNull(providerCode, "providerCode");
      return this;
    }

    /**
     * Sets the provider's retry hint.
     *
     * @param retryAfter the wait, zero or more
     * @return this builder
     */
    public Builder retryAfter(Duration retryAfter) {
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must be >= 0, but was " + retryAfter);
      }
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * Sets the text received before the failure.
     *
     * @param partialText the text
     * @return this builder
     */
    public Builder partialText(String partialText) {
      this.partialText = Objects.requireNonNull(partialText, "partialText");
      return this;
    }

    /**
     * Sets the body of the provider's HTTP error response; the caller redacts it first.
     *
     * @param responseBody the body, never {@code null}
     * @return this builder
     */
    public Builder responseBody(String responseBody) {
      this.responseBody = Objects.requireNonNull(responseBody, "responseBody");
      return this;
    }

    /**
     * Sets the request id.
     *
     * @param requestId the id
     * @return this builder
     */
    public Builder requestId(String requestId) {
      this.requestId = Objects.requireNonNull(requestId, "requestId");
      return this;
    }

    /**
     * Sets the provider name.
     *
     * @param providerName the provider
     * @return this builder
     */
    public Builder providerName(String providerName) {
      this.providerName = Objects.requireNonNull(providerName, "providerName");
      return this;
    }

    /**
     * Sets which deadline passed; only for {@link ErrorKind#TIMEOUT}.
     *
     * @param timeoutPhase the phase
     * @return this builder
     */
    public Builder timeoutPhase(TimeoutPhase timeoutPhase) {
      if (kind != ErrorKind.TIMEOUT) {
        throw new IllegalStateException("timeoutPhase is only for TIMEOUT, but kind is " + kind);
      }
      this.timeoutPhase = Objects.requireNonNull(timeoutPhase, "timeoutPhase");
      return this;
    }

    /**
     * Builds the exception.
     *
     * @return the exception
     */
    public InferenceException build() {
      return new InferenceException(this);
    }
  }
}
