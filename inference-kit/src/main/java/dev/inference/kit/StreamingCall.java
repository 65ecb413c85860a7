package dev.inference.kit;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.StreamEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One streamed attempt as the caller sees it: reads the transport's {@link StreamAttempt} on the
 * caller's thread, turns the sink's deltas into events, and ends with exactly one {@link
 * StreamEvent.Completed} or an {@link InferenceException}. Watchdogs abort the attempt when the
 * total deadline passes, when the first bytes are late, or when the stream goes silent for longer
 * than the idle timeout.
 */
final class StreamingCall extends Deadlines.Entry implements Iterator<StreamEvent> {

  /** Told once when the call has ended, with its response or its failure. */
  interface Ending {
    void ended(@Nullable InferenceResponse response, @Nullable InferenceException failure);
  }

  private final CallPipeline pipeline;
  private final InferenceRequest request;
  private final StreamAttempt attempt;
  private final CallEvents events;
  private final Duration total;
  private final @Nullable Duration idleTimeout;

  /** The one cancel action the pipeline tracks while the call is in flight. */
  final Runnable cancelAction = this::cancel;

  private final ResponseSink collected;
  private final ArrayDeque<StreamEvent> ready = new ArrayDeque<>();
  private int handedChars;
  private final Deadlines deadlines;
  private volatile @Nullable ScheduledFuture<?> silence;
  private volatile long lastBytesNanos;
  private volatile boolean watchdogsStopped;
  private volatile InferenceException.@Nullable TimeoutPhase timedOut;
  private volatile boolean cancelled;
  private @Nullable InferenceException pendingFailure;
  private boolean sawFirstToken;
  private boolean sawBytes;
  private boolean ended;
  private volatile boolean completed;
  private boolean released;

  // guarded by this
  private boolean finished;
  private @Nullable InferenceResponse outcome;
  private @Nullable InferenceException failure;
  private @Nullable Ending afterHandOver;

  /**
   * An attempt the provider accepted.
   *
   * @param attemptStarted when this attempt was admitted, for the first-event timeout
   * @param deadlineNanos the call's total deadline, in the pipeline's ticker units
   */
  StreamingCall(
      CallPipeline pipeline,
      InferenceRequest request,
      StreamAttempt attempt,
      CallEvents events,
      long attemptStarted,
      Duration total,
      long deadlineNanos,
      Deadlines deadlines) {
    super(deadlineNanos);
    this.pipeline = pipeline;
    this.request = request;
    this.attempt = attempt;
    this.events = events;
    this.total = total;
    this.idleTimeout = pipeline.settings().timeouts().idle().orElse(null);
    this.collected = ResponseSink.forStream(this::delta);
    this.deadlines = deadlines;
    pipeline
        .settings()
        .timeouts()
        .firstEvent()
        .ifPresent(
            first ->
                silence =
                    watchdog(
                        InferenceException.TimeoutPhase.FIRST_EVENT,
                        first.toNanos() - (pipeline.ticker().nanos() - attemptStarted)));
  }

  /**
   * Starts the total deadline, on the pipeline's one timer for deadlines (no task of its own per
   * stream).
   *
   * @throws RejectedExecutionException if the pipeline's scheduler is shut down
   */
  void startDeadline() {
    deadlines.add(this);
  }

  /** The total deadline passed. */
  @Override
  void expire() {
    timedOut = InferenceException.TimeoutPhase.TOTAL;
    attempt.abort();
  }

  private ScheduledFuture<?> watchdog(InferenceException.TimeoutPhase phase, long delayNanos) {
    return pipeline
        .scheduler()
        .schedule(
            () -> {
              timedOut = phase;
              attempt.abort();
            },
            Math.max(0, delayNanos),
            TimeUnit.NANOSECONDS);
  }

  @Override
  public boolean hasNext() {
    try {
      while (ready.isEmpty()) {
        if (pendingFailure != null) {
          throw pendingFailure;
        }
        if (ended) {
          return false;
        }
        pump();
      }
      return true;
    } catch (InferenceException failed) {
      ended = true;
      attempt.abort();
      finish(null, failed);
      throw failed;
    }
  }

  @Override
  public StreamEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    StreamEvent event = ready.poll();
    if (event instanceof StreamEvent.TextDelta delta) {
      handedChars += delta.text().length();
    }
    return event;
  }

  /**
   * The text of the deltas {@link #next()} has returned: the start of what the response collected
   * (events wait in order; the collected text may run ahead of the caller by the events not handed
   * yet).
   */
  String delivered() {
    String collectedText = collected.text();
    return collectedText.length() == handedChars
        ? collectedText
        : collectedText.substring(0, handedChars);
  }

  /**
   * Hands the call over to the caller: from now on its end is reported through {@code then}, at
   * once if it has already ended.
   */
  void handOver(Ending then) {
    boolean done;
    synchronized (this) {
      afterHandOver = then;
      done = finished;
    }
    if (done) {
      then.ended(outcome, failure);
    }
  }

  /**
   * Reads once. A failure found after some events of the same read waits until those events were
   * delivered, so the caller sees every delta the partial text holds.
   */
  private void pump() {
    try {
      try {
        int read = read();
        if (read < 0) {
          ended = true;
          endOfStream();
        }
      } catch (InferenceException known) {
        throw known;
      } catch (RuntimeException bug) {
        // a transport or decoder that throws anything else must not leave the attempt open
        throw pipeline
            .failure(
                request.requestId(),
                ErrorKind.MALFORMED_RESPONSE,
                pipeline.description().providerName()
                    + "'s stream could not be read: "
                    + bug.getClass().getSimpleName())
            .cause(bug)
            .build();
      }
    } catch (InferenceException failed) {
      InferenceException withText =
          failed.partialText().isPresent()
              ? failed
              : failed.toBuilder().partialText(collected.text()).build();
      if (ready.isEmpty()) {
        throw withText;
      }
      pendingFailure = withText;
    }
  }

  private int read() {
    int read;
    try {
      read = attempt.read(collected);
    } catch (IOException failed) {
      InferenceException.TimeoutPhase phase = timedOut;
      if (phase != null) {
        throw timeout(phase);
      }
      if (cancelled) {
        throw streamClosed();
      }
      throw attempt.failure(failed);
    }
    if (read > 0) {
      if (idleTimeout != null) {
        lastBytesNanos = pipeline.ticker().nanos();
      }
      if (!sawBytes) {
        sawBytes = true;
        firstBytes();
      }
    }
    return read;
  }

  /**
   * Closes the attempt and with it the connection; the reader then fails with CANCELLED. After the
   * call completed (the stream closes itself at its {@code Completed} event), the attempt is
   * released instead, so that a transport may keep its connection.
   */
  void cancel() {
    if (completed) {
      if (!released) {
        released = true;
        attempt.release();
      }
      return;
    }
    cancelled = true;
    attempt.abort();
    finish(null, streamClosed());
  }

  private InferenceException streamClosed() {
    return pipeline
        .failure(request.requestId(), ErrorKind.CANCELLED, "the stream was closed")
        .build();
  }

  private void finish(@Nullable InferenceResponse response, @Nullable InferenceException failed) {
    Ending then;
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      outcome = response;
      failure = failed;
      then = afterHandOver;
    }
    stopWatchdogs();
    pipeline.finished(cancelAction);
    if (then != null) {
      then.ended(response, failed);
    }
  }

  /** The first bytes arrived: the first-event watchdog is done, the idle one starts. */
  private void firstBytes() {
    ScheduledFuture<?> first = silence;
    if (first != null) {
      first.cancel(false);
    }
    Duration idle = idleTimeout;
    silence = idle == null || ended ? null : idleWatchdog(idle.toNanos(), idle.toNanos());
  }

  /**
   * The idle watchdog, armed once rather than again after every read: when it fires it looks at
   * when bytes last arrived, and either aborts or sleeps for the rest of the idle time.
   */
  private ScheduledFuture<?> idleWatchdog(long idleNanos, long delayNanos) {
    return pipeline
        .scheduler()
        .schedule(
            () -> {
              long quiet = pipeline.ticker().nanos() - lastBytesNanos;
              if (quiet >= idleNanos) {
                timedOut = InferenceException.TimeoutPhase.IDLE;
                attempt.abort();
              } else if (!watchdogsStopped) {
                ScheduledFuture<?> next = idleWatchdog(idleNanos, idleNanos - quiet);
                silence = next;
                if (watchdogsStopped) {
                  next.cancel(false); // the call ended while this one was being armed
                }
              }
            },
            delayNanos,
            TimeUnit.NANOSECONDS);
  }

  private InferenceException timeout(InferenceException.TimeoutPhase phase) {
    String provider = pipeline.description().providerName();
    InferenceException timeout =
        switch (phase) {
          case FIRST_EVENT ->
              pipeline
                  .failure(
                      request.requestId(),
                      ErrorKind.TIMEOUT,
                      provider
                          + " sent nothing within the first-event timeout of "
                          + pipeline.settings().timeouts().firstEvent().orElseThrow().toMillis()
                          + " ms; raise first_token_timeout_secs if the model needs longer to"
                          + " start")
                  .timeoutPhase(phase)
                  .build();
          case IDLE ->
              pipeline
                  .failure(
                      request.requestId(),
                      ErrorKind.TIMEOUT,
                      provider
                          + " went silent for longer than the idle timeout of "
                          + pipeline.settings().timeouts().idle().orElseThrow().toMillis()
                          + " ms in the middle of the stream; raise idle_timeout_secs")
                  .timeoutPhase(phase)
                  .build();
          default -> pipeline.timeout(request, total);
        };
    return collected.text().isEmpty()
        ? timeout
        : timeout.toBuilder().partialText(collected.text()).build();
  }

  private void endOfStream() {
    InferenceException.TimeoutPhase phase = timedOut;
    if (phase != null) {
      throw timeout(phase);
    }
    if (cancelled) {
      throw streamClosed();
    }
    if (!collected.isComplete()) {
      throw pipeline
          .failure(
              request.requestId(),
              ErrorKind.STREAM_TRUNCATED,
              pipeline.description().providerName()
                  + " ended the stream before it said the answer was finished"
                  + (collected.finishReason().isEmpty() ? " (no finish reason)" : ""))
          .partialText(collected.text())
          .build();
    }
    completed = true;
    stopWatchdogs();
    InferenceResponse done = attempt.response(collected);
    ready.add(new StreamEvent.Completed(done));
    finish(done, null);
  }

  private void stopWatchdogs() {
    watchdogsStopped = true;
    deadlines.remove(this);
    ScheduledFuture<?> quiet = silence;
    if (quiet != null) {
      quiet.cancel(false);
    }
  }

  private void delta(StreamEvent event) {
    if (!sawFirstToken) {
      sawFirstToken = true;
      events.firstToken();
    }
    ready.add(event);
  }
}
