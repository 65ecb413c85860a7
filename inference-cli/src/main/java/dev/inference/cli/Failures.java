package dev.inference.cli;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;

/** Small helpers for failures shown to a user. */
final class Failures {

  private Failures() {}

  /** The same failure with a longer message. */
  static InferenceException withAdvice(InferenceException failure, String advice) {
    InferenceException.Builder builder =
        InferenceException.builder(failure.kind(), failure.getMessage() + " " + advice)
            .retryable(failure.isRetryable());
    if (failure.getCause() != null) {
      builder.cause(failure.getCause());
    }
    failure.httpStatus().ifPresent(builder::httpStatus);
    failure.providerCode().ifPresent(builder::providerCode);
    failure.retryAfter().ifPresent(builder::retryAfter);
    failure.partialText().ifPresent(builder::partialText);
    failure.requestId().ifPresent(builder::requestId);
    failure.providerName().ifPresent(builder::providerName);
    failure.responseBody().ifPresent(builder::responseBody);
    failure.timeoutPhase().ifPresent(builder::timeoutPhase);
    return builder.build();
  }

  /** Whether the failure means nothing answered at the endpoint. */
  static boolean unreachable(InferenceException failure) {
    return failure.kind() == ErrorKind.TRANSPORT && failure.httpStatus().isEmpty();
  }
}
