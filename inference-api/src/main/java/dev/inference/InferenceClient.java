package dev.inference;

import dev.inference.runtime.RuntimeOperations;
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
   * Asks for an answer shaped as a Java record and returns it as that record: the request goes out
   * with the record's {@link JsonSchema} as its response format ({@link
   * ResponseFormat#jsonSchema}), and the parsed answer is mapped onto the record ({@link
   * JsonValue#as}).
   *
   * <pre>{@code
   * record Verdict(boolean approve, @Description("one sentence") String reason) {}
   * Verdict verdict = client.infer(InferenceRequest.of("Review this diff: ..."), Verdict.class);
   * }</pre>
   *
   * @param request the request; its response format is replaced
   * @param type the record the answer must fit
   * @param <T> the record type
   * @return the answer, never {@code null}
   * @throws InferenceException if the call fails, or with {@link ErrorKind#MALFORMED_RESPONSE} if
   *     the answer is not JSON or does not fit the record (the message names the JSON path, {@link
   *     InferenceException#partialText()} holds the answer)
   * @throws IllegalArgumentException if the record has a component no schema can describe
   * @since 0.2
   */
  default <T extends Record> T infer(InferenceRequest request, Class<T> type) {
    JsonSchema schema = JsonSchema.of(type);
    InferenceResponse response =
        infer(request.toBuilder().responseFormat(ResponseFormat.jsonSchema(schema)).build());
    try {
      JsonValue json =
          response
              .parsedJson()
              .orElseThrow(() -> new IllegalArgumentException("$: the answer holds no JSON"));
      return json.as(type);
    } catch (IllegalArgumentException doesNotFit) {
      throw InferenceException.builder(
              ErrorKind.MALFORMED_RESPONSE,
              "the answer does not fit " + type.getSimpleName() + ": " + doesNotFit.getMessage())
          .requestId(response.requestId())
          .providerName(response.providerName())
          .partialText(response.text())
          .build();
    }
  }

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
