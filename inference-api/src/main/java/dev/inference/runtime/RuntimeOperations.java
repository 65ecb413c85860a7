package dev.inference.runtime;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Operations on the runtime behind a client, from the BusDK inference contract: status, readiness
 * checks, making sure a model is present, and waiting until the runtime is ready.
 *
 * <p>Results never carry secrets. Operations a driver cannot do fail with {@link
 * ErrorKind#UNSUPPORTED}, or report {@link ErrorClass#UNSUPPORTED} in their result.
 *
 * @since 0.1
 */
public interface RuntimeOperations {

  /** Why an operation did not succeed, in the BusDK vocabulary. */
  enum ErrorClass {
    /** The request was invalid (an unknown check, a missing confirmation). */
    BAD_REQUEST,
    /** The runtime refused the credentials. */
    UNAUTHORIZED,
    /** A policy forbids the action (downloads not allowed, model too large). */
    POLICY_DENIED,
    /** The runtime failed or could not be reached. */
    PROVIDER_ERROR,
    /** The runtime did not answer in time. */
    TIMEOUT,
    /** At least one readiness check failed. */
    VERIFY_FAILED,
    /** The driver cannot do this operation. */
    UNSUPPORTED;

    /**
     * The lower snake case name, as the BusDK contract writes it.
     *
     * @return the wire name ({@code verify_failed})
     */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The runtime's state and its models.
   *
   * @return the status; a runtime that cannot be reached is {@link RuntimeStatus.State#UNKNOWN}
   *     with a diagnostic, never an exception
   */
  RuntimeStatus status();

  /**
   * Runs readiness checks.
   *
   * <p>A check's wire name ({@code runtime-ready}) becomes a {@link Check} with {@link
   * Check#fromWireName}, which rejects an unknown name before anything runs.
   *
   * @param checks the checks to run; an empty set means the runtime's default checks: all of them,
   *     unless the driver documents that a check it cannot answer runs only when asked for
   * @return one outcome per check, in the order of {@link Check}'s constants whatever the set's
   *     order
   * @since 0.2
   */
  VerifyResult verify(Set<Check> checks);

  /**
   * Makes sure the model is present: a dry run by default, which only plans.
   *
   * <p>A download stops, and its connection is closed, when the progress listener throws (its
   * exception propagates) or when the calling thread is interrupted.
   *
   * @param model the model name
   * @param options dry run, confirmation, policy and progress listener
   * @return what was planned or done
   * @throws InferenceException of kind {@link ErrorKind#CANCELLED} if the calling thread is
   *     interrupted; the interrupt status is kept
   */
  EnsureModelResult ensureModel(String model, EnsureModelOptions options);

  /**
   * Waits until the runtime is ready, polling with a backoff from 100 ms doubling to 5 s.
   *
   * @param timeout how long to wait at most
   * @return the ready status
   * @throws InferenceException of kind {@link ErrorKind#TIMEOUT} if the runtime is not ready in
   *     time, or of the failure's kind at once if the failure is not transient (a refused
   *     connection is transient)
   */
  RuntimeStatus awaitReady(Duration timeout);

  /**
   * Watches the runtime's lifecycle: blocks on the calling thread and hands {@code listener} the
   * runtime's state when the watch begins, then each change as it comes (starting, loading the
   * model with download progress, ready, restarting, draining), so that an installer or a dashboard
   * can show them.
   *
   * <p>The watch ends:
   *
   * <ul>
   *   <li>normally, when the runtime ends the channel: it stopped (often after {@link
   *       LifecycleEvent.State#DRAINING}) or crashed; a caller that wants more watches again;
   *   <li>with {@link ErrorKind#CANCELLED} when the calling thread is interrupted; the interrupt
   *       status is kept;
   *   <li>with the listener's own exception, rethrown as is, when the listener throws.
   * </ul>
   *
   * <p>The default fails with {@link ErrorKind#UNSUPPORTED}: only runtimes that push lifecycle
   * events (the inferd daemon's admin socket) can be watched.
   *
   * @param listener receives each event, in order, on the calling thread
   * @throws InferenceException of kind {@link ErrorKind#UNSUPPORTED} when the driver cannot watch,
   *     {@link ErrorKind#CANCELLED} when interrupted, or the kind of the failure when the runtime
   *     cannot be reached
   * @since 0.2
   */
  default void watchLifecycle(LifecycleListener listener) {
    Objects.requireNonNull(listener, "listener");
    throw InferenceException.builder(
            ErrorKind.UNSUPPORTED,
            "this runtime does not report lifecycle events; poll status() or call awaitReady()"
                + " instead")
        .build();
  }
}
