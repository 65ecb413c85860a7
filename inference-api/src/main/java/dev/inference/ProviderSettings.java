package dev.inference;

import dev.inference.internal.UserInfo;
import dev.inference.spi.ProviderFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
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

  /** Retries of a failed call unless set. */
  public static final int DEFAULT_MAX_RETRIES = 2;

  /** The first backoff between retries unless set. */
  public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(500);

  /** The longest backoff between retries unless set; a longer {@code Retry-After} fails at once. */
  public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(8);

  /** The failure rate, in percent, that opens the circuit breaker unless set. */
  public static final int DEFAULT_CIRCUIT_BREAKER_FAILURE_RATE = 50;

  /** The calls the circuit breaker needs before it judges the failure rate, unless set. */
  public static final int DEFAULT_CIRCUIT_BREAKER_MINIMUM_CALLS = 10;

  /** How long an open circuit breaker fails calls fast before trying again, unless set. */
  public static final Duration DEFAULT_CIRCUIT_BREAKER_WAIT = Duration.ofSeconds(30);

  private final String driver;
  private final @Nullable String profileName;
  private final String model;
  private final @Nullable URI baseUrl;
  private final @Nullable Secret apiKey;
  private final @Nullable Double temperature;
  private final @Nullable Long maxOutputTokens;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final @Nullable Duration firstEventTimeout;
  private final @Nullable Duration idleTimeout;
  private final int maxRetries;
  private final Duration retryInitialBackoff;
  private final Duration retryMaxBackoff;
  private final @Nullable Integer maxConcurrentRequests;
  private final @Nullable Double requestsPerSecond;
  private final int circuitBreakerFailureRate;
  private final int circuitBreakerMinimumCalls;
  private final Duration circuitBreakerWait;
  private final boolean circuitBreakerEnabled;
  private final boolean allowInsecureHttp;
  private final @Nullable Path tlsCaFile;
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
    this.firstEventTimeout = builder.firstEventTimeout;
    this.idleTimeout = builder.idleTimeout;
    this.maxRetries = builder.maxRetries;
    if (builder.retryMaxBackoff.compareTo(builder.retryInitialBackoff) < 0) {
      throw new IllegalStateException(
          "retryMaxBackoff must be >= retryInitialBackoff ("
              + builder.retryInitialBackoff
              + "), but was "
              + builder.retryMaxBackoff);
    }
    this.retryInitialBackoff = builder.retryInitialBackoff;
    this.retryMaxBackoff = builder.retryMaxBackoff;
    this.maxConcurrentRequests = builder.maxConcurrentRequests;
    this.requestsPerSecond = builder.requestsPerSecond;
    this.circuitBreakerFailureRate = builder.circuitBreakerFailureRate;
    this.circuitBreakerMinimumCalls = builder.circuitBreakerMinimumCalls;
    this.circuitBreakerWait = builder.circuitBreakerWait;
    this.circuitBreakerEnabled = builder.circuitBreakerEnabled;
    this.allowInsecureHttp = builder.allowInsecureHttp;
    this.tlsCaFile = builder.tlsCaFile;
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
    builder.firstEventTimeout = firstEventTimeout;
    builder.idleTimeout = idleTimeout;
    builder.maxRetries = maxRetries;
    builder.retryInitialBackoff = retryInitialBackoff;
    builder.retryMaxBackoff = retryMaxBackoff;
    builder.maxConcurrentRequests = maxConcurrentRequests;
    builder.requestsPerSecond = requestsPerSecond;
    builder.circuitBreakerFailureRate = circuitBreakerFailureRate;
    builder.circuitBreakerMinimumCalls = circuitBreakerMinimumCalls;
    builder.circuitBreakerWait = circuitBreakerWait;
    builder.circuitBreakerEnabled = circuitBreakerEnabled;
    builder.allowInsecureHttp = allowInsecureHttp;
    builder.tlsCaFile = tlsCaFile;
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
   * How long a call may wait for the response headers and the first bytes of the body.
   *
   * @return the first-event timeout, or empty when only the total timeout applies
   */
  public Optional<Duration> firstEventTimeout() {
    return Optional.ofNullable(firstEventTimeout);
  }

  /**
   * How long a stream may go silent between two reads.
   *
   * @return the idle timeout, or empty when only the total timeout applies
   */
  public Optional<Duration> idleTimeout() {
    return Optional.ofNullable(idleTimeout);
  }

  /**
   * How many times a call that failed transiently is tried again.
   *
   * @return the retries, {@value #DEFAULT_MAX_RETRIES} unless set; 0 turns retries off
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * The first backoff; each retry doubles it, up to {@link #retryMaxBackoff()}, with full jitter.
   *
   * @return the first backoff
   */
  public Duration retryInitialBackoff() {
    return retryInitialBackoff;
  }

  /**
   * The longest wait before a retry; a provider asking to wait longer fails the call at once.
   *
   * @return the longest backoff
   */
  public Duration retryMaxBackoff() {
    return retryMaxBackoff;
  }

  /**
   * How many calls of this client may be in flight at once; more wait up to the connect timeout for
   * a free slot, then fail.
   *
   * @return the limit, or empty for none
   */
  public OptionalInt maxConcurrentRequests() {
    return maxConcurrentRequests == null
        ? OptionalInt.empty()
        : OptionalInt.of(maxConcurrentRequests);
  }

  /**
   * How many calls per second this client may start.
   *
   * @return the rate, or empty for no limit
   */
  public OptionalDouble requestsPerSecond() {
    return requestsPerSecond == null
        ? OptionalDouble.empty()
        : OptionalDouble.of(requestsPerSecond);
  }

  /**
   * The failure rate, in percent of provider-side failures, that opens the circuit breaker.
   *
   * @return 1 to 100
   */
  public int circuitBreakerFailureRate() {
    return circuitBreakerFailureRate;
  }

  /**
   * The calls the circuit breaker needs before it judges the failure rate.
   *
   * @return at least 1
   */
  public int circuitBreakerMinimumCalls() {
    return circuitBreakerMinimumCalls;
  }

  /**
   * How long an open circuit breaker fails calls fast before it lets a few through again.
   *
   * @return the wait
   */
  public Duration circuitBreakerWait() {
    return circuitBreakerWait;
  }

  /**
   * Whether the client has a circuit breaker at all. Without one every call reaches the provider,
   * however many failed before (the Bitloops TOML's behaviour unless its runtime table configures a
   * breaker).
   *
   * @return {@code true} unless turned off
   * @since 0.2
   */
  public boolean circuitBreakerEnabled() {
    return circuitBreakerEnabled;
  }

  /**
   * Whether the API key may be sent over plain {@code http://} to a host that is not loopback
   * ({@code allow_insecure_http}). Off by default: such a call fails before any byte is sent,
   * because anyone on the network path could read the key.
   *
   * @return {@code true} only when explicitly allowed
   */
  public boolean allowInsecureHttp() {
    return allowInsecureHttp;
  }

  /**
   * A PEM file of CA certificates to trust for {@code https://} instead of the JDK's trust store
   * ({@code tls_ca_file}), for servers with a private CA or a self-signed certificate.
   *
   * @return the file, or empty for the JDK's default trust
   */
  public Optional<Path> tlsCaFile() {
    return Optional.ofNullable(tlsCaFile);
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
        + (firstEventTimeout != null ? ", firstEventTimeout=" + firstEventTimeout : "")
        + (idleTimeout != null ? ", idleTimeout=" + idleTimeout : "")
        + ", maxRetries="
        + maxRetries
        + (maxConcurrentRequests != null ? ", maxConcurrentRequests=" + maxConcurrentRequests : "")
        + (requestsPerSecond != null ? ", requestsPerSecond=" + requestsPerSecond : "")
        + (allowInsecureHttp ? ", allowInsecureHttp=true" : "")
        + (tlsCaFile != null ? ", tlsCaFile=" + tlsCaFile : "")
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

  static String redact(URI url) {
    return UserInfo.redact(url.toString());
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
    private @Nullable Duration firstEventTimeout;
    private @Nullable Duration idleTimeout;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration retryInitialBackoff = DEFAULT_RETRY_INITIAL_BACKOFF;
    private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
    private @Nullable Integer maxConcurrentRequests;
    private @Nullable Double requestsPerSecond;
    private int circuitBreakerFailureRate = DEFAULT_CIRCUIT_BREAKER_FAILURE_RATE;
    private int circuitBreakerMinimumCalls = DEFAULT_CIRCUIT_BREAKER_MINIMUM_CALLS;
    private Duration circuitBreakerWait = DEFAULT_CIRCUIT_BREAKER_WAIT;
    private boolean circuitBreakerEnabled = true;
    private boolean allowInsecureHttp;
    private @Nullable Path tlsCaFile;
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
     * Sets how long a call may wait for the headers and the first bytes of the body.
     *
     * @param firstEventTimeout a positive duration
     * @return this builder
     */
    public Builder firstEventTimeout(Duration firstEventTimeout) {
      this.firstEventTimeout = positive("firstEventTimeout", firstEventTimeout);
      return this;
    }

    /**
     * Sets how long a stream may go silent between two reads.
     *
     * @param idleTimeout a positive duration
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = positive("idleTimeout", idleTimeout);
      return this;
    }

    /**
     * Sets how many times a transient failure is retried.
     *
     * @param maxRetries from 0 (no retries) to 100
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 100) {
        throw new IllegalArgumentException(
            "maxRetries must be between 0 and 100, but was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the first backoff between retries.
     *
     * @param retryInitialBackoff a positive duration
     * @return this builder
     */
    public Builder retryInitialBackoff(Duration retryInitialBackoff) {
      this.retryInitialBackoff = positive("retryInitialBackoff", retryInitialBackoff);
      return this;
    }

    /**
     * Sets the longest backoff between retries; it also caps the {@code Retry-After} the client
     * will honour.
     *
     * @param retryMaxBackoff a positive duration, at least the initial backoff
     * @return this builder
     */
    public Builder retryMaxBackoff(Duration retryMaxBackoff) {
      this.retryMaxBackoff = positive("retryMaxBackoff", retryMaxBackoff);
      return this;
    }

    /**
     * Sets how many calls may be in flight at once.
     *
     * @param maxConcurrentRequests at least 1
     * @return this builder
     */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      if (maxConcurrentRequests < 1) {
        throw new IllegalArgumentException(
            "maxConcurrentRequests must be >= 1, but was " + maxConcurrentRequests);
      }
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /**
     * Sets how many calls per second may start.
     *
     * @param requestsPerSecond a finite rate above 0
     * @return this builder
     */
    public Builder requestsPerSecond(double requestsPerSecond) {
      if (!Double.isFinite(requestsPerSecond) || requestsPerSecond <= 0) {
        throw new IllegalArgumentException(
            "requestsPerSecond must be a finite value > 0, but was " + requestsPerSecond);
      }
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    /**
     * Sets the failure rate that opens the circuit breaker.
     *
     * @param percent from 1 to 100
     * @return this builder
     */
    public Builder circuitBreakerFailureRate(int percent) {
      if (percent < 1 || percent > 100) {
        throw new IllegalArgumentException(
            "circuitBreakerFailureRate must be between 1 and 100, but was " + percent);
      }
      this.circuitBreakerFailureRate = percent;
      return this;
    }

    /**
     * Sets the calls the circuit breaker needs before it judges the failure rate.
     *
     * @param calls at least 1
     * @return this builder
     */
    public Builder circuitBreakerMinimumCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException(
            "circuitBreakerMinimumCalls must be >= 1, but was " + calls);
      }
      this.circuitBreakerMinimumCalls = calls;
      return this;
    }

    /**
     * Sets how long an open circuit breaker fails calls fast.
     *
     * @param wait a positive duration
     * @return this builder
     */
    public Builder circuitBreakerWait(Duration wait) {
      this.circuitBreakerWait = positive("circuitBreakerWait", wait);
      return this;
    }

    /**
     * Turns the circuit breaker on (the default) or off; off, no call is ever refused with {@code
     * CIRCUIT_OPEN}.
     *
     * @param enabled whether the client has a circuit breaker
     * @return this builder
     * @since 0.2
     */
    public Builder circuitBreakerEnabled(boolean enabled) {
      this.circuitBreakerEnabled = enabled;
      return this;
    }

    /**
     * Allows sending the API key over plain {@code http://} to a host that is not loopback; only
     * for a network you trust (a private network, a service mesh that encrypts for you).
     *
     * @param allowInsecureHttp {@code true} to allow it; {@code false}, the default, to refuse
     * @return this builder
     */
    public Builder allowInsecureHttp(boolean allowInsecureHttp) {
      this.allowInsecureHttp = allowInsecureHttp;
      return this;
    }

    /**
     * Trusts the CA certificates in a PEM file for {@code https://}, instead of the JDK's trust
     * store. The file is read when the client is created.
     *
     * @param tlsCaFile a PEM file holding one or more certificates
     * @return this builder
     */
    public Builder tlsCaFile(Path tlsCaFile) {
      this.tlsCaFile = Objects.requireNonNull(tlsCaFile, "tlsCaFile");
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
