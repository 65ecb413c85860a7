package dev.inference.kit;

import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * How a driver reaches its provider, for the {@link CallPipeline}: HTTP, a socket, anything that
 * can carry one request and its answer. The pipeline owns everything around the exchange (the
 * deadline, retries, the circuit breaker, bulkhead and rate limiter, cancellation, stream assembly,
 * listener events); the transport only prepares a request and makes attempts.
 *
 * <p>Blocking methods run on the caller's thread. The pipeline stops them by interrupting that
 * thread (at the total deadline, on {@code close()}), so their I/O must be interruptible: {@code
 * java.net.http.HttpClient.send} and a blocking {@link java.nio.channels.SocketChannel} are; a
 * {@link java.net.Socket}'s streams are not.
 *
 * @since 0.2
 */
public interface CallTransport extends AutoCloseable {

  /**
   * Prepares one call before any attempt: validates what the transport's provider cannot take and
   * encodes the request once, for every attempt of the call.
   *
   * @param request the request; the pipeline has already checked it against the capabilities
   * @param stream whether the call is streamed
   * @return the prepared call
   * @throws InferenceException (usually {@code INVALID_REQUEST} or {@code UNSUPPORTED}) when the
   *     request cannot be sent; nothing was sent
   */
  Call prepare(InferenceRequest request, boolean stream);

  /** Releases what the transport holds (connections, clients); the pipeline calls it last. */
  @Override
  default void close() {}

  /** One prepared call; each method is one attempt, which the pipeline may repeat. */
  interface Call {

    /**
     * One attempt of a non-streamed call, on the caller's thread, whole answer read.
     *
     * @return the response
     * @throws InferenceException how the attempt failed; the pipeline decides whether to retry
     */
    InferenceResponse send();

    /**
     * One attempt of an asynchronous non-streamed call. The default runs {@link #send()} on {@code
     * executor}, and cancelling the returned future interrupts it there; a transport with an
     * asynchronous client of its own overrides it.
     *
     * @param executor the client's executor
     * @return the response, later; cancelling it aborts the attempt
     */
    default CompletableFuture<InferenceResponse> sendAsync(ExecutorService executor) {
      return OnExecutor.run(executor, this::send);
    }

    /**
     * Opens one attempt of a streamed call, on the caller's thread: returns once the provider has
     * accepted the call (HTTP: the headers are in and say so), before reading the stream.
     *
     * @return the open stream
     * @throws InferenceException how the attempt failed before the stream began
     */
    StreamAttempt open();
  }
}
