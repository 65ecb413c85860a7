package dev.inference;

import dev.inference.internal.UserInfo;
import dev.inference.spi.ProviderFactory;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One profile's settings for a driver: which driver, model, endpoint and key, the request defaults,
 * the policy values ({@link Timeouts}, {@link RetryPolicy}, {@link CircuitBreakerPolicy}, {@link
 * Limits}, {@link Tls}), plus the driver-specific options it declares in {@link
 * ProviderFactory#configKeys()}.
 *
 * <pre>{@code
 * ProviderSettings settings = ProviderSettings.builder("openai_chat_completions")
 *     .model("gpt-4.1-mini")
 *     .baseUrl(URI.create("https://api.openai.com/v1/chat/completions"))
 *     .apiKey(Secret.ofEnv("OPENAI_API_KEY"))
 *     .requestTimeout(Duration.ofSeconds(60))
 *     .build();
 * Duration total = settings.timeouts().request();
 * }</pre>
 *
 * @since 0.1
 */
public final class ProviderSettings {

  private final String driver;
  private final @Nullable String profileName;
  private final String model;
  private final @Nullable URI baseUrl;
  private final Optional<Secret> apiKey; // one Optional, not one per call
  private final @Nullable Double temperature;
  private final @Nullable Long maxOutputTokens;
  private final Timeouts timeouts;
  private final RetryPolicy retry;
  private final CircuitBreakerPolicy circuitBreaker;
  private final Limits limits;
  private final Tls tls;
  private final Map<String, JsonValue> options;

  private ProviderSettings(Builder builder) {
    this.driver = builder.driver;
    this.profileName = builder.profileName;
    if (builder.model == null) {
      throw new IllegalStateException("model is required: call model(...)");
    }
    this.model = builder.model;
    this.baseUrl = builder.baseUrl;
    this.apiKey = Optional.ofNullable(builder.apiKey);
    this.temperature = builder.temperature;
    this.maxOutputTokens = builder.maxOutputTokens;
    this.timeouts = builder.timeouts;
    this.retry = builder.retry.build();
    this.circuitBreaker = builder.circuitBreaker;
    this.limits = builder.limits;
    this.tls = builder.tls;
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
    builder.apiKey = apiKey.orElse(null);
    builder.temperature = temperature;
    builder.maxOutputTokens = maxOutputTokens;
    builder.timeouts = timeouts;
    builder.retry = retry.toBuilder();
    builder.circuitBreaker = circuitBreaker;
    builder.limits = limits;
    builder.tls = tls;
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
    return apiKey;
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
   * The timeouts: connect, total, first event, idle.
   *
   * @return the timeouts, never {@code null}
   * @since 0.2
   */
  public Timeouts timeouts() {
    return timeouts;
  }

  /**
   * How failed calls are retried.
   *
   * @return the retry policy, never {@code null}
   * @since 0.2
   */
  public RetryPolicy retry() {
    return retry;
  }

  /**
   * Whether and when the client stops calling a failing provider.
   *
   * @return the circuit breaker policy, never {@code null}
   * @since 0.2
   */
  public CircuitBreakerPolicy circuitBreaker() {
    return circuitBreaker;
  }

  /**
   * The concurrency and rate limits.
   *
   * @return the limits, never {@code null}
   * @since 0.2
   */
  public Limits limits() {
    return limits;
  }

  /**
   * The plain-http rule and the trusted CA certificates.
   *
   * @return the TLS values, never {@code null}
   * @since 0.2
   */
  public Tls tls() {
    return tls;
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
   * Shows every setting except the key's value and the user info of the base URL; options are shown
   * by name only, since their values may hold credentials.
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
        + (baseUrl == null ? null : UserInfo.redact(baseUrl.toString()))
        + ", apiKey="
        + apiKey.map(Secret::toString).orElse("none")
        + ", temperature="
        + temperature
        + ", maxOutputTokens="
        + maxOutputTokens
        + ", "
        + timeouts
        + ", "
        + retry
        + ", "
        + circuitBreaker
        + ", "
        + limits
        + ", "
        + tls
        + ", options="
        + options.keySet()
        + '}';
  }

  /**
   * Builds {@link ProviderSettings}; each setter checks its value. The policy setters ({@code
   * timeouts(...)}, {@code retry(...)}, {@code circuitBreaker(...)}, {@code limits(...)}, {@code
   * tls(...)} and their one-value shorthands such as {@code requestTimeout(...)}) are inherited.
   */
  public static final class Builder extends PolicySetters {
    private final String driver;
    private @Nullable String profileName;
    private @Nullable String model;
    private @Nullable URI baseUrl;
    private @Nullable Secret apiKey;
    private @Nullable Double temperature;
    private @Nullable Long maxOutputTokens;
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
     * <p>A socket driver's endpoint is {@code unix:/path/to/socket} (also {@code unix:///path}) or
     * {@code tcp://host:port}; which schemes a driver takes is the driver's to check.
     *
     * @param baseUrl an absolute {@code http} or {@code https} URL with a host, or a socket
     *     endpoint
     * @return this builder
     * @throws IllegalArgumentException if the URL is not absolute http(s) with a host, nor a socket
     *     endpoint
     */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = UserInfo.checkBaseUrl(baseUrl);
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
     * @throws IllegalStateException if the model was not set, or the longest retry backoff is below
     *     the first
     */
    public ProviderSettings build() {
      return new ProviderSettings(this);
    }

    @Override
    Builder self() {
      return this;
    }
  }
}
