package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import java.util.List;

/** Streams no ToolCallDelta events and a Completed without the calls: fragments never assembled. */
class BrokenLosesStreamedToolCallsTestCase extends BrokenDrivers.BrokenToolKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.RewritingEvents(
        real,
        event -> {
          if (event instanceof StreamEvent.ToolCallDelta) {
            return List.of();
          }
          return List.of(
              event instanceof StreamEvent.Completed done
                  ? new StreamEvent.Completed(BrokenDrivers.copy(done.response(), true, true))
                  : event);
        });
  }
}
