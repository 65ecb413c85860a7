package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.ProviderSettings;
import dev.inference.spi.InferenceStreams;

/** Streams whose close() does nothing: the call goes on on the wire. */
class BrokenIgnoresCloseTestCase extends BrokenDrivers.BrokenKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.Forwarding(real) {
      @Override
      public InferenceStream stream(InferenceRequest request) {
        return InferenceStreams.of(real.stream(request).iterator(), () -> {});
      }
    };
  }
}
