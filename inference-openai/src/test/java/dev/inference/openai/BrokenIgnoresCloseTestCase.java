package dev.inference.openai;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.spi.ProviderSettings;

/** Streams whose close() does nothing: the call goes on on the wire. */
class BrokenIgnoresCloseTestCase extends BrokenDrivers.BrokenKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.Forwarding(real) {
      @Override
      public InferenceStream stream(InferenceRequest request) {
        return InferenceStream.of(real.stream(request).iterator(), () -> {});
      }
    };
  }
}
