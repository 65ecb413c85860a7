package dev.inference.internal;

import dev.inference.InferenceClient;
import dev.inference.InferenceListener;
import dev.inference.InferenceListener.CallInfo.Mode;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.Middleware;
import dev.inference.ProviderDescription;
import dev.inference.runtime.RuntimeOperations;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A client seen through one middleware: {@code Inference.wrap} nests these, the first middleware
 * outermost.
 */
public final class WrappedClient implements InferenceClient {

  private final InferenceClient wrapped;
  private final Middleware middleware;
  private final InferenceListener listener;

  /**
   * Wraps a client in one middleware.
   *
   * @param wrapped the client (or the inner middleware)
   * @param middleware the middleware
   * @param listener told of each step of the middleware
   */
  public WrappedClient(InferenceClient wrapped, Middleware middleware, InferenceListener listener) {
    this.wrapped = Objects.requireNonNull(wrapped, "client");
    this.middleware = Objects.requireNonNull(middleware, "middleware");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public InferenceResponse infer(InferenceRequest request) {
    InferenceRequest transformed = transform(request, Mode.INFER);
    InferenceResponse response =
        Objects.requireNonNull(
            middleware.wrapInfer(transformed, wrapped::infer), () -> returnedNull("wrapInfer"));
    return respond(transformed, response);
  }

  @Override
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    InferenceRequest transformed;
    CompletableFuture<InferenceResponse> inner;
    try {
      transformed = transform(request, Mode.INFER_ASYNC);
      inner =
          Objects.requireNonNull(
              middleware.wrapInferAsync(transformed, wrapped::inferAsync),
              () -> returnedNull("wrapInferAsync"));
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
    CompletableFuture<InferenceResponse> result =
        inner.thenApply(response -> respond(transformed, response));
    result.whenComplete(
        (response, failure) -> {
          if (result.isCancelled()) {
            inner.cancel(true);
          }
        });
    return result;
  }

  @Override
  public InferenceStream stream(InferenceRequest request) {
    InferenceRequest transformed = transform(request, Mode.STREAM);
    InferenceStream inner =
        Objects.requireNonNull(
            middleware.wrapStream(transformed, wrapped::stream), () -> returnedNull("wrapStream"));
    return TransformedEvents.of(inner, transformed, middleware);
  }

  @Override
  public ProviderDescription describe() {
    return Objects.requireNonNull(
        middleware.describe(wrapped.describe()), () -> returnedNull("describe"));
  }

  @Override
  public Optional<RuntimeOperations> operations() {
    return Objects.requireNonNull(
        middleware.operations(wrapped.operations()), () -> returnedNull("operations"));
  }

  @Override
  public void close() {
    wrapped.close();
  }

  @Override
  public String toString() {
    return middleware.name() + "(" + wrapped + ")";
  }

  private InferenceRequest transform(InferenceRequest request, Mode mode) {
    Objects.requireNonNull(request, "request");
    if (listener != InferenceListener.NONE) {
      try {
        listener.middlewareStep(request, middleware.name(), mode);
      } catch (RuntimeException broken) {
        System.getLogger(WrappedClient.class.getName())
            .log(System.Logger.Level.WARNING, "an InferenceListener threw; ignored", broken);
      }
    }
    return Objects.requireNonNull(
        middleware.transformRequest(request), () -> returnedNull("transformRequest"));
  }

  private InferenceResponse respond(InferenceRequest request, InferenceResponse response) {
    return Objects.requireNonNull(
        middleware.transformResponse(request, response), () -> returnedNull("transformResponse"));
  }

  private String returnedNull(String method) {
    return "middleware " + middleware.name() + " returned null from " + method;
  }
}
