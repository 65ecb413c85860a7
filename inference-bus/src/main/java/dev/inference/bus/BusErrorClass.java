package dev.inference.bus;

import dev.inference.ErrorKind;
import dev.inference.runtime.RuntimeOperations;
import java.util.Locale;

/**
 * The one vocabulary of a response's {@code error_class}: every response with {@code ok:false}
 * carries exactly one of these, by its {@link #wireName()}.
 *
 * @since 0.2
 */
public enum BusErrorClass {
  /**
   * The request is invalid: a malformed envelope or payload, a missing or mistyped field, an
   * unknown key, an unknown check or provider, an inline secret, a missing confirmation, or a
   * provider that does not match the node's.
   */
  BAD_REQUEST,
  /** The runtime refused the credentials. */
  UNAUTHORIZED,
  /** No profile serves the node, or a secret reference is not known to the secret resolver. */
  NOT_FOUND,
  /** The runtime is busy with something the request would collide with (an install under way). */
  CONFLICT,
  /**
   * A policy forbids the action: downloads not allowed, a model over {@code max_model_size_bytes},
   * a change in {@code prod} without confirmation.
   */
  POLICY_DENIED,
  /** The runtime failed or could not be reached. */
  PROVIDER_ERROR,
  /** The runtime did not answer in time. */
  TIMEOUT,
  /** At least one readiness check failed. */
  VERIFY_FAILED,
  /** The provider cannot do this from here (installing a runtime, downloading with this driver). */
  UNSUPPORTED;

  /**
   * The name on the wire.
   *
   * @return the lower snake case name ({@code policy_denied}), never {@code null}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The class of a runtime operation's error class: the same name. */
  static BusErrorClass of(RuntimeOperations.ErrorClass errorClass) {
    return valueOf(errorClass.name());
  }

  /** The class of a failure a runtime operation threw. */
  static BusErrorClass of(ErrorKind kind) {
    switch (kind) {
      case AUTHENTICATION:
      case PERMISSION_DENIED:
        return UNAUTHORIZED;
      case MODEL_NOT_FOUND:
        return NOT_FOUND;
      case INVALID_REQUEST:
      case CONTEXT_LENGTH_EXCEEDED:
        return BAD_REQUEST;
      case TIMEOUT:
        return TIMEOUT;
      case UNSUPPORTED:
        return UNSUPPORTED;
      default:
        return PROVIDER_ERROR;
    }
  }
}
