package dev.inference.kit;

import dev.inference.InferenceException;
import dev.inference.InferenceResponse;
import dev.inference.StreamEvent;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The events of one streamed call across its attempts, which run through the call's {@link
 * RetryLoop}: an attempt that fails before its first event is replaced by a new one when the
 * failure is transient, so a retry never replays text the caller has seen; after the first event, a
 * failure is the caller's, with its partial text. The outcome is recorded with the circuit breaker
 * once, when the stream ends.
 */
final class RetryingStream implements Iterator<StreamEvent> {

  private final RetryLoop<StreamingCall> loop;
  private final Resilience resilience;
  private final StreamingCall.Ending reporter;
  private final AtomicBoolean reported = new AtomicBoolean();
  private volatile StreamingCall call;
  private volatile boolean cancelled;
  private boolean delivered;

  /**
   * Opens the first attempt whose headers are fine, retrying failures before them.
   *
   * @param loop makes the call's retry loop, given a way to reach it from its attempts
   * @param resilience records the outcome with the breaker
   * @param reporter told once when the stream has ended (slot release, listener)
   */
  RetryingStream(
      Function<Supplier<RetryLoop<StreamingCall>>, RetryLoop<StreamingCall>> loop,
      Resilience resilience,
      StreamingCall.Ending reporter) {
    AtomicReference<RetryLoop<StreamingCall>> self = new AtomicReference<>();
    this.loop = loop.apply(self::get);
    self.set(this.loop);
    this.resilience = resilience;
    this.reporter = reporter;
    this.call = this.loop.run();
  }

  @Override
  public boolean hasNext() {
    while (true) {
      StreamingCall current = call;
      try {
        boolean more = current.hasNext();
        if (!delivered) {
          delivered = true;
          loop.delivered();
          current.handOver(recorded(loop.lastAdmitted()));
        }
        return more;
      } catch (InferenceException failure) {
        if (delivered || cancelled) {
          throw failure;
        }
        try {
          call = loop.retryAfter(failure);
        } catch (InferenceException last) {
          ended(null, last);
          throw last;
        }
      }
    }
  }

  @Override
  public StreamEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return call.next();
  }

  /** The text of the deltas handed to the caller: all from the current attempt. */
  String delivered() {
    return call.delivered();
  }

  void cancel() {
    cancelled = true;
    loop.stop();
    StreamingCall current = call;
    if (!delivered) {
      current.handOver(recorded(loop.lastAdmitted()));
    }
    current.cancel();
  }

  /** Records the attempt's outcome with the breaker, then reports the end. */
  private StreamingCall.Ending recorded(long admitted) {
    return (response, failure) -> {
      resilience.record(admitted, failure);
      ended(response, failure);
    };
  }

  private void ended(@Nullable InferenceResponse response, @Nullable InferenceException failure) {
    if (reported.compareAndSet(false, true)) {
      reporter.ended(response, failure);
    }
  }
}
