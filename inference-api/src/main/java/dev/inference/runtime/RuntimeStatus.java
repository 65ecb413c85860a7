package dev.inference.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The state of a runtime and the models it has, as {@link RuntimeOperations#status()} reports it.
 *
 * @param state the state
 * @param version the runtime's version, when it reports one
 * @param models the models present, possibly empty
 * @param diagnostics what the driver observed, one sentence each
 * @param errorClass why the runtime is not ready, when it is not
 * @since 0.1
 */
public record RuntimeStatus(
    RuntimeStatus.State state,
    Optional<String> version,
    List<ModelInfo> models,
    List<String> diagnostics,
    Optional<RuntimeOperations.ErrorClass> errorClass) {

  /** The runtime states of the BusDK contract. */
  public enum State {
    /** Not known: the runtime could not be asked. */
    UNKNOWN,
    /** Being installed. */
    INSTALLING,
    /** Answering and usable. */
    READY,
    /** Installed but failing. */
    FAILED
  }

  /**
   * One model present on a runtime.
   *
   * @param name the model's name ({@code qwen2.5-coder:14b})
   * @param sizeBytes its size on disk, when reported
   * @param digest its content digest, when reported
   */
  public record ModelInfo(String name, OptionalLong sizeBytes, Optional<String> digest) {
    /**
     * Checks the components.
     *
     * @param name the model's name
     * @param sizeBytes its size
     * @param digest its digest
     */
    public ModelInfo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sizeBytes, "sizeBytes");
      Objects.requireNonNull(digest, "digest");
    }
  }

  /**
   * Checks and copies the components.
   *
   * @param state the state
   * @param version the version
   * @param models the models
   * @param diagnostics the diagnostics
   * @param errorClass the error class
   */
  public RuntimeStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(version, "version");
    models = List.copyOf(models);
    diagnostics = List.copyOf(diagnostics);
    Objects.requireNonNull(errorClass, "errorClass");
  }

  /**
   * A ready runtime.
   *
   * @param version its version, or {@code null}
   * @param models its models
   * @return the status
   */
  public static RuntimeStatus ready(@Nullable String version, List<ModelInfo> models) {
    return new RuntimeStatus(
        State.READY, Optional.ofNullable(version), models, List.of(), Optional.empty());
  }

  /**
   * A runtime that could not be asked or failed.
   *
   * @param state {@link State#UNKNOWN} or {@link State#FAILED}
   * @param errorClass why
   * @param diagnostic what happened
   * @return the status
   */
  public static RuntimeStatus notReady(
      State state, RuntimeOperations.ErrorClass errorClass, String diagnostic) {
    return new RuntimeStatus(
        state, Optional.empty(), List.of(), List.of(diagnostic), Optional.of(errorClass));
  }

  /**
   * Whether the runtime is ready.
   *
   * @return {@code true} for {@link State#READY}
   */
  public boolean ok() {
    return state == State.READY;
  }

  /**
   * Whether a model of the given name is present; a name without a tag matches {@code :latest}.
   *
   * @param model the model name
   * @return {@code true} when present
   */
  public boolean hasModel(String model) {
    Objects.requireNonNull(model, "model");
    String wanted = model.contains(":") ? model : model + ":latest";
    return models.stream().anyMatch(m -> m.name().equals(model) || m.name().equals(wanted));
  }
}
