package dev.inference;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to one provider and model (one profile): thread-safe, long-lived, and closed when
 * the application no longer needs it.
 *
 * <p>Get one from {@link Inference#connect} or from the config module's {@code
 * InferenceConfig.load(path).client(profile)}. Every failure is an {@link InferenceException}.
 *
 * @since 0.1
 */
public interface InferenceClient extends AutoCloseable {

  /**
   * Sends the request and waits for the whole answer. Interrupting the calling thread cancels the
   * call: it fails with {@link ErrorKind#CANCELLED} and the thread's interrupt status stays set.
   *
   * @param request the request
   * @return the answer, never {@code null}
   * @throws InferenceException if the call fails; {@link InferenceException#kind()} says how
   */
  InferenceResponse infer(InferenceRequest request);

  /**
   * Sends the request without blocking the caller.
   *
   * @param request the request
   * @return a future completed with the answer, or exceptionally with an {@link
   *     InferenceException}; cancelling it cancels the call
   */
  CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request);

  /**
   * Sends the request and returns the answer as it is generated: deltas, then exactly one {@link
   * StreamEvent.Completed}. Close the stream to cancel the call.
   *
   * @param request the request
   * @return the stream, which the caller must close
   * @throws InferenceException if the call fails before the stream opens
   */
  InferenceStream stream(InferenceRequest request);

  /**
   * What this client talks to; makes no network call and shows no secret.
   *
   * @return the description, never {@code null}
   */
  ProviderDescription describe();

  /**
   * Runtime operations (status, verify, ensure model, await ready), for drivers that offer them.
   *
   * @return the operations, or empty when the driver has none
   */
  default Optional<RuntimeOperations> operations() {
    return Optional.empty();
  }

  /**
   * Releases the client's connections and threads and cancels the calls in flight; later calls fail
   * with {@link ErrorKind#CANCELLED}.
   */
  @Override
  void close();
}
