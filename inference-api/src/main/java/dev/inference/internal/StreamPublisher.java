package dev.inference.internal;

import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A Reactive Streams-correct {@link Flow.Publisher} over a blocking {@link InferenceStream}: one
 * subscriber per stream (shared with iteration and every other publisher of the same stream),
 * signals serialised by a drain loop, reads only on demand, cancel closes the stream.
 */
public final class StreamPublisher implements Flow.Publisher<StreamEvent> {

  /** Runs each task on a new daemon thread. */
  public static final Executor NEW_THREAD =
      task -> {
        Thread thread = new Thread(task, "inference-stream");
        thread.setDaemon(true);
        thread.start();
      };

  private final InferenceStream stream;
  private final Executor executor;

  /**
   * A publisher of the stream's events.
   *
   * @param stream the stream, not yet iterated
   * @param executor runs the drain loop
   */
  public StreamPublisher(InferenceStream stream, Executor executor) {
    this.stream = stream;
    this.executor = executor;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Iterator<StreamEvent> events;
    try {
      // The stream's single use is claimed here, not in the drain loop: the rule holds per stream
      // (any publisher of it, or iteration), and a refused subscriber never gets a subscription
      // that could close the stream someone else is reading.
      events = stream.iterator();
    } catch (IllegalStateException alreadyUsed) {
      subscriber.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      subscriber.onError(
          new IllegalStateException(
              "an InferenceStream accepts one subscriber only, and this stream already has one"
                  + " or was iterated",
              alreadyUsed));
      return;
    }
    Drain drain = new Drain(subscriber, events);
    // Hold the drain loop while onSubscribe runs, so a request(n) made inside it cannot start a
    // read on another thread that calls onNext before onSubscribe has returned (rule 1.3).
    drain.work.set(1);
    subscriber.onSubscribe(drain);
    drain.submit();
  }

  private final class Drain implements Flow.Subscription, Runnable {
    private final Flow.Subscriber<? super StreamEvent> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile @Nullable Throwable badRequest;
    private final Iterator<StreamEvent> events;
    private boolean done;

    Drain(Flow.Subscriber<? super StreamEvent> subscriber, Iterator<StreamEvent> events) {
      this.subscriber = subscriber;
      this.events = events;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest =
            new IllegalArgumentException(
                "request(n) needs n > 0 (Reactive Streams rule 3.9), but was " + n);
      } else {
        demand.getAndUpdate(current -> current + n < 0 ? Long.MAX_VALUE : current + n);
      }
      schedule();
    }

    @Override
    public void cancel() {
      cancelled = true;
      stream.close();
    }

    void schedule() {
      if (work.getAndIncrement() == 0) {
        submit();
      }
    }

    void submit() {
      try {
        executor.execute(this);
      } catch (RuntimeException rejected) {
        cancelled = true;
        stream.close();
        subscriber.onError(rejected);
      }
    }

    @Override
    public void run() {
      int missed = 1;
      do {
        drain();
        missed = work.addAndGet(-missed);
      } while (missed != 0);
    }

    private void drain() {
      if (done || cancelled) {
        return;
      }
      Throwable failure = null;
      try {
        while (!cancelled) {
          failure = badRequest; // checked before each read, so unbounded demand cannot hide it
          if (failure != null) {
            stream.close();
            break;
          }
          if (demand.get() == 0) {
            return;
          }
          if (!events.hasNext()) {
            break;
          }
          StreamEvent event = events.next();
          demand.decrementAndGet();
          if (!deliver(event)) {
            return;
          }
          if (event instanceof StreamEvent.Completed) {
            break;
          }
        }
      } catch (RuntimeException readFailure) {
        failure = readFailure;
      }
      // The terminal signal goes outside the try: a subscriber that throws from onComplete must
      // not get an onError after it (Reactive Streams rule 1.7).
      finish();
      if (cancelled) {
        return;
      }
      try {
        if (failure != null) {
          subscriber.onError(failure);
        } else {
          subscriber.onComplete();
        }
      } catch (RuntimeException bug) {
        // Reactive Streams rule 2.13: nothing is left to signal; do not break the caller's thread.
        System.getLogger(StreamPublisher.class.getName())
            .log(
                System.Logger.Level.WARNING, "stream subscriber threw from a terminal signal", bug);
      }
    }

    private boolean deliver(StreamEvent event) {
      try {
        subscriber.onNext(event);
        return true;
      } catch (RuntimeException failure) {
        // Reactive Streams rule 2.13: a throwing subscriber is treated as cancelled.
        System.getLogger(StreamPublisher.class.getName())
            .log(System.Logger.Level.WARNING, "stream subscriber threw from onNext", failure);
        cancel();
        finish();
        return false;
      }
    }

    private void finish() {
      done = true;
    }
  }
}
