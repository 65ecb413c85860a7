package dev.inference.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link RuntimeOperations#verify}: one result per check.
 *
 * @param checks the results, in the order the checks ran
 * @since 0.1
 */
public record VerifyResult(List<VerifyResult.Check> checks) {

  /**
   * One check's outcome.
   *
   * @param name the check's name ({@code runtime-ready})
   * @param ok whether it passed
   * @param diagnostic what was observed, one sentence
   */
  public record Check(String name, boolean ok, String diagnostic) {
    /**
     * Checks the components.
     *
     * @param name the check's name
     * @param ok whether it passed
     * @param diagnostic what was observed
     */
    public Check {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(diagnostic, "diagnostic");
    }
  }

  /**
   * Copies the results.
   *
   * @param checks the results
   */
  public VerifyResult {
    checks = List.copyOf(checks);
  }

  /**
   * Whether every check passed.
   *
   * @return {@code true} when all passed
   */
  public boolean ok() {
    return checks.stream().allMatch(Check::ok);
  }

  /**
   * The first check that failed.
   *
   * @return the check, or empty when all passed
   */
  public Optional<Check> firstFailure() {
    return checks.stream().filter(check -> !check.ok()).findFirst();
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
   * @return one line per check: {@code name: diagnostic}
   */
  public List<String> diagnostics() {
    return checks.stream().map(check -> check.name() + ": " + check.diagnostic()).toList();
  }
}
