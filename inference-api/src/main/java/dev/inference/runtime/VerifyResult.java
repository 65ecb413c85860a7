package dev.inference.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link RuntimeOperations#verify}: one outcome per check.
 *
 * @param outcomes the outcomes, in the order the checks ran (the order of {@link Check}'s
 *     constants)
 * @since 0.1
 */
public record VerifyResult(List<VerifyResult.Outcome> outcomes) {

  /**
   * One check's outcome.
   *
   * @param check the check
   * @param ok whether it passed
   * @param diagnostic what was observed, one sentence
   * @since 0.2
   */
  public record Outcome(Check check, boolean ok, String diagnostic) {
    /**
     * Checks the components.
     *
     * @param check the check
     * @param ok whether it passed
     * @param diagnostic what was observed
     */
    public Outcome {
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(diagnostic, "diagnostic");
    }
  }

  /**
   * Copies the outcomes.
   *
   * @param outcomes the outcomes
   */
  public VerifyResult {
    outcomes = List.copyOf(outcomes);
  }

  /**
   * Whether every check passed.
   *
   * @return {@code true} when all passed
   */
  public boolean ok() {
    return outcomes.stream().allMatch(Outcome::ok);
  }

  /**
   * The first check that failed.
   *
   * @return its outcome, or empty when all passed
   */
  public Optional<Outcome> firstFailure() {
    return outcomes.stream().filter(outcome -> !outcome.ok()).findFirst();
  }

  /**
   * {@link RuntimeOperations.ErrorClass#VERIFY_FAILED} when a check failed.
   *
   * @return the error class, or empty when all passed
   */
  public Optional<RuntimeOperations.ErrorClass> errorClass() {
    return ok() ? Optional.empty() : Optional.of(RuntimeOperations.ErrorClass.VERIFY_FAILED);
  }

  /**
   * The diagnostics of the checks, in order.
   *
   * @return one line per check: its wire name, a colon and its diagnostic ({@code runtime-ready:
   *     ollama answers at 127.0.0.1:11434})
   */
  public List<String> diagnostics() {
    return outcomes.stream()
        .map(outcome -> outcome.check().wireName() + ": " + outcome.diagnostic())
        .toList();
  }
}
