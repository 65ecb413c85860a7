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
public class ProfileProperties extends RuntimeProperties {
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
}
