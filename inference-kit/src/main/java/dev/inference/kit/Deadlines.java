package dev.inference.kit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The total deadlines of one pipeline's calls in flight, on a single timer. A deadline is put on
 * the scheduler only when it is earlier than the one already there; when that one fires it ends
 * every call that is due and arms itself for the earliest of the rest. Calls with the usual timeout
 * so wake the timer's thread about once per timeout, not once per call: scheduling a task that
 * becomes the earliest wakes a {@code ScheduledThreadPoolExecutor}'s waiting thread, and a call per
 * deadline cost one context switch more per call than the raw baseline (bench/notes.md).
 *
 * <p>Thread-safe.
 */
final class Deadlines {

  private static final long NONE = Long.MAX_VALUE;

  private final ScheduledExecutorService scheduler;
  private final Ticker ticker;
  private final Set<Entry> pending = ConcurrentHashMap.newKeySet();
  private final AtomicLong armedAt = new AtomicLong(NONE);
  private volatile @Nullable ScheduledFuture<?> armed;

  Deadlines(ScheduledExecutorService scheduler, Ticker ticker) {
    this.scheduler = scheduler;
    this.ticker = ticker;
  }

  /**
   * One call's deadline; {@link #remove} it when the call ends first. A call's own object may be
   * its entry (one object per call instead of an entry and a task).
   */
  abstract static class Entry {
    private final long deadlineNanos;

    Entry(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    /** The deadline passed: runs on the scheduler's thread, at most once. */
    abstract void expire();
  }

  /**
   * Calls {@link Entry#expire()} on the scheduler's thread when the ticker reaches its deadline,
   * unless the entry is removed first.
   *
   * @return the entry
   * @throws RejectedExecutionException if the scheduler takes no more tasks (it is shut down)
   */
  Entry add(Entry entry) {
    long deadlineNanos = entry.deadlineNanos;
    pending.add(entry);
    try {
      arm(deadlineNanos);
    } catch (RejectedExecutionException closed) {
      pending.remove(entry);
      throw closed;
    }
    return entry;
  }

  /** Forgets a deadline whose call ended; the timer stays armed, and finds nothing due. */
  void remove(Entry entry) {
    pending.remove(entry);
  }

  /** Cancels the armed timer, so that a scheduler the pipeline does not own keeps nothing of it. */
  void close() {
    ScheduledFuture<?> timer = armed;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void arm(long deadlineNanos) {
    while (true) {
      long at = armedAt.get();
      if (at <= deadlineNanos) {
        return; // the armed timer fires first, and arms itself for this one if it is still pending
      }
      if (armedAt.compareAndSet(at, deadlineNanos)) {
        try {
          armed =
              scheduler.schedule(
                  new Fire(this, deadlineNanos),
                  deadlineNanos - ticker.nanos(),
                  TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
          armedAt.compareAndSet(deadlineNanos, NONE);
          throw closed;
        }
        return;
      }
    }
  }

  /**
   * Ends the calls that are due and arms the timer for the earliest of the others.
   *
   * @param at when this timer was armed for: calls due by then are due, whatever the ticker says
   */
  private void fire(long at) {
    // first forget the timer: a call added from here on arms its own
    armedAt.set(NONE);
    long now = Math.max(ticker.nanos(), at);
    long next = NONE;
    for (Entry entry : pending) {
      if (entry.deadlineNanos <= now) {
        if (pending.remove(entry)) {
          entry.expire();
        }
      } else if (entry.deadlineNanos < next) {
        next = entry.deadlineNanos;
      }
    }
    if (next != NONE) {
      try {
        arm(next);
      } catch (RejectedExecutionException closed) {
        // the scheduler is shut down: the pipeline is closed, and close() ended its calls
      }
    }
  }

  /** The timer's task: a class, so that the way to a first call links no lambda. */
  private static final class Fire implements Runnable {
    private final Deadlines deadlines;
    private final long at;

    Fire(Deadlines deadlines, long at) {
      this.deadlines = deadlines;
      this.at = at;
    }

    @Override
    public void run() {
      deadlines.fire(at);
    }
  }
}
