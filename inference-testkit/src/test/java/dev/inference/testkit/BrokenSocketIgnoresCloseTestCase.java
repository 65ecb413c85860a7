package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.ProviderSettings;
import dev.inference.spi.InferenceStreams;

/** A socket driver whose streams ignore close(): the connection stays open, the call goes on. */
class BrokenSocketIgnoresCloseTestCase extends BrokenDrivers.BrokenSocketKit {
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
