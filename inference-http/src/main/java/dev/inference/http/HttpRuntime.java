package dev.inference.http;

import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A client's runtime, for a dialect's runtime operations: its settings, its chat endpoint, and JSON
 * exchanges with other endpoints of the same server, over the client's transport with the dialect's
 * headers, the key guard and redaction.
 *
 * @since 0.2
 */
public interface HttpRuntime {

  /**
   * The profile.
   *
   * @return the settings
   */
  ProviderSettings settings();

  /**
   * What the client is: kind, provider name, model, endpoint (user-info masked), capabilities.
   *
   * @return the description
   */
  dev.inference.ProviderDescription describe();

  /**
   * The chat endpoint; other endpoints of the runtime are derived from it.
   *
   * @return the endpoint
   */
  URI endpoint();

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
  JsonValue exchangeJson(String method, URI uri, @Nullable JsonValue body, Duration timeout);

  /**
   * POSTs a JSON request and hands each line of the NDJSON answer to {@code onLine} as it arrives,
   * on the calling thread. An exception from {@code onLine} closes the connection and propagates.
   * Interrupting the calling thread closes the connection too, and fails with {@code CANCELLED},
   * the interrupt status kept.
   *
   * @param uri the endpoint
   * @param body the body
   * @param timeout the deadline for the whole exchange
   * @param onLine receives each line's JSON, in order
   * @throws InferenceException for transport failures, HTTP errors and lines that are not JSON
   */
  void streamJsonLines(URI uri, JsonValue body, Duration timeout, Consumer<JsonValue> onLine);

  /**
   * Now, on the client's ticker (the driver context's clock).
   *
   * @return nanoseconds from the ticker's origin
   */
  long nanoTime();

  /**
   * Waits on the calling thread, measured by the client's scheduler (the driver context's, so a
   * test's fake one makes the wait instant).
   *
   * @param wait how long
   * @throws InterruptedException if the thread is interrupted while it waits
   * @throws InferenceException CANCELLED if the client was closed
   */
  void pause(Duration wait) throws InterruptedException;
}
