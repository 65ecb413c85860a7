package dev.inference.spi;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The entry point of a driver jar, found with {@link java.util.ServiceLoader}: register the
 * implementation in {@code META-INF/services/dev.inference.spi.ProviderFactory} and with {@code
 * provides dev.inference.spi.ProviderFactory with ...} in {@code module-info.java}. It needs a
 * public no-argument constructor.
 *
 * @since 0.1
 */
public interface ProviderFactory {

  /**
   * The driver id that profiles name ({@code openai_chat_completions}); unique among the installed
   * drivers.
   *
   * @return the id, never {@code null}
   */
  String id();

  /**
   * What the driver supports; the conformance testkit checks the claim.
   *
   * @return the capabilities, never {@code null}
   */
  Capabilities capabilities();

  /**
   * Driver-specific profile keys, beyond the common ones; the config module rejects keys that are
   * neither, and both the config and {@code Inference.connect} check each value with its key's
   * {@link ConfigKey#parse}.
   *
   * @return the keys, empty unless overridden
   */
  default List<ConfigKey<?>> configKeys() {
    return List.of();
  }

  /**
   * The endpoint a profile without {@code base_url} talks to, if the driver has one (a hosted
   * gateway); a config without {@code base_url} is refused for a driver that has none.
   *
   * @return the default endpoint, empty unless overridden
   * @since 0.2
   */
  default Optional<URI> defaultBaseUrl() {
    return Optional.empty();
  }

  /**
   * Checks a profile's settings before any client exists, so that the config can report each
   * problem at the line and column of the key it names, together with every other problem of the
   * file. {@link #create} still checks what it needs; this hook only lets the config say it earlier
   * and better.
   *
   * @param settings the profile, built from a config or in code
   * @return the problems and warnings, in the order to report them; empty unless overridden
   * @since 0.2
   */
  default List<SettingsProblem> validate(ProviderSettings settings) {
    return List.of();
  }

  /**
   * What a client for these settings would talk to, without creating it or touching the network.
   * The default names the driver as its own kind and provider; a driver that speaks another's wire
   * format, or serves a named provider, overrides it.
   *
   * @param settings the profile
   * @return the description; its endpoint shows no user info
   * @since 0.2
   */
  default ProviderDescription describe(ProviderSettings settings) {
    String endpoint = settings.baseUrl().or(this::defaultBaseUrl).map(URI::toString).orElse("");
    return new ProviderDescription(id(), id(), settings.model(), endpoint, capabilities());
  }

  /**
   * Creates a client for one profile. It checks the settings and fails fast with a message that
   * names the bad one; it makes no network call.
   *
   * @param settings the profile
   * @param context the application's listener and other shared parts
   * @return the client, never {@code null}
   * @throws IllegalArgumentException if the settings do not suit this driver
   */
  InferenceClient create(ProviderSettings settings, DriverContext context);
}
