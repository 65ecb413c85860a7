package dev.inference.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One profile under {@code inference.profiles.<name>}: the keys of a TOML {@code
 * [inference.profiles.<name>]} table and of its {@code [inference.runtimes.<name>]} table, in
 * kebab-case. The values are checked by {@code inference-config}'s rules, so a bad value fails
 * start-up with the same message the TOML gives, naming the property.
 *
 * @since 0.2
 */
public class ProfileProperties {
  /** The profile's task; only text_generation profiles become clients. */
  private String task = "text_generation";

  /**
   * The driver id, such as openai_chat_completions or ollama_chat; its jar must be on the class
   * path.
   */
  private @Nullable String driver;

  /** The model the profile calls. */
  private @Nullable String model;

  /**
   * The provider's endpoint (http:// or https://; unix: or tcp:// for socket drivers); required
   * unless the driver has a default.
   */
  private @Nullable String baseUrl;

  /**
   * The API key, or a secret:// reference resolved when a call needs it; never shown in a message.
   */
  private @Nullable String apiKey;

  /** The default sampling temperature (required, as in the TOML). */
  private @Nullable Double temperature;

  /** The default output-token limit (required, as in the TOML). */
  private @Nullable Long maxOutputTokens;

  /** Whether plain http:// is allowed to a host that is not loopback. */
  private @Nullable Boolean allowInsecureHttp;

  /** A PEM file of CA certificates to trust for the endpoint. */
  private @Nullable String tlsCaFile;

  /** The whole-call timeout in seconds (required, as in the TOML runtime). */
  private @Nullable Long requestTimeoutSecs;

  /** The connect timeout in seconds. */
  private @Nullable Long connectTimeoutSecs;

  /** How long a stream may wait for its first event, in seconds. */
  private @Nullable Long firstTokenTimeoutSecs;

  /** How long a stream may wait between events, in seconds. */
  private @Nullable Long idleTimeoutSecs;

  /** How many times a transient failure is retried (0 to 100). */
  private @Nullable Long maxRetries;

  /** The first retry's backoff in milliseconds. */
  private @Nullable Long retryInitialBackoffMs;

  /** The longest retry backoff in milliseconds. */
  private @Nullable Long retryMaxBackoffMs;

  /** How many calls may be in flight at once. */
  private @Nullable Long maxConcurrentRequests;

  /** How many calls may start per second. */
  private @Nullable Double requestsPerSecond;

  /**
   * The failure rate, in percent, that opens the circuit breaker; setting any breaker key enables
   * it.
   */
  private @Nullable Double circuitBreakerFailureRate;

  /** How many calls the breaker needs before it judges the failure rate. */
  private @Nullable Long circuitBreakerMinCalls;

  /** How long an open breaker waits before it lets a call through, in seconds. */
  private @Nullable Long circuitBreakerWaitSecs;

  /**
   * Driver-specific keys (such as {@code reasoning_effort} or {@code headers}), written as in the
   * TOML profile.
   */
  private Map<String, Object> options = new LinkedHashMap<>();

  /** A profile with nothing set but the task. */
  public ProfileProperties() {}

  /**
   * Returns the profile's task.
   *
   * @return the value
   */
  public String getTask() {
    return task;
  }

  /**
   * Sets the profile's task.
   *
   * @param task the value
   */
  public void setTask(String task) {
    this.task = task;
  }

  /**
   * Returns the driver id, such as openai_chat_completions or ollama_chat.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable String getDriver() {
    return driver;
  }

  /**
   * Sets the driver id, such as openai_chat_completions or ollama_chat.
   *
   * @param driver the value
   */
  public void setDriver(@Nullable String driver) {
    this.driver = driver;
  }

  /**
   * Returns the model the profile calls.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable String getModel() {
    return model;
  }

  /**
   * Sets the model the profile calls.
   *
   * @param model the value
   */
  public void setModel(@Nullable String model) {
    this.model = model;
  }

  /**
   * Returns the provider's endpoint (http:// or https://.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable String getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets the provider's endpoint (http:// or https://.
   *
   * @param baseUrl the value
   */
  public void setBaseUrl(@Nullable String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * Returns the API key, or a secret:// reference resolved when a call needs it.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable String getApiKey() {
    return apiKey;
  }

  /**
   * Sets the API key, or a secret:// reference resolved when a call needs it.
   *
   * @param apiKey the value
   */
  public void setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey;
  }

  /**
   * Returns the default sampling temperature (required, as in the TOML).
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Double getTemperature() {
    return temperature;
  }

  /**
   * Sets the default sampling temperature (required, as in the TOML).
   *
   * @param temperature the value
   */
  public void setTemperature(@Nullable Double temperature) {
    this.temperature = temperature;
  }

  /**
   * Returns the default output-token limit (required, as in the TOML).
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getMaxOutputTokens() {
    return maxOutputTokens;
  }

  /**
   * Sets the default output-token limit (required, as in the TOML).
   *
   * @param maxOutputTokens the value
   */
  public void setMaxOutputTokens(@Nullable Long maxOutputTokens) {
    this.maxOutputTokens = maxOutputTokens;
  }

  /**
   * Returns whether plain http:// is allowed to a host that is not loopback.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Boolean getAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  /**
   * Sets whether plain http:// is allowed to a host that is not loopback.
   *
   * @param allowInsecureHttp the value
   */
  public void setAllowInsecureHttp(@Nullable Boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  /**
   * Returns a PEM file of CA certificates to trust for the endpoint.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable String getTlsCaFile() {
    return tlsCaFile;
  }

  /**
   * Sets a PEM file of CA certificates to trust for the endpoint.
   *
   * @param tlsCaFile the value
   */
  public void setTlsCaFile(@Nullable String tlsCaFile) {
    this.tlsCaFile = tlsCaFile;
  }

  /**
   * Returns the whole-call timeout in seconds (required, as in the TOML runtime).
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getRequestTimeoutSecs() {
    return requestTimeoutSecs;
  }

  /**
   * Sets the whole-call timeout in seconds (required, as in the TOML runtime).
   *
   * @param requestTimeoutSecs the value
   */
  public void setRequestTimeoutSecs(@Nullable Long requestTimeoutSecs) {
    this.requestTimeoutSecs = requestTimeoutSecs;
  }

  /**
   * Returns the connect timeout in seconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getConnectTimeoutSecs() {
    return connectTimeoutSecs;
  }

  /**
   * Sets the connect timeout in seconds.
   *
   * @param connectTimeoutSecs the value
   */
  public void setConnectTimeoutSecs(@Nullable Long connectTimeoutSecs) {
    this.connectTimeoutSecs = connectTimeoutSecs;
  }

  /**
   * Returns how long a stream may wait for its first event, in seconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getFirstTokenTimeoutSecs() {
    return firstTokenTimeoutSecs;
  }

  /**
   * Sets how long a stream may wait for its first event, in seconds.
   *
   * @param firstTokenTimeoutSecs the value
   */
  public void setFirstTokenTimeoutSecs(@Nullable Long firstTokenTimeoutSecs) {
    this.firstTokenTimeoutSecs = firstTokenTimeoutSecs;
  }

  /**
   * Returns how long a stream may wait between events, in seconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getIdleTimeoutSecs() {
    return idleTimeoutSecs;
  }

  /**
   * Sets how long a stream may wait between events, in seconds.
   *
   * @param idleTimeoutSecs the value
   */
  public void setIdleTimeoutSecs(@Nullable Long idleTimeoutSecs) {
    this.idleTimeoutSecs = idleTimeoutSecs;
  }

  /**
   * Returns how many times a transient failure is retried (0 to 100).
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getMaxRetries() {
    return maxRetries;
  }

  /**
   * Sets how many times a transient failure is retried (0 to 100).
   *
   * @param maxRetries the value
   */
  public void setMaxRetries(@Nullable Long maxRetries) {
    this.maxRetries = maxRetries;
  }

  /**
   * Returns the first retry's backoff in milliseconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getRetryInitialBackoffMs() {
    return retryInitialBackoffMs;
  }

  /**
   * Sets the first retry's backoff in milliseconds.
   *
   * @param retryInitialBackoffMs the value
   */
  public void setRetryInitialBackoffMs(@Nullable Long retryInitialBackoffMs) {
    this.retryInitialBackoffMs = retryInitialBackoffMs;
  }

  /**
   * Returns the longest retry backoff in milliseconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getRetryMaxBackoffMs() {
    return retryMaxBackoffMs;
  }

  /**
   * Sets the longest retry backoff in milliseconds.
   *
   * @param retryMaxBackoffMs the value
   */
  public void setRetryMaxBackoffMs(@Nullable Long retryMaxBackoffMs) {
    this.retryMaxBackoffMs = retryMaxBackoffMs;
  }

  /**
   * Returns how many calls may be in flight at once.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getMaxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /**
   * Sets how many calls may be in flight at once.
   *
   * @param maxConcurrentRequests the value
   */
  public void setMaxConcurrentRequests(@Nullable Long maxConcurrentRequests) {
    this.maxConcurrentRequests = maxConcurrentRequests;
  }

  /**
   * Returns how many calls may start per second.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Double getRequestsPerSecond() {
    return requestsPerSecond;
  }

  /**
   * Sets how many calls may start per second.
   *
   * @param requestsPerSecond the value
   */
  public void setRequestsPerSecond(@Nullable Double requestsPerSecond) {
    this.requestsPerSecond = requestsPerSecond;
  }

  /**
   * Returns the failure rate, in percent, that opens the circuit breaker.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Double getCircuitBreakerFailureRate() {
    return circuitBreakerFailureRate;
  }

  /**
   * Sets the failure rate, in percent, that opens the circuit breaker.
   *
   * @param circuitBreakerFailureRate the value
   */
  public void setCircuitBreakerFailureRate(@Nullable Double circuitBreakerFailureRate) {
    this.circuitBreakerFailureRate = circuitBreakerFailureRate;
  }

  /**
   * Returns how many calls the breaker needs before it judges the failure rate.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getCircuitBreakerMinCalls() {
    return circuitBreakerMinCalls;
  }

  /**
   * Sets how many calls the breaker needs before it judges the failure rate.
   *
   * @param circuitBreakerMinCalls the value
   */
  public void setCircuitBreakerMinCalls(@Nullable Long circuitBreakerMinCalls) {
    this.circuitBreakerMinCalls = circuitBreakerMinCalls;
  }

  /**
   * Returns how long an open breaker waits before it lets a call through, in seconds.
   *
   * @return the value, or {@code null} when not set
   */
  public @Nullable Long getCircuitBreakerWaitSecs() {
    return circuitBreakerWaitSecs;
  }

  /**
   * Sets how long an open breaker waits before it lets a call through, in seconds.
   *
   * @param circuitBreakerWaitSecs the value
   */
  public void setCircuitBreakerWaitSecs(@Nullable Long circuitBreakerWaitSecs) {
    this.circuitBreakerWaitSecs = circuitBreakerWaitSecs;
  }

  /**
   * The driver-specific keys.
   *
   * @return the mutable map the binder fills
   */
  public Map<String, Object> getOptions() {
    return options;
  }

  /**
   * Sets the driver-specific keys.
   *
   * @param options the keys and their values
   */
  public void setOptions(Map<String, Object> options) {
    this.options = options;
  }

  /**
   * The runtime keys with their TOML names, in the TOML's order.
   *
   * @return the values that are set
   */
  Map<String, Object> runtimeValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    put(values, "request_timeout_secs", requestTimeoutSecs);
    put(values, "connect_timeout_secs", connectTimeoutSecs);
    put(values, "first_token_timeout_secs", firstTokenTimeoutSecs);
    put(values, "idle_timeout_secs", idleTimeoutSecs);
    put(values, "max_retries", maxRetries);
    put(values, "retry_initial_backoff_ms", retryInitialBackoffMs);
    put(values, "retry_max_backoff_ms", retryMaxBackoffMs);
    put(values, "max_concurrent_requests", maxConcurrentRequests);
    put(values, "requests_per_second", requestsPerSecond);
    put(values, "circuit_breaker_failure_rate", circuitBreakerFailureRate);
    put(values, "circuit_breaker_min_calls", circuitBreakerMinCalls);
    put(values, "circuit_breaker_wait_secs", circuitBreakerWaitSecs);
    return values;
  }

  /**
   * The profile keys with their TOML names, in the TOML's order; the key and driver-specific
   * options are not among them.
   *
   * @return the values that are set
   */
  Map<String, Object> profileValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    put(values, "task", task);
    put(values, "driver", driver);
    put(values, "model", model);
    put(values, "base_url", baseUrl);
    put(values, "temperature", temperature);
    put(values, "max_output_tokens", maxOutputTokens);
    put(values, "allow_insecure_http", allowInsecureHttp);
    put(values, "tls_ca_file", tlsCaFile);
    return values;
  }

  private static void put(Map<String, Object> values, String key, @Nullable Object value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
