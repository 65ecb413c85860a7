package dev.inference.benchmarks;

import dev.inference.benchmarks.contenders.Contender;
import dev.inference.benchmarks.contenders.Contenders;
import dev.inference.stub.Dialect;
import dev.inference.stub.StubServer;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The stub in a JVM of its own ({@link BenchStub} with {@code -Dbench.stub=jvm}): warms itself up,
 * prints its chat endpoint, serves until its standard input ends, then stops.
 *
 * <p>The warm-up: for {@code -Dbench.stub.warmup} seconds (default 3; 0 for none) the raw client of
 * the dialect calls the stub with the benchmark's own reply, so that the stub's code is compiled
 * before the contender's first call. A stub started cold spent the contender's warm-up compiling
 * itself on the same two cores, and every contender of the short profile was measured against a
 * stub still being compiled (bench/notes.md, "Steady state").
 */
public final class StubMain {

  /** What the line naming the chat endpoint starts with. */
  static final String ENDPOINT = "bench-stub-endpoint: ";

  private StubMain() {}

  /**
   * Serves.
   *
   * @param args the dialect's name and the reply spec of {@link BenchStub#start}
   * @throws IOException if standard input fails
   */
  public static void main(String[] args) throws IOException {
    Dialect dialect = Dialect.valueOf(args[0]);
    try (StubServer stub = Fixtures.stub(dialect, BenchStub.reply(args[1]))) {
      warmUp(dialect, args[1], stub.chatEndpoint());
      System.out.println(ENDPOINT + stub.chatEndpoint());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the benchmark closes our input
      }
    }
    System.exit(0);
  }

  /** The seconds of the warm-up: {@code -Dbench.stub.warmup}, 3 when it is not set. */
  static long warmUpSeconds() {
    return Long.getLong("bench.stub.warmup", 3);
  }

  /** Calls the stub with the raw client of its dialect, as the benchmark will, for a while. */
  private static void warmUp(Dialect dialect, String spec, URI endpoint) {
    long nanos = TimeUnit.SECONDS.toNanos(warmUpSeconds());
    if (nanos <= 0) {
      return;
    }
    String kind = spec.split(":")[0];
    long until = System.nanoTime() + nanos;
    try (Contender raw =
        Contenders.create("raw-" + dialect.name().toLowerCase(Locale.ROOT), endpoint)) {
      while (System.nanoTime() < until) {
        switch (kind) {
          case "stream" -> raw.stream();
          case "json" -> raw.json();
          default -> raw.chat();
        }
      }
    }
  }
}
