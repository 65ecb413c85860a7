package dev.inference.platform.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.ResponseFormat;
import dev.inference.runtime.RuntimeOperations;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The platform client: asks once more, with the cache-refresh header, when a JSON-object answer
 * held no JSON object (the gateway may have served a bad cached answer), as {@code
 * bitloops-inference} v0.1.5 does. Streams are not asked again: their text was already delivered.
 */
public final class CacheRefreshingClient implements InferenceClient {

  private final InferenceClient delegate;

  /**
   * Wraps the platform's HTTP client.
   *
   * @param delegate the client that talks to the gateway
   */
  public CacheRefreshingClient(InferenceClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public InferenceResponse infer(InferenceRequest request) {
    try {
      return delegate.infer(request);
    } catch (InferenceException failure) {
      if (!worthRefreshing(request, failure)) {
        throw failure;
      }
      return delegate.infer(refreshing(request));
    }
  }

  @Override
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    CompletableFuture<InferenceResponse> first = delegate.inferAsync(request);
    CompletableFuture<InferenceResponse> result =
        first
            .handle(
                (response, error) -> {
                  Throwable cause =
                      error instanceof java.util.concurrent.CompletionException
                              && error.getCause() != null
                          ? error.getCause()
                          : error;
                  if (cause instanceof InferenceException failure
                      && worthRefreshing(request, failure)) {
                    return delegate.inferAsync(refreshing(request));
                  }
                  return error == null
                      ? CompletableFuture.completedFuture(response)
                      : CompletableFuture.<InferenceResponse>failedFuture(cause);
                })
            .thenCompose(next -> next);
    result.whenComplete(
        (response, error) -> {
          if (result.isCancelled()) {
            first.cancel(true);
          }
        });
    return result;
  }

  @Override
  public InferenceStream stream(InferenceRequest request) {
    return delegate.stream(request);
  }

  @Override
  public ProviderDescription describe() {
    return delegate.describe();
  }

  @Override
  public Optional<RuntimeOperations> operations() {
    return delegate.operations();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "CacheRefreshingClient{" + delegate.describe() + '}';
  }

  private static boolean worthRefreshing(InferenceRequest request, InferenceException failure) {
    return failure.kind() == ErrorKind.MALFORMED_RESPONSE
        && request.responseFormat().kind() == ResponseFormat.Kind.JSON_OBJECT
        && !PlatformDialect.refreshesCache(request);
  }

  private static InferenceRequest refreshing(InferenceRequest request) {
    // the same call once more: it keeps its id, generated or not
    return request.toBuilder()
        .requestId(request.requestId())
        .metadata(PlatformDialect.REFRESH_CACHE_METADATA, JsonValue.of(true))
        .build();
  }
}
