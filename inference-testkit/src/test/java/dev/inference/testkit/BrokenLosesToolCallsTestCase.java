package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.ProviderSettings;

/** Answers of infer() without their tool calls, finish reason kept: the calls are lost. */
class BrokenLosesToolCallsTestCase extends BrokenDrivers.BrokenToolKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.Forwarding(real) {
      @Override
      public InferenceResponse infer(InferenceRequest request) {
        return BrokenDrivers.copy(real.infer(request), true, true);
      }
    };
  }
}
