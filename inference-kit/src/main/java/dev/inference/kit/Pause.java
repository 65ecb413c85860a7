package dev.inference.kit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits on the calling thread for a time measured by a scheduler, never by {@code Thread.sleep}:
 * with the driver context's scheduler, a test's fake one makes the wait instant.
 *
 * @since 0.2
 */
public final class Pause {

  private Pause() {}

  /**
   * Waits until the scheduler has let {@code nanos} pass.
   *
   * @param scheduler the scheduler that measures the wait
   * @param nanos how long, in nanoseconds
   * @throws InterruptedException if the thread is interrupted while it waits
   * @throws RejectedExecutionException if the scheduler is shut down (its client was closed)
   */
  public static void on(ScheduledExecutorService scheduler, long nanos)
      throws InterruptedException {
    CountDownLatch waited = new CountDownLatch(1);
    scheduler.schedule(waited::countDown, nanos, TimeUnit.NANOSECONDS);
    waited.await();
  }
}
