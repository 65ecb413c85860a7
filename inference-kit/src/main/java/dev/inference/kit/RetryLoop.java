package dev.inference.kit;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one retry loop of a call, whatever the call's shape: a blocking call, an asynchronous call
 * and a stream (before its first event) all run their attempts through it. Each attempt is admitted
 * by the rate limiter and the circuit breaker, its outcome is recorded with the breaker, and a
 * failure is retried when {@link Resilience} says so, after the delay it gives ({@code
 * Retry-After}, or backoff with jitter); the listener hears of every retry.
 *
 * <p>An attempt returns a future. A blocking attempt returns one already done, and then the loop
 * runs on the caller's thread and waits there between attempts; an asynchronous attempt returns one
 * that completes later, and then the loop goes on when it does and waits on the scheduler. The wait
 * is always measured by the scheduler, so a fake scheduler and clock make retries instant in tests.
 *
 * <p>One loop per call. Not thread-safe except for {@link #stop()}.
 *
 * @param <T> what a successful attempt yields
 * @since 0.2
 */
public final class RetryLoop<T> {

  /** One attempt of the call. */
  @FunctionalInterface
  public interface Attempt<T> {
    /**
     * Starts one attempt.
     *
     * @return its outcome: done at once for a blocking attempt, later for an asynchronous one
     * @throws InferenceException when the attempt fails before it could return a future
     */
    CompletableFuture<T> start();
  }

  private final Resilience resilience;
  private final InferenceRequest request;
  private final InferenceListener listener;
  private final long deadlineNanos;
  private final Attempt<T> attempt;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final boolean recordSuccess;
  private volatile boolean stopped;
  private boolean async;
  private long lastAdmitted;
  // made at the first failure: a call that succeeds at once needs no retry plan
  private Resilience.@Nullable Attempts plan;
  // set by run(), retryAfter() and runAsync(), before any attempt
  private CompletableFuture<T> result;

  /**
   * A loop for one call.
   *
   * @param resilience the client's policies
   * @param request the call
   * @param listener the call's listener ({@link InferenceListener#forCall}), told of each retry
   * @param deadlineNanos the call's total deadline, in the units of the resilience's {@link
   *     Ticker}: no retry starts after it
   * @param attempt starts one attempt
   * @param scheduler measures the waits between attempts
   * @param executor runs an asynchronous call's next attempt, never the scheduler's thread
   * @param recordSuccess whether a successful attempt is recorded with the breaker at once; a
   *     stream records its outcome when it ends, and says when its first event was delivered
   *     ({@link #delivered()})
   */
  public RetryLoop(
      Resilience resilience,
      InferenceRequest request,
      InferenceListener listener,
      long deadlineNanos,
      Attempt<T> attempt,
      ScheduledExecutorService scheduler,
      Executor executor,
      boolean recordSuccess) {
    this.resilience = Objects.requireNonNull(resilience, "resilience");
    this.request = Objects.requireNonNull(request, "request");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.deadlineNanos = deadlineNanos;
    this.attempt = Objects.requireNonNull(attempt, "attempt");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.recordSuccess = recordSuccess;
  }

  /**
   * Runs a blocking call: attempts on this thread until one succeeds or a failure is final.
   *
   * @return the first successful attempt's outcome
   * @throws InferenceException the final failure; CANCELLED when this thread is interrupted while
   *     it waits to retry (the interrupt stays set)
   */
  public T run() {
    async = false;
    result = new CompletableFuture<>();
    drive();
    return outcome();
  }

  /**
   * Goes on with a blocking call whose last successful attempt failed after all, before anything
   * reached the caller (a stream before its first event): records the failure, then retries it as
   * {@link #run()} would.
   *
   * @param failure how the last attempt failed
   * @return the next successful attempt's outcome
   * @throws InferenceException the final failure
   */
  public T retryAfter(InferenceException failure) {
    async = false;
    result = new CompletableFuture<>();
    if (retryOrFinish(lastAdmitted, failure)) {
      drive();
    }
    return outcome();
  }

  /**
   * Runs an asynchronous call; {@code into} is completed with the outcome. The loop stops as soon
   * as {@code into} is done (deadline, cancel).
   *
   * @param into completed with the first successful outcome or the final failure
   */
  public void runAsync(CompletableFuture<T> into) {
    async = true;
    result = Objects.requireNonNull(into, "into");
    drive();
  }

  /** Stops the loop: no further attempt starts, and the next failure is final. */
  public void stop() {
    stopped = true;
  }

  /** Tells the retry policy that the call succeeded: a stream's first event reached the caller. */
  public void delivered() {
    succeeded();
  }

  /**
   * When the last attempt was admitted, for the breaker's record of a stream that ends later.
   *
   * @return what {@link Resilience#admit} returned for it
   */
  public long lastAdmitted() {
    return lastAdmitted;
  }

  /** The loop itself: attempts run here until one succeeds or the call is over. */
  private void drive() {
    CompletableFuture<T> into = result;
    while (!into.isDone()) {
      long admitted;
      CompletableFuture<T> exchange;
      try {
        admitted = resilience.admit(request);
      } catch (InferenceException refused) {
        into.completeExceptionally(refused); // not an attempt: nothing to record or retry
        return;
      }
      lastAdmitted = admitted;
      try {
        exchange = attempt.start();
      } catch (InferenceException failed) {
        exchange = CompletableFuture.failedFuture(failed);
      }
      if (!exchange.isDone()) {
        CompletableFuture<T> pending = exchange;
        into.whenComplete((value, error) -> pending.cancel(true));
        pending.whenComplete((value, error) -> settle(into, admitted, value, error));
        return;
      }
      T value = null;
      Throwable error = null;
      try {
        value = exchange.join();
      } catch (RuntimeException failed) {
        error = failed;
      }
      if (!settle(into, admitted, value, error)) {
        return;
      }
    }
  }

  /**
   * Records an attempt's outcome and completes the call when it is final; for a blocking call,
   * waits here before the retry.
   *
   * @return whether to start the next attempt now, on this thread (a blocking call that waited)
   */
  private boolean settle(
      CompletableFuture<T> into, long admitted, @Nullable T value, @Nullable Throwable error) {
    Throwable cause = ErrorMapper.unwrap(error);
    if (cause == null) {
      if (recordSuccess) {
        resilience.record(admitted, null);
        succeeded();
      }
      into.complete(value);
      return false;
    }
    if (into.isDone()) {
      resilience.record(admitted, cause);
      return false;
    }
    InferenceException failure =
        cause instanceof InferenceException known
            ? known
            : InferenceException.builder(ErrorKind.TRANSPORT, "the call failed: " + cause)
                .requestId(request.requestId())
                .providerName(resilience.providerName())
                .cause(cause)
                .build();
    return retryOrFinish(admitted, failure);
  }

  /** Records a failed attempt; gives up with it, or waits and says to go on. */
  private boolean retryOrFinish(long admitted, InferenceException failure) {
    CompletableFuture<T> into = result;
    resilience.record(admitted, failure);
    long delay = stopped ? -1 : plan().onFailure(failure);
    if (delay < 0) {
      into.completeExceptionally(failure);
      return false;
    }
    if (async) {
      // the next attempt may wait for a rate-limit permit: never on the timer thread
      try {
        scheduler.schedule(() -> executor.execute(this::drive), delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        into.completeExceptionally(failure);
      }
      return false;
    }
    return pause(into, delay);
  }

  /** Waits on the caller's thread, measured by the scheduler; false when interrupted. */
  private boolean pause(CompletableFuture<T> into, long millis) {
    try {
      Pause.on(scheduler, TimeUnit.MILLISECONDS.toNanos(millis));
      return true;
    } catch (RejectedExecutionException closed) {
      into.completeExceptionally(
          InferenceException.builder(ErrorKind.CANCELLED, "the client was closed")
              .requestId(request.requestId())
              .providerName(resilience.providerName())
              .build());
      return false;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      into.completeExceptionally(
          InferenceException.builder(ErrorKind.CANCELLED, "interrupted while waiting to retry")
              .requestId(request.requestId())
              .providerName(resilience.providerName())
              .cause(interrupted)
              .build());
      return false;
    }
  }

  private Resilience.Attempts plan() {
    Resilience.Attempts made = plan;
    if (made == null) {
      made = resilience.attempts(request, listener, deadlineNanos);
      plan = made;
    }
    return made;
  }

  private void succeeded() {
    Resilience.Attempts made = plan;
    if (made != null) {
      made.onSuccess();
    }
  }

  private T outcome() {
    try {
      return result.join();
    } catch (RuntimeException failed) {
      Throwable cause = ErrorMapper.unwrap(failed);
      if (cause instanceof InferenceException known) {
        throw known;
      }
      throw failed;
    }
  }
}
