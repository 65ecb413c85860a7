package dev.inference.http;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.http.internal.HttpChatClient;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import java.util.List;

/**
 * The HTTP transport over {@code java.net.http}: turns a {@link HttpDialect} into an {@link
 * InferenceClient} with one shared HTTP client, the four timeout layers (connect, first event,
 * idle, total), retries with {@code Retry-After}, the circuit breaker, bulkhead and rate limiter,
 * listener events, the plain-http key guard and redaction of secrets in every message.
 *
 * @since 0.2
 */
public final class HttpTransport {

  /** The profile key every HTTP driver declares for its frame limit. */
  public static final ConfigKey<Long> MAX_FRAME_BYTES =
      ConfigKey.integer(
          "max_frame_bytes",
          "the largest SSE event or NDJSON line accepted, in bytes (default 16 MiB)",
          1024,
          Integer.MAX_VALUE);

  /**
   * The profile key every HTTP driver declares for the largest non-streamed response body; the
   * limit is enforced while the body is read.
   */
  public static final ConfigKey<Long> MAX_BODY_BYTES =
      ConfigKey.integer(
          "max_body_bytes",
          "the largest non-streamed response body accepted, in bytes (default 32 MiB)",
          1024,
          Integer.MAX_VALUE);

  /**
   * The keys every HTTP driver declares besides its own: {@link #MAX_FRAME_BYTES}, {@link
   * #MAX_BODY_BYTES}.
   */
  public static final List<ConfigKey<?>> CONFIG_KEYS = List.of(MAX_FRAME_BYTES, MAX_BODY_BYTES);

  /** The body limit unless {@code max_body_bytes} is set: 32 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

  private HttpTransport() {}

  /**
   * A client for one profile. It reads the endpoint and the options now, so a bad profile fails
   * here; it makes no network call.
   *
   * @param settings the profile
   * @param context the application's listener, clock and threads
   * @param dialect the provider's wire format
   * @param capabilities what the driver declares
   * @return the client, never {@code null}
   * @throws IllegalArgumentException if the settings do not suit the dialect or the transport
   */
  public static InferenceClient client(
      ProviderSettings settings,
      DriverContext context,
      HttpDialect dialect,
      Capabilities capabilities) {
    return new HttpChatClient(settings, context, dialect, capabilities, dialect.endpoint(settings));
  }
}
