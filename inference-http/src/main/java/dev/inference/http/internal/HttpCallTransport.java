package dev.inference.http.internal;

import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineRequest;
import dev.inference.kit.CallTransport;
import dev.inference.kit.Redactor;
import dev.inference.kit.StreamAttempt;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** The kit's call pipeline over the client's {@link HttpEngine}: one HTTP exchange per attempt. */
final class HttpCallTransport implements CallTransport {

  private final HttpExchange exchange;
  private final ScheduledExecutorService scheduler;
  private final int maxFrameBytes;

  HttpCallTransport(HttpExchange exchange, ScheduledExecutorService scheduler, int maxFrameBytes) {
    this.exchange = exchange;
    this.scheduler = scheduler;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public Call prepare(InferenceRequest request, boolean stream) {
    Redactor redactor = exchange.redactor();
    HttpEngineRequest httpRequest = exchange.httpRequest(request, stream);
    return new Call() {
      @Override
      public InferenceResponse send() {
        return exchange.attemptOnCaller(request, httpRequest, redactor);
      }

      @Override
      public CompletableFuture<InferenceResponse> sendAsync(ExecutorService executor) {
        return exchange.sendAndRead(request, httpRequest, redactor);
      }

      @Override
      public StreamAttempt open() {
        return openStream(request, httpRequest, redactor);
      }
    };
  }

  private StreamAttempt openStream(
      InferenceRequest request, HttpEngineRequest httpRequest, Redactor redactor) {
    HttpEngine.Exchange response = exchange.sendOnCaller(request, httpRequest, redactor);
    if (response.status() / 100 != 2) {
      byte[] body;
      try (response;
          InputStream in = response.body()) {
        body = in.readNBytes(HttpExchange.MAX_ERROR_BODY_BYTES);
      } catch (IOException unreadable) {
        body = new byte[0];
      }
      throw exchange.httpError(request.requestId(), response.status(), response, body, redactor);
    }
    return new HttpStreamAttempt(exchange, request, response, redactor, scheduler, maxFrameBytes);
  }

  @Override
  public void close() {
    exchange.engine().close();
  }
}
