package dev.inference.http;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.http.internal.HttpChatClient;
import dev.inference.kit.Redactor;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The HTTP transport: turns a {@link HttpDialect} into an {@link InferenceClient} with one shared
 * HTTP client ({@code java.net.http} unless the profile's {@link #HTTP_CLIENT} names another {@link
 * HttpEngine}), the four timeout layers (connect, first event, idle, total), retries with {@code
 * Retry-After}, the circuit breaker, bulkhead and rate limiter, listener events, the plain-http key
 * guard and redaction of secrets in every message.
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
   * The profile key every HTTP driver declares for its HTTP client (experimental): {@code jdk}, the
   * built-in {@code java.net.http} client and the default, or the {@link HttpEngineFactory#name()}
   * of an installed engine module, such as {@code apache} (inference-http-apache). A name that is
   * not installed is a settings problem that lists the installed ones.
   *
   * @since 0.2
   */
  public static final ConfigKey<String> HTTP_CLIENT =
      ConfigKey.string(
          "http_client",
          "the HTTP client: jdk (java.net.http, the default) or an installed engine module's name,"
              + " such as apache");

  /**
   * The keys every HTTP driver declares besides its own: {@link #MAX_FRAME_BYTES}, {@link
   * #MAX_BODY_BYTES}, {@link #HTTP_CLIENT}.
   */
  public static final List<ConfigKey<?>> CONFIG_KEYS =
      List.of(MAX_FRAME_BYTES, MAX_BODY_BYTES, HTTP_CLIENT);

  /**
   * The profile key for extra HTTP headers sent with every call, for a driver that offers them
   * (gateways want their own headers); read it with {@link #extraHeaders}, which checks the names.
   */
  public static final ConfigKey<Map<String, String>> HEADERS =
      ConfigKey.stringTable("headers", "extra HTTP headers sent with every call");

  /** Compiled on first use: only a profile with extra headers needs it (bench/notes.md). */
  private static final class HeaderName {
    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private HeaderName() {}
  }

  // the HTTP clients set these themselves (the JDK's refuses them from a caller)
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** The body limit unless {@code max_body_bytes} is set: 32 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

  private HttpTransport() {}

  /**
   * The profile's {@link #HEADERS}, in their order.
   *
   * @param settings the profile
   * @return the headers; empty when the key is not set
   * @throws IllegalArgumentException if a name is not a valid HTTP header name
   */
  public static Map<String, String> extraHeaders(ProviderSettings settings) {
    List<SettingsProblem> problems = headerProblems(settings);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).key() + ": " + problems.get(0).message());
    }
    return HEADERS.from(settings).orElse(Map.of());
  }

  /**
   * What is wrong with the profile's {@link #HEADERS}, for a factory's {@code validate}.
   *
   * @param settings the profile
   * @return one problem per bad header name; empty when there are none
   */
  public static List<SettingsProblem> headerProblems(ProviderSettings settings) {
    List<SettingsProblem> problems = new ArrayList<>();
    for (String name : HEADERS.from(settings).orElse(Map.of()).keySet()) {
      if (!HeaderName.PATTERN.matcher(name).matches()) {
        problems.add(
            SettingsProblem.error(HEADERS.name(), "'" + name + "' is not a valid header name"));
      } else if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        problems.add(
            SettingsProblem.error(
                HEADERS.name(), "'" + name + "' is set by the HTTP client itself; leave it out"));
      }
    }
    return problems;
  }

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
    URI endpoint = dialect.endpoint(settings);
    if (!EndpointRules.isHttp(endpoint)) {
      throw new IllegalArgumentException(
          "driver "
              + dialect.kind()
              + " needs an http:// or https:// base_url, but was '"
              + Redactor.url(endpoint)
              + "'");
    }
    return new HttpChatClient(settings, context, dialect, capabilities, endpoint);
  }
}
