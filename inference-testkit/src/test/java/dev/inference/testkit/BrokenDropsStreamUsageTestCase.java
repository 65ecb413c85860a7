package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import java.util.List;

/** Drops the usage from the Completed event of every stream. */
class BrokenDropsStreamUsageTestCase extends BrokenDrivers.BrokenKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.RewritingEvents(
        real,
        event ->
            List.of(
                event instanceof StreamEvent.Completed done
                    ? new StreamEvent.Completed(BrokenDrivers.copy(done.response(), false, true))
                    : event));
  }
}
