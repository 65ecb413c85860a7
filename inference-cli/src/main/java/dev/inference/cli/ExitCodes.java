package dev.inference.cli;

import dev.inference.ErrorKind;

/**
 * The exit codes of the {@code inference} command. {@code run}, {@code validate-config} and {@code
 * describe-profile} keep the exit codes of bitloops-inference (0 and 1); the other commands tell
 * the kind of failure.
 */
final class ExitCodes {

  /** Success. */
  static final int OK = 0;

  /**
   * A failure: any failure of {@code run}, {@code validate-config}, {@code describe-profile}; a
   * result that is not ok for {@code status}, {@code verify} and {@code ensure-model}; an
   * unexpected error otherwise.
   */
  static final int FAILURE = 1;

  /** The command line is wrong: an unknown command or option, a bad value. */
  static final int USAGE = 2;

  /** The config: not found, unreadable, invalid, an unknown profile, a driver that refused it. */
  static final int CONFIG = 3;

  /** The provider rejected the request (invalid, too long, filtered, unknown model). */
  static final int REJECTED = 4;

  /** The provider refused the credentials (authentication or permission). */
  static final int AUTH = 5;

  /** Rate limited, or the quota is used up. */
  static final int RATE_LIMITED = 6;

  /** The provider failed: a server error, or an answer that could not be used. */
  static final int PROVIDER_FAILED = 7;

  /** The provider could not be reached (connection refused, DNS, TLS, unavailable). */
  static final int UNREACHABLE = 8;

  /** The provider did not answer in time. */
  static final int TIMEOUT = 9;

  /** The call was cancelled. */
  static final int CANCELLED = 10;

  private ExitCodes() {}

  static int of(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST,
          CONTEXT_LENGTH_EXCEEDED,
          CONTENT_FILTERED,
          MODEL_NOT_FOUND,
          UNSUPPORTED ->
          REJECTED;
      case AUTHENTICATION, PERMISSION_DENIED -> AUTH;
      case RATE_LIMITED, QUOTA_EXCEEDED -> RATE_LIMITED;
      case SERVER_ERROR, MALFORMED_RESPONSE, STREAM_TRUNCATED -> PROVIDER_FAILED;
      case TRANSPORT, UNAVAILABLE, CIRCUIT_OPEN -> UNREACHABLE;
      case TIMEOUT -> TIMEOUT;
      case CANCELLED -> CANCELLED;
    };
  }
}
