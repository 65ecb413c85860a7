package dev.inference.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake clock and a scheduler on it, for tests that must not wait: a task scheduled less than
 * {@link #FAST_FORWARD} ahead (a retry's wait) runs at once, on the scheduling thread, after the
 * clock jumped to its due time; a task further ahead (a call's total deadline) waits until it is
 * cancelled, since nothing in these tests lets that much time pass.
 */
final class FakeTime {

  static final Duration FAST_FORWARD = Duration.ofMinutes(1);

  private final AtomicLong nanos = new AtomicLong();
  private final Instant origin = Instant.parse("2026-01-01T00:00:00Z");

  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
          return origin.plusNanos(nanos.get());
        }
      };

  final ScheduledExecutorService scheduler = new Scheduler();

  /** How far the clock has moved. */
  Duration elapsed() {
    return Duration.ofNanos(nanos.get());
  }

  private final class Scheduler extends AbstractExecutorService
      implements ScheduledExecutorService {
    private volatile boolean shutdown;

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return schedule(
          () -> {
            command.run();
            return null;
          },
          delay,
          unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      long delayNanos = unit.toNanos(delay);
      Task<V> task = new Task<>(nanos.get() + delayNanos);
      if (delayNanos < FAST_FORWARD.toNanos()) {
        nanos.accumulateAndGet(task.due, Math::max);
        try {
          task.value = callable.call();
        } catch (Exception failed) {
          task.failure = failed;
        }
        task.done = true;
      }
      return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutdown;
    }
  }

  private final class Task<V> implements ScheduledFuture<V> {
    final long due;
    volatile boolean done;
    volatile boolean cancelled;
    volatile V value;
    volatile Exception failure;

    Task(long due) {
      this.due = due;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - nanos.get(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (done) {
        return false;
      }
      cancelled = true;
      done = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done;
    }

    @Override
    public V get() {
      if (!done) {
        throw new IllegalStateException("a fake task this far ahead never runs");
      }
      return value;
    }

    @Override
    public V get(long timeout, TimeUnit unit) {
      return get();
    }
  }
}
