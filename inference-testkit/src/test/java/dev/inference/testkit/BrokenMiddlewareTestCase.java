package dev.inference.testkit;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.Middleware;
import dev.inference.spi.InferenceStreams;
import org.junit.jupiter.api.Nested;

/** Middleware broken on purpose, for {@link MiddlewareConformanceKitSelfTest}; not run alone. */
class BrokenMiddlewareTestCase {

  /** Streams whose close() never reaches the wrapped stream. */
  @Nested
  class IgnoresClose extends MiddlewareConformanceKit {
    @Override
    protected Middleware middleware() {
      return new Middleware() {
        @Override
        public InferenceStream wrapStream(InferenceRequest request, Next<InferenceStream> next) {
          return InferenceStreams.of(next.call(request).iterator(), () -> {});
        }
      };
    }
  }

  /** Turns every blocking failure into UNAVAILABLE. */
  @Nested
  class HidesTheKind extends MiddlewareConformanceKit {
    @Override
    protected Middleware middleware() {
      return new Middleware() {
        @Override
        public InferenceResponse wrapInfer(InferenceRequest request, Next<InferenceResponse> next) {
          try {
            return next.call(request);
          } catch (InferenceException failure) {
            throw InferenceException.builder(ErrorKind.UNAVAILABLE, "try later").build();
          }
        }
      };
    }
  }
}
