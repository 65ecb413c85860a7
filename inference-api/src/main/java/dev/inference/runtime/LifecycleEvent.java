package dev.inference.runtime;

import dev.inference.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One lifecycle event of a runtime, as {@link RuntimeOperations#watchLifecycle} reports it: the
 * runtime's state, the phase of its work, download progress, and every other detail it sent. A
 * state or phase the library does not know is kept as the runtime sent it ({@link State#UNKNOWN}
 * with {@link #status()} raw): runtimes add states over time, and a watcher must not fail on one.
 *
 * @param state the state, {@link State#UNKNOWN} for a status the library does not know
 * @param status the status as the runtime sent it ({@code loading_model}), never {@code null}
 * @param phase the phase of the state's work ({@code download}, {@code mmap}), when sent
 * @param downloadedBytes the bytes of the model downloaded so far, when sent
 * @param totalBytes the model's size in bytes, when known
 * @param details the event's other keys, as a JSON object (empty when there are none): {@code
 *     source_url}, {@code path}, {@code n_ctx} and whatever a later runtime adds
 * @since 0.2
 */
public record LifecycleEvent(
    LifecycleEvent.State state,
    String status,
    Optional<String> phase,
    OptionalLong downloadedBytes,
    OptionalLong totalBytes,
    JsonValue.ObjectValue details) {

  /** The states of a runtime's life, in the order a start goes through them. */
  public enum State {
    /** The runtime process is starting. */
    STARTING,
    /** The runtime is finding, downloading, checking or loading its model. */
    LOADING_MODEL,
    /** The runtime answers calls. */
    READY,
    /** The runtime is restarting its backend; calls are refused meanwhile. */
    RESTARTING,
    /** The runtime is shutting down: it finishes what it has and takes nothing new. */
    DRAINING,
    /** A status the library does not know; {@link #status()} has it as sent. */
    UNKNOWN;

    /**
     * The state of a status as runtimes write it: the constant's name in lower case ({@code
     * loading_model}); any other text is {@link #UNKNOWN}.
     *
     * @param status the status
     * @return the state, never {@code null}
     */
    public static State fromStatus(String status) {
      Objects.requireNonNull(status, "status");
      String wanted = status.strip().toUpperCase(Locale.ROOT);
      for (State state : values()) {
        if (state != UNKNOWN && state.name().equals(wanted)) {
          return state;
        }
      }
      return UNKNOWN;
    }
  }

  /**
   * Checks the components.
   *
   * @param state the state
   * @param status the raw status
   * @param phase the phase
   * @param downloadedBytes the bytes downloaded
   * @param totalBytes the total bytes
   * @param details the other keys
   */
  public LifecycleEvent {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(downloadedBytes, "downloadedBytes");
    Objects.requireNonNull(totalBytes, "totalBytes");
    Objects.requireNonNull(details, "details");
  }

  /**
   * An event with only a status, for a runtime that sent nothing more.
   *
   * @param status the status as the runtime sent it
   * @return the event, its state read by {@link State#fromStatus}
   */
  public static LifecycleEvent of(String status) {
    return new LifecycleEvent(
        State.fromStatus(status),
        status,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        new JsonValue.ObjectValue(Map.of()));
  }
}
