package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import java.util.List;

/** Reports zero usage when the provider sent none. */
class BrokenInventsZeroUsageTestCase extends BrokenDrivers.BrokenKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.RewritingEvents(
        real,
        event ->
            List.of(
                event instanceof StreamEvent.Completed done
                    ? new StreamEvent.Completed(invent(done.response()))
                    : event)) {
      @Override
      public InferenceResponse infer(InferenceRequest request) {
        return invent(real.infer(request));
      }
    };
  }

  private static InferenceResponse invent(InferenceResponse response) {
    return response.usage().isPresent()
        ? response
        : response.toBuilder().usage(BrokenDrivers.zeroUsage()).build();
  }
}
