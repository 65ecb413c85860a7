package dev.inference.kit;

import dev.inference.InferenceException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(CallerAbort.class, "state", Object.class);
    } catch (ReflectiveOperationException impossible) {
      throw new ExceptionInInitializerError(impossible);
    }
  }

  private final Thread caller = Thread.currentThread();
  // null while the call runs, then the abort's reason or ENDED; a field, not an AtomicReference
  private volatile @Nullable Object state;
  private volatile boolean interrupted;

  /** A window for a call that blocks on the current thread, which it will interrupt. */
  public CallerAbort() {}

  /**
   * Aborts the call with {@code reason}, unless it has ended or another abort came first.
   *
   * @param reason what the caller will throw
   */
  public void abort(InferenceException reason) {
    if (STATE.compareAndSet(this, null, reason)) {
      caller.interrupt();
      interrupted = true;
    }
  }

  /**
   * Ends the call, on the caller's thread; later aborts do nothing. Call exactly once.
   *
   * @return the reason the call was aborted with, or {@code null} if it was not; when it was, the
   *     interrupt this class sent has been cleared
   */
  public @Nullable InferenceException end() {
    if (STATE.compareAndSet(this, null, ENDED)) {
      return null;
    }
    Object reason = state;
    while (!interrupted) {
      Thread.onSpinWait(); // the aborting thread is between its CAS and interrupt()
    }
    Thread.interrupted();
    return (InferenceException) reason;
  }
}
