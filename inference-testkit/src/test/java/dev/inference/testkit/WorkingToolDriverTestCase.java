package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;

/** {@link ToolDriver} as it is: it passes sections 15 and 16, so their failures are the breaks'. */
class WorkingToolDriverTestCase extends BrokenDrivers.BrokenToolKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return real;
  }
}
