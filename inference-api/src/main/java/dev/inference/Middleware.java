package dev.inference;

import dev.inference.runtime.RuntimeOperations;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Changes what a client's calls do without touching its driver: transforms the request, wraps a
 * blocking, async or streamed call, transforms each streamed event and the final response. Every
 * method has a default that passes things through, so a middleware overrides only what it needs.
 *
 * <pre>{@code
 * InferenceClient client = Inference.wrap(connected,
 *     RequestDefaults.builder().temperature(0.2).build(),   // outermost: sees the caller's request
 *     ResponseCache.inMemory(1_000));                      // innermost: sees the defaults applied
 * }</pre>
 *
 * <p>{@link Inference#wrap} composes middleware in the order given: the first is the outermost. For
 * each call, the outermost's {@link #transformRequest} runs first and every inner one sees its
 * changes; responses and events come back the other way, the innermost's {@link #transformResponse}
 * first, so the outermost sees what the inner ones made of them.
 *
 * <p>For one middleware, a call goes: {@link #transformRequest}, then {@link #wrapInfer} ({@link
 * #wrapInferAsync}, {@link #wrapStream}) around the rest of the chain, then {@link
 * #transformResponse} on what that returned; for a stream, {@link #transformEvent} on each delta
 * and {@link #transformResponse} on the response of the {@link StreamEvent.Completed} event.
 *
 * <p>The stream contract holds whatever a middleware does: a wrapped stream delivers deltas, then
 * exactly one {@code Completed} whose text is the text of the deltas it delivered, or fails with an
 * {@link InferenceException}. A {@link #transformEvent} that returns a {@code Completed} event
 * fails the stream. Methods are called on the thread that does the work and may be called
 * concurrently for different calls: a middleware is thread-safe.
 *
 * @since 0.2
 */
public interface Middleware {

  /**
   * The rest of the chain, as a middleware sees it: the inner middleware and, at the end, the
   * wrapped client.
   *
   * @param <T> what the call returns
   * @since 0.2
   */
  @FunctionalInterface
  interface Next<T> {
    /**
     * Calls the rest of the chain.
     *
     * @param request the request to send, possibly changed
     * @return what the rest of the chain returned
     * @throws InferenceException if the call fails
     */
    T call(InferenceRequest request);
  }

  /**
   * A short name for logs and listeners.
   *
   * @return the name; the class's simple name unless overridden
   */
  default String name() {
    String simple = getClass().getSimpleName();
    return simple.isEmpty() ? getClass().getName() : simple;
  }

  /**
   * Changes the request before anything else of this middleware runs. A changed request is still
   * the same call: keep its id ({@code request.toBuilder().requestId(request.requestId())}, as
   * {@link InferenceRequest#toBuilder()} otherwise drops a generated one).
   *
   * @param request the request, as the outer middleware left it
   * @return the request to go on with, never {@code null}; the same one unless overridden
   */
  default InferenceRequest transformRequest(InferenceRequest request) {
    return request;
  }

  /**
   * Wraps a blocking call: may answer without calling {@code next} (a cache), call it more than
   * once, or observe it.
   *
   * @param request the transformed request
   * @param next the rest of the chain
   * @return the response, never {@code null}
   * @throws InferenceException if the call fails
   */
  default InferenceResponse wrapInfer(InferenceRequest request, Next<InferenceResponse> next) {
    return next.call(request);
  }

  /**
   * Wraps an async call; by default passes it on.
   *
   * @param request the transformed request
   * @param next the rest of the chain
   * @return the future response, never {@code null}
   */
  default CompletableFuture<InferenceResponse> wrapInferAsync(
      InferenceRequest request, Next<CompletableFuture<InferenceResponse>> next) {
    return next.call(request);
  }

  /**
   * Wraps a streamed call: may return another stream (one replayed from a cache, made with {@link
   * dev.inference.spi.InferenceStreams#of}), or observe the one {@code next} returns.
   *
   * @param request the transformed request
   * @param next the rest of the chain
   * @return the stream, never {@code null}
   * @throws InferenceException if the call fails before the stream opens
   */
  default InferenceStream wrapStream(InferenceRequest request, Next<InferenceStream> next) {
    return next.call(request);
  }

  /**
   * Sees, and may change, each delta of a stream before the outer middleware and the caller see it.
   *
   * @param request the transformed request
   * @param event a delta ({@link StreamEvent.TextDelta}, {@link StreamEvent.ReasoningDelta}, {@link
   *     StreamEvent.ToolCallDelta}, or a kind added later); never the {@code Completed} event
   * @return the delta to deliver, never {@code null}; the same one unless overridden
   */
  default StreamEvent transformEvent(InferenceRequest request, StreamEvent event) {
    return event;
  }

  /**
   * Sees, and may change, the final response: of a blocking or async call, and of a stream's {@code
   * Completed} event (whose text the stream then sets to the text of the deltas it delivered).
   *
   * @param request the transformed request
   * @param response the response of the rest of the chain
   * @return the response to return, never {@code null}; the same one unless overridden
   */
  default InferenceResponse transformResponse(
      InferenceRequest request, InferenceResponse response) {
    return response;
  }

  /**
   * What the wrapped client says it is.
   *
   * @param wrapped the wrapped client's description
   * @return the description to report; the wrapped one unless overridden
   */
  default ProviderDescription describe(ProviderDescription wrapped) {
    return wrapped;
  }

  /**
   * The wrapped client's runtime operations.
   *
   * @param wrapped the wrapped client's operations, or empty
   * @return the operations to offer; the wrapped ones unless overridden
   */
  default Optional<RuntimeOperations> operations(Optional<RuntimeOperations> wrapped) {
    return wrapped;
  }
}
