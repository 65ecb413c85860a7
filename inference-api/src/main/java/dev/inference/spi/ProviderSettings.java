package dev.inference.spi;

import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One profile's settings for a driver: which driver, model, endpoint, key, defaults and timeouts,
 * plus the driver-specific options it declares in {@link ProviderFactory#configKeys()}.
 *
 * <pre>{@code
 * ProviderSettings settings = ProviderSettings.builder("openai_chat_completions")
 *     .model("gpt-4.1-mini")
 *     .baseUrl(URI.create("https://api.openai.com/v1/chat/completions"))
 *     .apiKey(Secret.ofEnv("OPENAI_API_KEY"))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ProviderSettings {

  /** The connect timeout unless set. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The total timeout of a call unless set, as {@code bitloops-inference} defaults it. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(300);

  private final String driver;
  private final @Nullable String profileName;
  private final String model;
  private final @Nullable URI baseUrl;
  private final @Nullable Secret apiKey;
  private final @Nullable Double temperature;
  private final @Nullable Long maxOutputTokens;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Map<String, JsonValue> options;

  private ProviderSettings(Builder builder) {
    this.driver = builder.driver;
    this.profileName = builder.profileName;
    if (builder.model == null) {
      throw new IllegalStateException("model is required: call model(...)");
    }
    this.model = builder.model;
    this.baseUrl = builder.baseUrl;
    this.apiKey = builder.apiKey;
    this.temperature = builder.temperature;
    this.maxOutputTokens = builder.maxOutputTokens;
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(builder.options));
  }

  /**
   * A new builder for the given driver.
   *
   * @param driver the driver id ({@code openai_chat_completions})
   * @return the builder
   */
  public static Builder builder(String driver) {
    return new Builder(driver);
  }

  /**
   * A builder holding these settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder(driver);
    builder.profileName = profileName;
    builder.model = model;
    builder.baseUrl = baseUrl;
    builder.apiKey = apiKey;
    builder.temperature = temperature;
    builder.maxOutputTokens = maxOutputTokens;
    builder.connectTimeout = connectTimeout;
    builder.requestTimeout = requestTimeout;
    builder.options.putAll(options);
    return builder;
  }

  /**
   * The driver id.
   *
   * @return the id, never {@code null}
   */
  public String driver() {
    return driver;
  }

  /**
   * The profile these settings came from, for messages.
   *
   * @return the profile name, or empty
   */
  public Optional<String> profileName() {
    return Optional.ofNullable(profileName);
  }

  /**
   * The model to ask for.
   *
   * @return the model, never blank
   */
  public String model() {
    return model;
  }

  /**
   * The full endpoint URL requests go to; drivers with a default may leave it unset.
   *
   * @return the endpoint, or empty
   */
  public Optional<URI> baseUrl() {
    return Optional.ofNullable(baseUrl);
  }

  /**
   * The API key.
   *
   * @return the key, or empty when none is sent
   */
  public Optional<Secret> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  /**
   * The default temperature for requests that set none.
   *
   * @return the temperature, or empty
   */
  public OptionalDouble temperature() {
    return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
  }

  /**
   * The default output-token limit for requests that set none.
   *
   * @return the limit, or empty
   */
  public OptionalLong maxOutputTokens() {
    return maxOutputTokens == null ? OptionalLong.empty() : OptionalLong.of(maxOutputTokens);
  }

  /**
   * How long opening a connection may take.
   *
   * @return the connect timeout, never {@code null}
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * How long a whole call may take ({@code request_timeout_secs}); a request's own timeout replaces
   * it.
   *
   * @return the total timeout, never {@code null}
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The driver-specific options, by TOML key.
   *
   * @return an unmodifiable map, possibly empty
   */
  public Map<String, JsonValue> options() {
    return options;
  }

  /**
   * One driver-specific option.
   *
   * @param name the TOML key
   * @return the value, or empty
   */
  public Optional<JsonValue> option(String name) {
    return Optional.ofNullable(options.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * Shows every setting except the key's value.
   *
   * @return a description with the key redacted
   */
  @Override
  public String toString() {
    return "ProviderSettings{driver="
        + driver
        + (profileName != null ? ", profile=" + profileName : "")
        + ", model="
        + model
        + ", baseUrl="
        + (baseUrl == null ? null : redact(baseUrl))
        + ", apiKey="
        + (apiKey == null ? "none" : apiKey.toString())
        + ", temperature="
        + temperature
        + ", maxOutputTokens="
        + maxOutputTokens
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", options="
        + options.keySet()
        + '}';
  }

  /**
   * Whether the URL names a host. {@link URI#getHost()} is {@code null} for names that are not DNS
   * names (Docker service names such as {@code my_ollama}), so the raw authority is checked too.
   */
  private static boolean hasHost(URI url) {
    if (url.getHost() != null) {
      return true;
    }
    String authority = url.getRawAuthority();
    if (authority == null) {
      return false;
    }
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && host.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      host = host.substring(0, colon);
    }
    return !host.isBlank();
  }

  /**
   * The URL as text with any user info ({@code user:token@}) replaced by {@code ****}. Works on the
   * text rather than on {@link URI#getRawUserInfo()}, which is {@code null} when the authority is
   * not a server name (a Docker service name) or the URI is opaque, although the text may still
   * hold a secret.
   */
  static String redact(URI url) {
    String text = url.toString();
    String scheme = url.getScheme();
    int start;
    if (scheme != null && text.startsWith("//", scheme.length() + 1)) {
      start = scheme.length() + 3;
    } else if (text.startsWith("//")) {
      start = 2;
    } else {
      start = scheme == null ? 0 : scheme.length() + 1;
    }
    int end = start;
    while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    int at = text.lastIndexOf('@', end - 1);
    return at < start ? text : text.substring(0, start) + "****" + text.substring(at);
  }

  /** Builds {@link ProviderSettings}; each setter checks its value. */
  public static final class Builder {
    private final String driver;
    private @Nullable String profileName;
    private @Nullable String model;
    private @Nullable URI baseUrl;
    private @Nullable Secret apiKey;
    private @Nullable Double temperature;
    private @Nullable Long maxOutputTokens;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private final Map<String, JsonValue> options = new LinkedHashMap<>();

    private Builder(String driver) {
      Objects.requireNonNull(driver, "driver");
      if (driver.isBlank()) {
        throw new IllegalArgumentException("driver must not be blank");
      }
      this.driver = driver.trim();
    }

    /**
     * Sets the profile name, used in messages.
     *
     * @param profileName the name
     * @return this builder
     */
    public Builder profileName(String profileName) {
      this.profileName = Objects.requireNonNull(profileName, "profileName");
      return this;
    }

    /**
     * Sets the model.
     *
     * @param model a non-blank model name; stored trimmed
     * @return this builder
     */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank, but was '" + model + "'");
      }
      this.model = model.trim();
      return this;
    }

    /**
     * Sets the full endpoint URL.
     *
     * <p>The scheme is compared case-insensitively, and the host may be a name that is not a DNS
     * name, such as a Docker service name ({@code http://my_ollama:11434/api/chat}). User info
     * ({@code https://user:token@host/...}) is kept for the driver but redacted in {@link
     * ProviderSettings#toString()} and in error messages.
     *
     * @param baseUrl an absolute {@code http} or {@code https} URL with a host
     * @return this builder
     * @throws IllegalArgumentException if the URL is not absolute http(s) or has no host
     */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme = baseUrl.getScheme();
      boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
      if (!web || !hasHost(baseUrl)) {
        throw new IllegalArgumentException(
            "baseUrl must be an absolute http:// or https:// URL, but was '"
                + redact(baseUrl)
                + "'");
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Sets the API key.
     *
     * @param apiKey the key
     * @return this builder
     */
    public Builder apiKey(Secret apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * Sets the default temperature.
     *
     * @param temperature a finite value, {@code >= 0}
     * @return this builder
     */
    public Builder temperature(double temperature) {
      if (!Double.isFinite(temperature) || temperature < 0) {
        throw new IllegalArgumentException(
            "temperature must be a finite value >= 0, but was " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /**
     * Sets the default output-token limit.
     *
     * @param maxOutputTokens from 1 to {@value InferenceRequest#MAX_OUTPUT_TOKENS_LIMIT}
     * @return this builder
     */
    public Builder maxOutputTokens(long maxOutputTokens) {
      if (maxOutputTokens < 1 || maxOutputTokens > InferenceRequest.MAX_OUTPUT_TOKENS_LIMIT) {
        throw new IllegalArgumentException(
            "maxOutputTokens must be between 1 and "
                + InferenceRequest.MAX_OUTPUT_TOKENS_LIMIT
                + ", but was "
                + maxOutputTokens);
      }
      this.maxOutputTokens = maxOutputTokens;
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive("connectTimeout", connectTimeout);
      return this;
    }

    /**
     * Sets the total timeout of a call.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive("requestTimeout", requestTimeout);
      return this;
    }

    /**
     * Sets a driver-specific option.
     *
     * @param name the TOML key the driver declares
     * @param value the value
     * @return this builder
     */
    public Builder option(String name, JsonValue value) {
      options.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws IllegalStateException if the model was not set
     */
    public ProviderSettings build() {
      return new ProviderSettings(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }
  }
}
