package dev.inference.stub;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The signal a closing {@link StubServer} gives the replies it holds back (stalls, pauses). */
final class Closing {

  private final CountDownLatch closing = new CountDownLatch(1);

  /** Signals that the server is closing; waiting replies end. */
  void signal() {
    closing.countDown();
  }

  /**
   * Waits until the server closes, or for the pause when one is given.
   *
   * @return whether the server is closing
   */
  boolean await(@Nullable Duration pause) {
    try {
      if (pause == null) {
        closing.await();
        return true;
      }
      return closing.await(pause.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
