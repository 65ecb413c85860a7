package dev.inference.benchmarks;

import dev.inference.stub.Dialect;
import dev.inference.stub.StubServer;
import java.io.IOException;

/**
 * The stub in a JVM of its own ({@link BenchStub} with {@code -Dbench.stub=jvm}): prints its chat
 * endpoint, serves until its standard input ends, then stops.
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
    try (StubServer stub = Fixtures.stub(Dialect.valueOf(args[0]), BenchStub.reply(args[1]))) {
      System.out.println(ENDPOINT + stub.chatEndpoint());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the benchmark closes our input
      }
    }
    System.exit(0);
  }
}
