package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import java.util.Map;
import java.util.Objects;

/**
 * The invariant of an HTTP driver's fuzz test: whatever bytes the provider answers with, as a
 * buffered body, a streamed body or an error body, the client returns a response (events) or throws
 * an {@link InferenceException}; nothing else escapes, no exchange is left open, and the planted
 * secret shows in no message nor in a kept error body. Every {@code @@} in the bytes is replaced by
 * the secret first, so that the fuzzer plants it wherever it likes. The client must use {@link
 * ReplayHttpEngine} and make no retries, with its circuit breaker off.
 *
 * @since 0.2
 */
public final class WireFuzzing {

  /** The error statuses an error body is answered with, one chosen by the body's length. */
  private static final int[] ERROR_STATUSES = {400, 401, 404, 413, 429, 500, 503, 529};

  private final InferenceClient client;
  private final String secret;
  private final String streamType;

  private WireFuzzing(InferenceClient client, String secret, String streamType) {
    this.client = client;
    this.secret = secret;
    this.streamType = streamType;
  }

  /**
   * A fuzzing harness for one client.
   *
   * @param client a client over {@link ReplayHttpEngine}, with {@code max_retries = 0}
   * @param secret the key the client was given, which no message may show
   * @param streamType the {@code Content-Type} of the driver's streamed bodies
   * @return the harness, never {@code null}
   */
  public static WireFuzzing of(InferenceClient client, String secret, String streamType) {
    return new WireFuzzing(
        Objects.requireNonNull(client, "client"),
        Objects.requireNonNull(secret, "secret"),
        Objects.requireNonNull(streamType, "streamType"));
  }

  /**
   * Answers one buffered call with {@code body} and status 200.
   *
   * @param body the provider's bytes
   */
  public void buffered(byte[] body) {
    ReplayHttpEngine.answer(200, Map.of("Content-Type", "application/json"), planted(body));
    try {
      assertThat(client.infer(InferenceRequest.of("hi"))).isNotNull();
    } catch (InferenceException e) {
      checkMessage(e);
    }
    assertThat(ReplayHttpEngine.openExchanges()).as("exchanges left open").isZero();
  }

  /**
   * Answers one streamed call with {@code body} and status 200, and reads every event.
   *
   * @param body the provider's bytes
   */
  public void streamed(byte[] body) {
    ReplayHttpEngine.answer(200, Map.of("Content-Type", streamType), planted(body));
    try (InferenceStream stream = client.stream(InferenceRequest.of("hi"))) {
      for (StreamEvent event : stream) {
        assertThat(event).isNotNull();
      }
    } catch (InferenceException e) {
      checkMessage(e);
    }
    assertThat(ReplayHttpEngine.openExchanges()).as("exchanges left open").isZero();
  }

  /**
   * Answers one buffered call with {@code body} as an error body, with a {@code Retry-After} taken
   * from the body's first line; the call must fail with an {@link InferenceException}.
   *
   * @param body the provider's bytes
   */
  public void error(byte[] body) {
    int status = ERROR_STATUSES[body.length % ERROR_STATUSES.length];
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    String retryAfter = (end < 0 ? text : text.substring(0, end)).replaceAll("[^ -~]", "");
    ReplayHttpEngine.answer(
        status,
        Map.of("Content-Type", "application/json", "Retry-After", retryAfter),
        planted(body));
    try {
      client.infer(InferenceRequest.of("hi"));
      throw new AssertionError("status " + status + " answered without an error");
    } catch (InferenceException e) {
      checkMessage(e);
      assertThat(e.httpStatus()).as("status of %s", e).hasValue(status);
    }
    assertThat(ReplayHttpEngine.openExchanges()).as("exchanges left open").isZero();
  }

  private byte[] planted(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    return text.replace("@@", secret).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private void checkMessage(InferenceException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
      assertThat(t.toString()).doesNotContain(secret);
    }
    e.responseBody().ifPresent(body -> assertThat(body).doesNotContain(secret));
  }
}
