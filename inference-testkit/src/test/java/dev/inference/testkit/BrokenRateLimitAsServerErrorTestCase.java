package dev.inference.testkit;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;

/** Maps HTTP 429 (RATE_LIMITED) to SERVER_ERROR. */
class BrokenRateLimitAsServerErrorTestCase extends BrokenDrivers.BrokenKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.RewritingFailures(
        real,
        failure ->
            failure.kind() == ErrorKind.RATE_LIMITED
                ? BrokenDrivers.rebuild(failure, ErrorKind.SERVER_ERROR, failure.getMessage())
                : failure);
  }
}
