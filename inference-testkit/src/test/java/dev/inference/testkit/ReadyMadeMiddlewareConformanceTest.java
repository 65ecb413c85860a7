package dev.inference.testkit;

import dev.inference.Middleware;
import dev.inference.RedactingLogger;
import dev.inference.RequestDefaults;
import dev.inference.ResponseCache;
import org.junit.jupiter.api.Nested;

/** The ready-made middleware keep the rules of section 17. */
class ReadyMadeMiddlewareConformanceTest {

  @Nested
  class Defaults extends MiddlewareConformanceKit {
    @Override
    protected Middleware middleware() {
      return RequestDefaults.builder()
          .temperature(0.4)
          .maxOutputTokens(64)
          .systemPromptPrefix("Be brief.")
          .build();
    }
  }

  @Nested
  class Cache extends MiddlewareConformanceKit {
    @Override
    protected Middleware middleware() {
      return ResponseCache.inMemory(8);
    }
  }

  @Nested
  class Logger extends MiddlewareConformanceKit {
    @Override
    protected Middleware middleware() {
      return RedactingLogger.atDebug();
    }
  }

  @Nested
  class PassThrough extends MiddlewareConformanceKit {
    @Override
    protected Middleware middleware() {
      return new Middleware() {};
    }
  }
}
