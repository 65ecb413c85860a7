package dev.inference.http.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.http.Framing;
import dev.inference.http.HttpEngine;
import dev.inference.http.StreamDecoder;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import dev.inference.kit.StreamAttempt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One streamed HTTP attempt whose headers said yes: reads the body, frames it (SSE, NDJSON or the
 * dialect's own), and lets the dialect's decoder turn each frame into what the sink collects.
 */
final class HttpStreamAttempt implements StreamAttempt {

  private static final int READ_BUFFER_BYTES = 8192;
  private static final long DRAIN_MILLIS = 100;
  private static final long DRAIN_BYTES = 64 * 1024;

  private final HttpExchange exchange;
  private final InferenceRequest request;
  private final HttpEngine.Exchange response;
  private final InputStream body;
  private final Redactor redactor;
  private final ScheduledExecutorService scheduler;
  private final StreamDecoder decoder;
  private final Framing.Splitter frames;
  private final byte[] buffer = new byte[READ_BUFFER_BYTES];
  private @Nullable ResponseSink sink;
  private boolean finishing;
  private boolean ended;

  HttpStreamAttempt(
      HttpExchange exchange,
      InferenceRequest request,
      HttpEngine.Exchange response,
      Redactor redactor,
      ScheduledExecutorService scheduler,
      int maxFrameBytes) {
    this.exchange = exchange;
    this.request = request;
    this.response = response;
    this.body = response.body();
    this.redactor = redactor;
    this.scheduler = scheduler;
    this.decoder = exchange.dialect().streamDecoder();
    this.frames = exchange.dialect().framing().splitter(maxFrameBytes, this::frame);
  }

  @Override
  public int read(ResponseSink into) throws IOException {
    sink = into;
    int read = body.read(buffer);
    if (read < 0) {
      finishing = true;
      frames.finish();
      return -1;
    }
    frames.feed(buffer, 0, read);
    return ended ? -1 : read;
  }

  @Override
  public void abort() {
    response.abort();
  }

  @Override
  public InferenceException failure(IOException failure) {
    return exchange.transportFailure(request.requestId(), failure, redactor);
  }

  @Override
  public InferenceResponse response(ResponseSink collected) {
    return exchange.toResponse(request, collected, response.headers(), redactor);
  }

  /**
   * Reads what is left of the body (a chunked body's terminator, a trailing blank line) so that the
   * engine returns the connection to its pool; closing a body before its end closes the connection,
   * and the next call would pay for a new one. A body that does not end within {@link
   * #DRAIN_MILLIS} or {@link #DRAIN_BYTES} is closed instead.
   */
  @Override
  public void release() {
    ScheduledFuture<?> giveUp = null;
    try {
      giveUp = scheduler.schedule(this::abort, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
      long left = DRAIN_BYTES;
      for (int read; left > 0 && (read = body.read(buffer)) >= 0; ) {
        left -= read;
      }
    } catch (IOException | java.util.concurrent.RejectedExecutionException closedMeanwhile) {
      // closed by the grace timer or by close(): the connection is dropped, as it was before
    } finally {
      if (giveUp != null) {
        giveUp.cancel(false);
      }
      response.close(); // after the end of the body this only releases the stream
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
    ResponseSink collected = Objects.requireNonNull(sink);
    boolean last;
    try {
      last = decode(collected, name, data, offset, length);
    } catch (InferenceException notJson) {
      if (!finishing || notJson.kind() != ErrorKind.MALFORMED_RESPONSE) {
        throw notJson;
      }
      throw exchange
          .failure(
              request,
              ErrorKind.STREAM_TRUNCATED,
              exchange.dialect().providerName()
                  + " ended the stream in the middle of a line, before it said the answer was"
                  + " finished")
          .partialText(collected.text())
          .cause(notJson)
          .build();
    }
    if (last) {
      ended = true;
    }
  }

  /**
   * Lets the decoder read one frame, straight from its UTF-8 bytes; whether it ended the stream.
   */
  private boolean decode(ResponseSink collected, String name, byte[] json, int offset, int length) {
    boolean last;
    try {
      last = decoder.frame(name, json, offset, length, collected);
    } catch (IOException notJson) {
      throw exchange
          .failure(
              request,
              ErrorKind.MALFORMED_RESPONSE,
              exchange.dialect().providerName()
                  + " sent a stream frame that is not valid JSON: "
                  + ErrorMapper.snippet(
                      new String(json, offset, length, StandardCharsets.UTF_8), redactor))
          .partialText(collected.text())
          .cause(notJson)
          .build();
    }
    if (collected.hasError()) {
      throw exchange.payloadError(request, collected.error().orElseThrow(), 0, redactor).toBuilder()
          .partialText(collected.text())
          .build();
    }
    return last;
  }
}
