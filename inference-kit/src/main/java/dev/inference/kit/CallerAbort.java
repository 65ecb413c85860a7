package dev.inference.kit;

import dev.inference.InferenceException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Stops a blocking call that runs on its caller's thread, from another thread (the deadline's
 * timer, {@code close()}): the first {@link #abort} wins and interrupts the caller, whose blocking
 * {@code HttpClient.send} then cancels the exchange. {@link #end()} closes the window; an interrupt
 * this class sent is absorbed there, so none is ever left behind on the caller's thread.
 *
 * <p>One instance per call, created on the caller's thread.
 *
 * @since 0.2
 */
public final class CallerAbort {

  private static final Object ENDED = new Object();

  private final Thread caller = Thread.currentThread();
  private final AtomicReference<@Nullable Object> state = new AtomicReference<>();
  private volatile boolean interrupted;
  private Runnable onEnd = () -> {};

  /** A window for a call that blocks on the current thread, which it will interrupt. */
  public CallerAbort() {}

  /**
   * Aborts the call with {@code reason}, unless it has ended or another abort came first.
   *
   * @param reason what the caller will throw
   */
  public void abort(InferenceException reason) {
    if (state.compareAndSet(null, reason)) {
      caller.interrupt();
      interrupted = true;
    }
  }

  /**
   * Runs {@code cleanup} when the call ends (disarms what could abort it).
   *
   * @param cleanup run by {@link #end()}, on the caller's thread
   */
  public void whenEnded(Runnable cleanup) {
    onEnd = cleanup;
  }

  /**
   * Ends the call, on the caller's thread; later aborts do nothing. Call exactly once.
   *
   * @return the reason the call was aborted with, or {@code null} if it was not; when it was, the
   *     interrupt this class sent has been cleared
   */
  public @Nullable InferenceException end() {
    onEnd.run();
    if (state.compareAndSet(null, ENDED)) {
      return null;
    }
    Object reason = state.get();
    while (!interrupted) {
      Thread.onSpinWait(); // the aborting thread is between its CAS and interrupt()
    }
    Thread.interrupted();
    return (InferenceException) reason;
  }
}
