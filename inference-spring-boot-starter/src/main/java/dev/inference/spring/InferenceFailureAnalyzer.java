package dev.inference.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InferenceConfigurationException} as Spring Boot's start-up report: the problems
 * as the description and what to change as the action, without a stack trace.
 *
 * @since 0.2
 */
public final class InferenceFailureAnalyzer
    extends AbstractFailureAnalyzer<InferenceConfigurationException> {

  /** The analyzer, created by Spring Boot from {@code META-INF/spring.factories}. */
  public InferenceFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable root, InferenceConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
