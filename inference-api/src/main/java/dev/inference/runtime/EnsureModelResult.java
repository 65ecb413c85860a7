package dev.inference.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link RuntimeOperations#ensureModel}: what was planned or done, and why not.
 *
 * @param ok whether the model is present (or, in a dry run, whether the plan can be carried out)
 * @param dryRun whether nothing was changed on purpose
 * @param actions the actions planned or taken ({@code ensure-model}, {@code pull qwen2.5:7b})
 * @param diagnostics what was observed, one sentence each
 * @param errorClass why it is not ok
 * @since 0.1
 */
public record EnsureModelResult(
    boolean ok,
    boolean dryRun,
    List<String> actions,
    List<String> diagnostics,
    Optional<RuntimeOperations.ErrorClass> errorClass) {

  /**
   * Checks and copies the components.
   *
   * @param ok whether it is ok
   * @param dryRun whether it was a dry run
   * @param actions the actions
   * @param diagnostics the diagnostics
   * @param errorClass the error class
   */
  public EnsureModelResult {
    actions = List.copyOf(actions);
    diagnostics = List.copyOf(diagnostics);
    Objects.requireNonNull(errorClass, "errorClass");
    if (ok == errorClass.isPresent()) {
      throw new IllegalArgumentException(
          "an ok result has no error class and a failed one has one, but ok was "
              + ok
              + " and errorClass "
              + errorClass);
    }
  }

  /**
   * A failed result.
   *
   * @param dryRun whether it was a dry run
   * @param errorClass why
   * @param diagnostic what happened
   * @return the result
   */
  public static EnsureModelResult failed(
      boolean dryRun, RuntimeOperations.ErrorClass errorClass, String diagnostic) {
    return new EnsureModelResult(
        false, dryRun, List.of(), List.of(diagnostic), Optional.of(errorClass));
  }
}
