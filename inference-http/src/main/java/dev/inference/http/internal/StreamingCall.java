package dev.inference.http.internal;

import com.fasterxml.jackson.core.JsonParser;
import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.StreamEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One streamed call: reads the body on the caller's thread, frames it (SSE or NDJSON), lets the
 * dialect turn frames into deltas, and ends with exactly one {@link StreamEvent.Completed} or an
 * {@link InferenceException}. A watchdog closes the body when the total deadline passes.
 */
final class StreamingCall implements Iterator<StreamEvent> {

  private static final int READ_BUFFER_BYTES = 8192;

  private final HttpChatClient client;
  private final InferenceRequest request;
  private final HttpResponse<InputStream> response;
  private final InputStream body;
  private final Redactor redactor;
  private final long started;
  private final Duration total;
  private final AtomicBoolean reported = new AtomicBoolean();

  /** The one cancel action the client tracks while the call is in flight. */
  final Runnable cancelAction = this::cancel;

  private final ResponseAccumulator collected;
  private final ArrayDeque<StreamEvent> ready = new ArrayDeque<>();
  private final byte[] buffer = new byte[READ_BUFFER_BYTES];
  private final FrameSink frames;
  private final ScheduledFuture<?> deadline;
  private volatile InferenceException.@Nullable TimeoutPhase timedOut;
  private volatile boolean cancelled;
  private @Nullable InferenceException pendingFailure;
  private boolean sawFirstToken;
  private boolean ended;

  StreamingCall(
      HttpChatClient client,
      InferenceRequest request,
      HttpResponse<InputStream> response,
      Redactor redactor,
      long started,
      Duration total) {
    this.client = client;
    this.request = request;
    this.response = response;
    this.body = response.body();
    this.redactor = redactor;
    this.started = started;
    this.collected = ResponseAccumulator.forStream(this::delta);
    this.frames =
        client.dialect().framing() == ChatDialect.Framing.SSE
            ? new SseFrames(client.maxFrameBytes())
            : new NdjsonFrames(client.maxFrameBytes());
    this.total = total;
    Duration remaining = total.minusNanos(System.nanoTime() - started);
    this.deadline =
        client
            .scheduler()
            .schedule(
                () -> {
                  timedOut = InferenceException.TimeoutPhase.TOTAL;
                  closeBody();
                },
                Math.max(0, remaining.toNanos()),
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
    } catch (InferenceException failure) {
      ended = true;
      closeBody();
      report(null, failure);
      throw failure;
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
        frames.finish();
        endOfBody();
      } else {
        frames.feed(buffer, 0, read);
      }
    } catch (InferenceException failure) {
      InferenceException withText =
          failure.partialText().isPresent()
              ? failure
              : failure.toBuilder().partialText(collected.text()).build();
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

  /** Closes the body and with it the connection; the reader then fails with CANCELLED. */
  void cancel() {
    cancelled = true;
    closeBody();
    report(null, client.failure(request, ErrorKind.CANCELLED, "the stream was closed").build());
  }

  private void report(@Nullable InferenceResponse response, @Nullable InferenceException failure) {
    if (reported.compareAndSet(false, true)) {
      client.finished(cancelAction);
      client.report(request, started, response, failure);
    }
  }

  private int readSome() {
    try {
      return body.read(buffer);
    } catch (IOException failure) {
      InferenceException.TimeoutPhase phase = timedOut;
      if (phase != null) {
        throw client.timeout(request, total).toBuilder().partialText(collected.text()).build();
      }
      if (cancelled) {
        throw client.failure(request, ErrorKind.CANCELLED, "the stream was closed").build();
      }
      throw client.transportFailure(request.requestId(), failure, redactor).toBuilder()
          .partialText(collected.text())
          .build();
    }
  }

  private void endOfBody() {
    if (timedOut != null) {
      throw client.timeout(request, total).toBuilder().partialText(collected.text()).build();
    }
    if (cancelled) {
      throw client.failure(request, ErrorKind.CANCELLED, "the stream was closed").build();
    }
    if (!collected.isComplete()) {
      throw client
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
    deadline.cancel(false);
    InferenceResponse done = client.toResponse(request, collected, response.headers(), redactor);
    ready.add(new StreamEvent.Completed(done));
    report(done, null);
  }

  private void delta(StreamEvent event) {
    if (!sawFirstToken) {
      sawFirstToken = true;
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      client.listener(() -> client.listener().firstToken(request, elapsed));
    }
    ready.add(event);
  }

  private void frame(String json) {
    try (JsonParser parser = JacksonJson.FACTORY.createParser(json)) {
      client.dialect().readChunk(parser, collected);
    } catch (IOException notJson) {
      throw client
          .failure(
              request,
              ErrorKind.MALFORMED_RESPONSE,
              client.dialect().providerName()
                  + " sent a stream frame that is not valid JSON: "
                  + ErrorMapper.snippet(json, redactor))
          .partialText(collected.text())
          .cause(notJson)
          .build();
    }
    collected
        .error()
        .ifPresent(
            payload -> {
              throw client.payloadError(request, payload, 0, redactor).toBuilder()
                  .partialText(collected.text())
                  .build();
            });
  }

  private void closeBody() {
    deadline.cancel(false);
    try {
      body.close();
    } catch (IOException ignored) {
      // the connection is being dropped anyway
    }
  }

  private interface FrameSink {
    void feed(byte[] bytes, int offset, int length);

    void finish();
  }

  private final class SseFrames implements FrameSink {
    private final SseDecoder decoder;

    SseFrames(int maxFrameBytes) {
      this.decoder = new SseDecoder(maxFrameBytes, this::event);
    }

    private void event(SseEvent event) {
      if (ended) {
        return;
      }
      if (event.data().startsWith("[DONE]")) {
        endOfBody();
        return;
      }
      if ("error".equals(event.type())) {
        JsonValue payload;
        try {
          payload = JacksonJson.parse(event.data());
        } catch (IllegalArgumentException notJson) {
          payload = JsonValue.object(Map.of("error", JsonValue.of(event.data())));
        }
        if (!ErrorMapper.isErrorPayload(payload)) {
          payload = JsonValue.object(Map.of("error", payload));
        }
        throw client.payloadError(request, payload, 0, redactor).toBuilder()
            .partialText(collected.text())
            .build();
      }
      frame(event.data());
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
      decoder.feed(bytes, offset, length);
    }

    @Override
    public void finish() {
      decoder.finish();
    }
  }

  private final class NdjsonFrames implements FrameSink {
    private final NdjsonDecoder decoder;
    private boolean finishing;

    NdjsonFrames(int maxFrameBytes) {
      this.decoder = new NdjsonDecoder(maxFrameBytes, this::line);
    }

    private void line(String line) {
      if (ended) {
        return;
      }
      try {
        frame(line);
      } catch (InferenceException notJson) {
        if (!finishing || notJson.kind() != ErrorKind.MALFORMED_RESPONSE) {
          throw notJson;
        }
        // a last line without '\n' that does not parse: the body was cut mid-line, as SSE
        // drops an unfinished event
        throw client
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
      if (collected.isComplete()) {
        complete();
      }
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
      decoder.feed(bytes, offset, length);
    }

    @Override
    public void finish() {
      finishing = true;
      decoder.finish();
    }
  }
}
