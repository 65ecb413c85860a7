package dev.inference.spi;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import java.util.List;

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
   * neither.
   *
   * @return the keys, empty unless overridden
   */
  default List<ConfigKey> configKeys() {
    return List.of();
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
