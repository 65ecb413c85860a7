package dev.inference.http.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.http.BodyTooLargeException;
import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineRequest;
import dev.inference.http.HttpEngineTimeoutException;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Json;
import dev.inference.kit.NdjsonDecoder;
import dev.inference.kit.Redactor;
import dev.inference.kit.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The second HTTP path of a client, for runtime operations: one JSON exchange with another endpoint
 * of the same runtime, or a POST whose NDJSON answer is handed over line by line.
 */
final class RuntimeExchanges {

  private final HttpExchange exchange;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService executor;
  private final int maxFrameBytes;
  private final int maxBodyBytes;
  private final Ticker ticker;

  RuntimeExchanges(
      HttpExchange exchange,
      ScheduledExecutorService scheduler,
      ExecutorService executor,
      int maxFrameBytes,
      int maxBodyBytes,
      Ticker ticker) {
    this.exchange = exchange;
    this.scheduler = scheduler;
    this.executor = executor;
    this.maxFrameBytes = maxFrameBytes;
    this.maxBodyBytes = maxBodyBytes;
    this.ticker = ticker;
  }

  /**
   * Sends one JSON request (or a GET) to another endpoint of the same runtime, with the profile's
   * headers, and reads the JSON answer.
   *
   * @param method {@code GET} or {@code POST}
   * @param uri the endpoint
   * @param body the body of a POST, or {@code null}
   * @param timeout the deadline
   * @return the answer; {@link JsonValue#ofNull()} for an empty body
   * @throws InferenceException for transport failures, HTTP errors and bodies that are not JSON
   */
  JsonValue exchangeJson(String method, URI uri, @Nullable JsonValue body, Duration timeout) {
    Redactor redactor = exchange.redactor();
    byte[] answer;
    int status;
    try (HttpEngine.Exchange response =
        send(
            exchange.operationRequest(method, uri, body, timeout, "application/json", true),
            redactor)) {
      status = response.status();
      answer = exchange.bufferedBody(null, response, redactor);
      if (status / 100 != 2) {
        throw exchange.httpError(null, status, response, answer, redactor);
      }
    }
    if (answer.length == 0) {
      return JsonValue.ofNull();
    }
    try {
      return Json.parse(new String(answer, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notJson) {
      throw exchange
          .failure(
              (String) null,
              ErrorKind.MALFORMED_RESPONSE,
              exchange.dialect().providerName()
                  + " answered "
                  + uri.getPath()
                  + " with a body that is not valid JSON: "
                  + ErrorMapper.snippet(answer, redactor))
          .cause(notJson)
          .build();
    }
  }

  /**
   * POSTs a JSON request and hands each line of the NDJSON answer to {@code onLine} as it arrives
   * (Ollama's pull progress), on the calling thread. An exception from {@code onLine} closes the
   * connection and propagates. Interrupting the calling thread closes the connection too, and fails
   * with {@link ErrorKind#CANCELLED}, the interrupt status kept. The body is read on one of the
   * client's threads, because a read blocked on {@code java.net.http}'s body stream does not
   * respond to interrupts.
   *
   * @param uri the endpoint
   * @param body the body
   * @param timeout the deadline for the whole exchange
   * @param onLine receives each line's JSON, in order
   * @throws InferenceException for transport failures, HTTP errors and lines that are not JSON
   */
  void streamJsonLines(
      URI uri, JsonValue body, Duration timeout, java.util.function.Consumer<JsonValue> onLine) {
    Redactor redactor = exchange.redactor();
    HttpEngine.Exchange response =
        send(
            exchange.operationRequest("POST", uri, body, timeout, "application/x-ndjson", false),
            redactor);
    InputStream in = response.body();
    ScheduledFuture<?> deadline =
        scheduler.schedule(response::abort, timeout.toNanos(), TimeUnit.NANOSECONDS);
    long started = ticker.nanos();
    Future<?> reader = null;
    try (response) {
      if (response.status() / 100 != 2) {
        throw exchange.httpError(
            null,
            response.status(),
            response,
            in.readNBytes(HttpExchange.MAX_ERROR_BODY_BYTES),
            redactor);
      }
      // A thread blocked in the body's read() ignores interrupts, so another thread reads and
      // the caller waits on a queue, which an interrupt does end; onLine runs on the caller.
      BlockingQueue<Object> lines = new ArrayBlockingQueue<>(64);
      try {
        reader = executor.submit(() -> readLines(in, lines, redactor));
      } catch (java.util.concurrent.RejectedExecutionException closedClient) {
        throw exchange.failure((String) null, ErrorKind.CANCELLED, "the client was closed").build();
      }
      while (true) {
        Object next;
        try {
          next = lines.take();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw exchange
              .failure((String) null, ErrorKind.CANCELLED, "the calling thread was interrupted")
              .cause(interrupted)
              .build();
        }
        if (next == END_OF_LINES) {
          return;
        }
        if (next instanceof IOException failed) {
          throw failed;
        }
        if (next instanceof RuntimeException failed) {
          throw failed;
        }
        onLine.accept((JsonValue) next);
      }
    } catch (IOException failed) {
      if (ticker.nanos() - started >= timeout.toNanos()) {
        throw exchange
            .failure(
                (String) null,
                ErrorKind.TIMEOUT,
                exchange.dialect().providerName()
                    + " did not finish "
                    + uri.getPath()
                    + " within "
                    + timeout.toMillis()
                    + " ms")
            .timeoutPhase(InferenceException.TimeoutPhase.TOTAL)
            .build();
      }
      throw exchange.transportFailure(null, failed, redactor);
    } finally {
      deadline.cancel(false);
      if (reader != null) {
        reader.cancel(true); // the body is closed by now; this ends a reader waiting to hand over
      }
    }
  }

  private static final Object END_OF_LINES = new Object();

  /** Whether a failure is a connection that broke, rather than one that never came or a limit. */
  private static boolean connectionBroke(IOException failed) {
    for (Throwable link = failed; link != null; link = link.getCause()) {
      if (link instanceof HttpEngineTimeoutException
          || link instanceof java.io.InterruptedIOException // the JDK's timeouts, socket timeouts
          || link instanceof java.net.ConnectException
          || link instanceof java.net.NoRouteToHostException
          || link instanceof java.net.UnknownHostException
          || link instanceof javax.net.ssl.SSLException
          || link instanceof BodyTooLargeException) {
        return false;
      }
    }
    return true;
  }

  /** Reads NDJSON lines into the queue, then {@link #END_OF_LINES} or the failure. */
  private void readLines(InputStream in, BlockingQueue<Object> out, Redactor redactor) {
    try {
      try {
        NdjsonDecoder lines =
            new NdjsonDecoder(
                maxFrameBytes,
                line -> {
                  JsonValue value;
                  try {
                    value = Json.parse(line);
                  } catch (IllegalArgumentException notJson) {
                    throw exchange
                        .failure(
                            (String) null,
                            ErrorKind.MALFORMED_RESPONSE,
                            exchange.dialect().providerName()
                                + " sent a line that is not valid JSON: "
                                + ErrorMapper.snippet(line, redactor))
                        .build();
                  }
                  if (ErrorMapper.isErrorPayload(value)) {
                    throw exchange.dialect().payloadError(value, redactor);
                  }
                  try {
                    out.put(value);
                  } catch (InterruptedException callerGone) {
                    Thread.currentThread().interrupt(); // so the put below gives up at once
                    throw new CancellationException("the caller stopped reading");
                  }
                });
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) >= 0; ) {
          lines.feed(buffer, 0, read);
        }
        lines.finish();
        out.put(END_OF_LINES);
      } catch (IOException | RuntimeException failed) {
        out.put(failed);
      }
    } catch (InterruptedException callerGone) {
      // the caller stopped reading; nobody waits for the outcome
    }
  }

  /**
   * Sends on the calling thread; a transport failure or an interrupt is a typed failure. A request
   * whose connection broke is sent once more, on a new connection: a keep-alive connection that the
   * server closes just as it is reused fails so ("header parser received no bytes"), and the JDK
   * resends only a GET itself. Every runtime operation only reads, or (a pull) resumes, so a second
   * try is safe. A refused connection, a timeout, TLS or a body limit is not tried again.
   */
  private HttpEngine.Exchange send(HttpEngineRequest request, Redactor redactor) {
    try {
      try {
        return exchange.engine().send(request);
      } catch (IOException failed) {
        if (!connectionBroke(failed)) {
          throw failed;
        }
        return exchange.engine().send(request);
      }
    } catch (IOException failed) {
      throw exchange.transportFailure(null, failed, redactor);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw exchange
          .failure((String) null, ErrorKind.CANCELLED, "the calling thread was interrupted")
          .cause(interrupted)
          .build();
    }
  }
}
