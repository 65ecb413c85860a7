package dev.inference.cli;

import dev.inference.Capabilities;
import dev.inference.Inference;
import dev.inference.ProviderDescription;
import java.nio.charset.StandardCharsets;

/**
 * Work that {@code run} does on a second thread while the main one reads and parses the config:
 * finding and initialising the installed drivers, and the first decode of a request line and encode
 * of a {@code describe} answer. A host waits for that first answer before it sends any work, the
 * TOML parse is the longest step before it, and the machine has more than one core; what this
 * thread initialises, the main thread then finds ready. Nothing it does is kept, and its failures
 * are left to the real work, which reports them.
 */
final class WarmUp implements Runnable {

  private static final byte[] DESCRIBE =
      "{\"request_id\":\"warm-up\",\"type\":\"describe\"}".getBytes(StandardCharsets.UTF_8);

  private WarmUp() {}

  /** Starts the warm-up on a daemon thread, which never delays the exit. */
  static void start() {
    Thread thread = new Thread(new WarmUp(), "inference-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    try {
      Inference.drivers();
      RequestDecoder.decode(DESCRIBE, DESCRIBE.length);
      Protocol.describe(
          "warm-up",
          "warm-up",
          new ProviderDescription(
              "warm-up",
              "warm-up",
              "warm-up",
              "http://127.0.0.1/",
              Capabilities.builder().build()));
    } catch (RuntimeException | Protocol.DecodeException leftToTheRealWork) {
      // the real work meets the same failure and reports it
    }
  }
}
