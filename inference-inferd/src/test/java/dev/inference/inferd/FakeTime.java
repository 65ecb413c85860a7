package dev.inference.inferd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake clock and a scheduler on it: a task due within {@link #FAST_FORWARD} runs at once on the
 * scheduling thread after the clock jumped to its due time (a backoff's wait), one further ahead
 * never runs (a call's deadline); and {@link #at} lets a test make something happen when the clock
 * passes a time, such as a socket appearing.
 */
final class FakeTime {

  static final Duration FAST_FORWARD = Duration.ofSeconds(30);

  private final AtomicLong nanos = new AtomicLong();
  private volatile long eventAt = Long.MAX_VALUE;
  private volatile Runnable event = () -> {};

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
          return Instant.EPOCH.plusNanos(nanos.get());
        }
      };

  final ScheduledExecutorService scheduler = new Scheduler();

  /** Runs {@code action} once, when the clock first reaches {@code time}. */
  void at(Duration time, Runnable action) {
    event = action;
    eventAt = time.toNanos();
  }

  private void advanceTo(long due) {
    nanos.accumulateAndGet(due, Math::max);
    if (nanos.get() >= eventAt) {
      eventAt = Long.MAX_VALUE;
      event.run();
    }
  }

  private final class Scheduler extends AbstractExecutorService
      implements ScheduledExecutorService {
    private volatile boolean shutdown;

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return schedule(java.util.concurrent.Executors.callable(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      long delayNanos = unit.toNanos(delay);
      long due = nanos.get() + delayNanos;
      CompletableFuture<V> result = new CompletableFuture<>();
      if (delayNanos < FAST_FORWARD.toNanos()) {
        advanceTo(due);
        try {
          result.complete(callable.call());
        } catch (Exception failed) {
          result.completeExceptionally(failed);
        }
      }
      return new Task<>(result, due);
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

  /** A scheduled task: its result, or never done when it was too far ahead. */
  private final class Task<V> implements ScheduledFuture<V> {
    private final CompletableFuture<V> result;
    private final long due;

    Task(CompletableFuture<V> result, long due) {
      this.result = result;
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
      return result.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
      return result.isCancelled();
    }

    @Override
    public boolean isDone() {
      return result.isDone();
    }

    @Override
    public V get() {
      return result.getNow(null);
    }

    @Override
    public V get(long timeout, TimeUnit unit) {
      return get();
    }
  }
}
