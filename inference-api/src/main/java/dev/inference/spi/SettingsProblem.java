package dev.inference.spi;

import java.util.Objects;

/**
 * A problem a driver finds in a profile's settings ({@link ProviderFactory#validate}), named by the
 * profile key it concerns, so that the config can show it at that key's line and column.
 *
 * <p>The message says what is wrong and what to do, and never quotes the value or a secret (a host
 * name may be named): the config shows the value as written in the file, since the value in the
 * settings may hold substituted environment variables. The config renders an error as {@code
 * profile 'P' field 'KEY' MESSAGE, but was VALUE} and a warning as {@code profile 'P' field 'KEY'
 * MESSAGE}.
 *
 * @param key the profile key ({@code base_url})
 * @param message what is wrong, a sentence fragment after the key ({@code must target the Ollama
 *     chat endpoint '/api/chat'})
 * @param warning {@code true} for a warning that does not stop the config from loading
 * @since 0.2
 */
public record SettingsProblem(String key, String message, boolean warning) {

  /**
   * Checks the components.
   *
   * @param key the profile key
   * @param message what is wrong
   * @param warning whether it is only a warning
   */
  public SettingsProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  /**
   * A problem that stops the profile from loading.
   *
   * @param key the profile key
   * @param message what is wrong
   * @return the problem
   */
  public static SettingsProblem error(String key, String message) {
    return new SettingsProblem(key, message, false);
  }

  /**
   * A warning: the profile loads.
   *
   * @param key the profile key
   * @param message what looks wrong
   * @return the warning
   */
  public static SettingsProblem warning(String key, String message) {
    return new SettingsProblem(key, message, true);
  }
}
