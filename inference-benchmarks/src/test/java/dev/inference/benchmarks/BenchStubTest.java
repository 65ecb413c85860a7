package dev.inference.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.benchmarks.contenders.Contender;
import dev.inference.benchmarks.contenders.Contenders;
import dev.inference.stub.Dialect;
import org.junit.jupiter.api.Test;

/** The stub in a JVM of its own serves the contenders as the stub in this JVM does. */
class BenchStubTest {

  @Test
  void aStubInItsOwnJvmAnswersAndEndsWhenClosed() {
    String before = System.getProperty("bench.stub");
    System.setProperty("bench.stub", "jvm");
    try {
      for (Dialect dialect : new Dialect[] {Dialect.OPENAI, Dialect.INFERD}) {
        String raw = dialect == Dialect.OPENAI ? "raw-openai" : "raw-inferd";
        try (BenchStub stub = BenchStub.start(dialect, "stream:0:10");
            Contender contender = Contenders.create(raw, stub.chatEndpoint())) {
          assertThat(BenchStub.ownJvm()).isTrue();
          assertThat(contender.stream()).isEqualTo(10L * Fixtures.DELTA.length());
        }
      }
    } finally {
      if (before == null) {
        System.clearProperty("bench.stub");
      } else {
        System.setProperty("bench.stub", before);
      }
    }
  }
}
