package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;

/** Puts the API key in the message of every failure. */
class BrokenLeaksKeyTestCase extends BrokenDrivers.BrokenKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    String key = settings.apiKey().orElseThrow().reveal();
    return new BrokenDrivers.RewritingFailures(
        real,
        failure ->
            BrokenDrivers.rebuild(
                failure, failure.kind(), failure.getMessage() + " (sent with key " + key + ")"));
  }
}
