package dev.inference.http.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.StreamEvent;
import dev.inference.http.Framing;
import dev.inference.http.StreamDecoder;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One streamed call: reads the body on the caller's thread, frames it (SSE or NDJSON), lets the
 * dialect turn frames into deltas, and ends with exactly one {@link StreamEvent.Completed} or an
 * {@link InferenceException}. Watchdogs close the body when the total deadline passes, when the
 * first bytes are late, or when the body goes silent for longer than the idle timeout.
 */
final class StreamingCall implements Iterator<StreamEvent> {

  /** Told once when the call has ended, with its response or its failure. */
  interface Ending {
    void ended(@Nullable InferenceResponse response, @Nullable InferenceException failure);
  }

  private static final int READ_BUFFER_BYTES = 8192;
  private static final long DRAIN_MILLIS = 100;
  private static final long DRAIN_BYTES = 64 * 1024;

  private final HttpChatClient client;
  private final InferenceRequest request;
  private final HttpResponse<InputStream> response;
  private final InputStream body;
  private final Redactor redactor;
  private final long started;
  private final Duration total;
  private final @Nullable Duration idleTimeout;

  /** The one cancel action the client tracks while the call is in flight. */
  final Runnable cancelAction = this::cancel;

  private final ResponseSink collected;
  private final ArrayDeque<StreamEvent> ready = new ArrayDeque<>();
  private final byte[] buffer = new byte[READ_BUFFER_BYTES];
  private final Framing.Splitter frames;
  private final StreamDecoder decoder;
  private boolean finishing;
  private final ScheduledFuture<?> deadline;
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
  private boolean drained;

  // guarded by this
  private boolean finished;
  private @Nullable InferenceResponse outcome;
  private @Nullable InferenceException failure;
  private @Nullable Ending afterHandOver;

  /**
   * A call whose headers have arrived.
   *
   * @param attemptStarted when this attempt was sent, for the first-event timeout
   * @param deadlineNanos the call's total deadline, in {@link System#nanoTime()} units
   */
  StreamingCall(
      HttpChatClient client,
      InferenceRequest request,
      HttpResponse<InputStream> response,
      Redactor redactor,
      long started,
      long attemptStarted,
      Duration total,
      long deadlineNanos) {
    this.client = client;
    this.request = request;
    this.response = response;
    this.body = response.body();
    this.redactor = redactor;
    this.started = started;
    this.total = total;
    this.idleTimeout = client.settings().timeouts().idle().orElse(null);
    this.collected = ResponseSink.forStream(this::delta);
    this.decoder = client.dialect().streamDecoder();
    this.frames = client.dialect().framing().splitter(client.maxFrameBytes(), this::frame);
    this.deadline =
        watchdog(InferenceException.TimeoutPhase.TOTAL, deadlineNanos - client.ticker().nanos());
    client
        .settings()
        .timeouts()
        .firstEvent()
        .ifPresent(
            first ->
                silence =
                    watchdog(
                        InferenceException.TimeoutPhase.FIRST_EVENT,
                        first.toNanos() - (client.ticker().nanos() - attemptStarted)));
  }

  private ScheduledFuture<?> watchdog(InferenceException.TimeoutPhase phase, long delayNanos) {
    return client
        .scheduler()
        .schedule(
            () -> {
              timedOut = phase;
              closeBody();
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
      closeBody();
      finish(null, failed);
      throw failed;
    }
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
   * Reads and decodes one buffer. A failure found after some events of the same buffer waits until
   * those events were delivered, so the caller sees every delta the partial text holds.
   */
  private void pump() {
    int read = readSome();
    try {
      if (read < 0) {
        finishing = true;
        frames.finish();
        if (!ended) {
          endOfBody();
        }
      } else {
        frames.feed(buffer, 0, read);
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

  @Override
  public StreamEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  /**
   * Closes the body and with it the connection; the reader then fails with CANCELLED. After the
   * call completed (the stream closes itself at its {@code Completed} event), the rest of the body
   * is read first, so that the connection goes back to the pool.
   */
  void cancel() {
    if (completed) {
      if (!drained) {
        drained = true;
        drainForReuse();
      }
      return;
    }
    cancelled = true;
    closeBody();
    finish(
        null,
        client.transport().failure(request, ErrorKind.CANCELLED, "the stream was closed").build());
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
    client.finished(cancelAction);
    if (then != null) {
      then.ended(response, failed);
    }
  }

  private int readSome() {
    int read;
    try {
      read = body.read(buffer);
    } catch (IOException failed) {
      InferenceException.TimeoutPhase phase = timedOut;
      if (phase != null) {
        throw timeout(phase);
      }
      if (cancelled) {
        throw client
            .transport()
            .failure(request, ErrorKind.CANCELLED, "the stream was closed")
            .build();
      }
      throw client.transport().transportFailure(request.requestId(), failed, redactor).toBuilder()
          .partialText(collected.text())
          .build();
    }
    if (read > 0) {
      if (idleTimeout != null) {
        lastBytesNanos = client.ticker().nanos();
      }
      if (!sawBytes) {
        sawBytes = true;
        firstBytes();
      }
    }
    return read;
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
   * when bytes last arrived, and either closes the body or sleeps for the rest of the idle time.
   */
  private ScheduledFuture<?> idleWatchdog(long idleNanos, long delayNanos) {
    return client
        .scheduler()
        .schedule(
            () -> {
              long quiet = client.ticker().nanos() - lastBytesNanos;
              if (quiet >= idleNanos) {
                timedOut = InferenceException.TimeoutPhase.IDLE;
                closeBody();
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
    InferenceException timeout =
        switch (phase) {
          case FIRST_EVENT ->
              client
                  .transport()
                  .failure(
                      request,
                      ErrorKind.TIMEOUT,
                      client.dialect().providerName()
                          + " sent nothing within the first-event timeout of "
                          + client.settings().timeouts().firstEvent().orElseThrow().toMillis()
                          + " ms; raise first_token_timeout_secs if the model needs longer to"
                          + " start")
                  .timeoutPhase(phase)
                  .build();
          case IDLE ->
              client
                  .transport()
                  .failure(
                      request,
                      ErrorKind.TIMEOUT,
                      client.dialect().providerName()
                          + " went silent for longer than the idle timeout of "
                          + client.settings().timeouts().idle().orElseThrow().toMillis()
                          + " ms in the middle of the stream; raise idle_timeout_secs")
                  .timeoutPhase(phase)
                  .build();
          default -> client.transport().timeout(request, total);
        };
    return collected.text().isEmpty()
        ? timeout
        : timeout.toBuilder().partialText(collected.text()).build();
  }

  private void endOfBody() {
    InferenceException.TimeoutPhase phase = timedOut;
    if (phase != null) {
      throw timeout(phase);
    }
    if (cancelled) {
      throw client
          .transport()
          .failure(request, ErrorKind.CANCELLED, "the stream was closed")
          .build();
    }
    if (!collected.isComplete()) {
      throw client
          .transport()
          .failure(
              request,
              ErrorKind.STREAM_TRUNCATED,
              client.dialect().providerName()
                  + " ended the stream before it said the answer was finished"
                  + (collected.finishReason().isEmpty() ? " (no finish reason)" : ""))
          .partialText(collected.text())
          .build();
    }
    complete();
  }

  private void complete() {
    ended = true;
    completed = true;
    stopWatchdogs();
    InferenceResponse done =
        client.transport().toResponse(request, collected, response.headers(), redactor);
    ready.add(new StreamEvent.Completed(done));
    finish(done, null);
  }

  private void stopWatchdogs() {
    watchdogsStopped = true;
    deadline.cancel(false);
    ScheduledFuture<?> quiet = silence;
    if (quiet != null) {
      quiet.cancel(false);
    }
  }

  private void delta(StreamEvent event) {
    if (!sawFirstToken) {
      sawFirstToken = true;
      Duration elapsed = Duration.ofNanos(client.ticker().nanos() - started);
      client.listener(() -> client.listener().firstToken(request, elapsed));
    }
    ready.add(event);
  }

  /**
   * Lets the decoder read one frame, straight from its UTF-8 bytes; whether it ended the stream.
   */
  private boolean decode(String name, byte[] json, int offset, int length) {
    boolean last;
    try {
      last = decoder.frame(name, json, offset, length, collected);
    } catch (IOException notJson) {
      throw client
          .transport()
          .failure(
              request,
              ErrorKind.MALFORMED_RESPONSE,
              client.dialect().providerName()
                  + " sent a stream frame that is not valid JSON: "
                  + ErrorMapper.snippet(utf8(json, offset, length), redactor))
          .partialText(collected.text())
          .cause(notJson)
          .build();
    }
    if (collected.hasError()) {
      throw client
          .transport()
          .payloadError(request, collected.error().orElseThrow(), 0, redactor)
          .toBuilder()
          .partialText(collected.text())
          .build();
    }
    return last;
  }

  private static String utf8(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }

  /**
   * After the last event: reads what is left of the body (a chunked body's terminator, a trailing
   * blank line) so that the JDK client returns the connection to its pool; closing a body before
   * its end closes the connection, and the next call would pay for a new one. A body that does not
   * end within {@link #DRAIN_MILLIS} or {@link #DRAIN_BYTES} is closed instead.
   */
  private void drainForReuse() {
    ScheduledFuture<?> giveUp =
        client.scheduler().schedule(this::closeBody, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    try {
      long left = DRAIN_BYTES;
      for (int read; left > 0 && (read = body.read(buffer)) >= 0; ) {
        left -= read;
      }
    } catch (IOException closedMeanwhile) {
      // closed by the grace timer or by close(): the connection is dropped, as it was before
    } finally {
      giveUp.cancel(false);
      closeBody(); // after the end of the body this only releases the stream
    }
  }

  private void closeBody() {
    deadline.cancel(false);
    try {
      body.close();
    } catch (IOException ignored) {
      // the connection is being dropped anyway
    }
  }

  /**
   * Hands one frame to the dialect's decoder. A frame that ends the stream ends it as the end of
   * the body does; a frame that does not parse while the body is finishing (NDJSON's last line
   * without '\n') means the body was cut mid-frame: STREAM_TRUNCATED, as SSE drops an unfinished
   * event.
   */
  private void frame(String name, byte[] data, int offset, int length) {
    if (ended) {
      return;
    }
    boolean last;
    try {
      last = decode(name, data, offset, length);
    } catch (InferenceException notJson) {
      if (!finishing || notJson.kind() != ErrorKind.MALFORMED_RESPONSE) {
        throw notJson;
      }
      throw client
          .transport()
          .failure(
              request,
              ErrorKind.STREAM_TRUNCATED,
              client.dialect().providerName()
                  + " ended the stream in the middle of a line, before it said the answer was"
                  + " finished")
          .partialText(collected.text())
          .cause(notJson)
          .build();
    }
    if (last) {
      endOfBody();
    }
  }
}
