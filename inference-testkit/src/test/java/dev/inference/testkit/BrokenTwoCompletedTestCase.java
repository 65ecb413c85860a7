package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import java.util.List;

/**
 * Emits two Completed events: one as soon as the text is complete, before the provider's finish
 * reason and usage, and the real one after it. InferenceStream ends a stream at its first
 * Completed, so callers (and the kit) get the early one.
 */
class BrokenTwoCompletedTestCase extends BrokenDrivers.BrokenKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.RewritingEvents(
        real,
        event ->
            event instanceof StreamEvent.Completed done
                ? List.of(
                    new StreamEvent.Completed(BrokenDrivers.copy(done.response(), false, false)),
                    event)
                : List.of(event));
  }
}
