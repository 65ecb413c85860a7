package dev.inference.testkit.internal;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Puts the rule (its number and sentence, from the display name) in front of every failure, so a
 * report reads "rule 8.2 a stream ends with exactly one Completed ...: expected ...".
 */
public final class RuleReporter implements TestExecutionExceptionHandler {

  /** For JUnit. */
  public RuleReporter() {}

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (failure instanceof TestAbortedException) {
      throw failure;
    }
    String message =
        "rule "
            + context.getDisplayName()
            + ": "
            + (failure instanceof AssertionError
                ? String.valueOf(failure.getMessage()).strip()
                : "the driver threw " + failure);
    AssertionError reported = new AssertionError(message, failure);
    throw reported;
  }
}
