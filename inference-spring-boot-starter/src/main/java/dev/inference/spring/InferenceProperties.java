package dev.inference.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code inference.*} properties: profiles written in {@code application.yml}, or the Bitloops
 * TOML file that holds them, and the settings of the health indicator and metrics.
 *
 * <p>Set either {@code inference.profiles} or {@code inference.config-file}, not both. When neither
 * is set, the starter creates nothing.
 *
 * @since 0.2
 */
@ConfigurationProperties("inference")
public class InferenceProperties {

  /**
   * A Bitloops daemon inference config (TOML) whose text_generation profiles become clients; {@code
   * ${NAME}} placeholders in it are read from the process environment.
   */
  private @Nullable Path configFile;

  /**
   * The profile whose client is the primary InferenceClient bean; needed when there are several
   * profiles and one should be injected without a qualifier.
   */
  private @Nullable String defaultProfile;

  /** The profiles, by name: one InferenceClient bean each, with the TOML profile's keys. */
  private Map<String, ProfileProperties> profiles = new LinkedHashMap<>();

  /** The health indicator's settings. */
  private final Health health = new Health();

  /** The Micrometer metrics' settings. */
  private final Metrics metrics = new Metrics();

  /** The OpenTelemetry settings. */
  private final Telemetry opentelemetry = new Telemetry();

  /** Properties with nothing set. */
  public InferenceProperties() {}

  /**
   * The TOML config file, if set.
   *
   * @return the path, or {@code null}
   */
  public @Nullable Path getConfigFile() {
    return configFile;
  }

  /**
   * Sets the TOML config file.
   *
   * @param configFile the path, or {@code null}
   */
  public void setConfigFile(@Nullable Path configFile) {
    this.configFile = configFile;
  }

  /**
   * The name of the primary client's profile, if set.
   *
   * @return the name, or {@code null}
   */
  public @Nullable String getDefaultProfile() {
    return defaultProfile;
  }

  /**
   * Sets the name of the primary client's profile.
   *
   * @param defaultProfile the name, or {@code null}
   */
  public void setDefaultProfile(@Nullable String defaultProfile) {
    this.defaultProfile = defaultProfile;
  }

  /**
   * The profiles written in the application's properties, by name.
   *
   * @return the mutable map the binder fills
   */
  public Map<String, ProfileProperties> getProfiles() {
    return profiles;
  }

  /**
   * Sets the profiles.
   *
   * @param profiles the profiles by name
   */
  public void setProfiles(Map<String, ProfileProperties> profiles) {
    this.profiles = profiles;
  }

  /**
   * The health indicator's settings.
   *
   * @return the settings
   */
  public Health getHealth() {
    return health;
  }

  /**
   * The metrics' settings.
   *
   * @return the settings
   */
  public Metrics getMetrics() {
    return metrics;
  }

  /**
   * The OpenTelemetry settings.
   *
   * @return the settings
   */
  public Telemetry getOpentelemetry() {
    return opentelemetry;
  }

  /** The {@code inference.opentelemetry.*} properties. */
  public static class Telemetry {

    /**
     * Whether spans carry the prompts and answers (gen_ai.input.messages, gen_ai.output.messages);
     * off unless set, as they may hold personal data.
     */
    private boolean captureContent;

    /** The defaults. */
    public Telemetry() {}

    /**
     * Whether prompts and answers are recorded.
     *
     * @return false unless turned on
     */
    public boolean isCaptureContent() {
      return captureContent;
    }

    /**
     * Turns the recording of prompts and answers on or off.
     *
     * @param captureContent whether to record them
     */
    public void setCaptureContent(boolean captureContent) {
      this.captureContent = captureContent;
    }
  }

  /** The {@code inference.health.*} properties. */
  public static class Health {

    /** How long a verify result is reused before the runtimes are asked again. */
    private Duration cacheTtl = Duration.ofSeconds(10);

    /** The defaults. */
    public Health() {}

    /**
     * How long a result is reused.
     *
     * @return the time to live; 10 seconds unless set
     */
    public Duration getCacheTtl() {
      return cacheTtl;
    }

    /**
     * Sets how long a result is reused.
     *
     * @param cacheTtl the time to live
     */
    public void setCacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
    }
  }

  /** The {@code inference.metrics.*} properties. */
  public static class Metrics {

    /** Whether the clients record Micrometer metrics when a MeterRegistry bean exists. */
    private boolean enabled = true;

    /** The defaults. */
    public Metrics() {}

    /**
     * Whether metrics are recorded.
     *
     * @return true unless turned off
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Turns metrics on or off.
     *
     * @param enabled whether to record
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
