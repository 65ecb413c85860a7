package dev.inference;

import dev.inference.internal.DriverRegistry;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Static entry points: find the installed drivers and connect a client.
 *
 * <pre>{@code
 * try (InferenceClient client = Inference.connect(ProviderSettings.builder("openai_chat_completions")
 *     .model("gpt-4.1-mini")
 *     .baseUrl(URI.create("https://api.openai.com/v1/chat/completions"))
 *     .apiKey(Secret.ofEnv("OPENAI_API_KEY"))
 *     .build())) {
 *   System.out.println(client.infer(InferenceRequest.of("Say hello.")).text());
 * }
 * }</pre>
 *
 * <p>Drivers are found with {@link java.util.ServiceLoader} through the thread's context class
 * loader (on the module path, through the modules that provide {@link ProviderFactory}). Two
 * drivers with the same id are an error, never a silent choice.
 *
 * @since 0.1
 */
public final class Inference {

  private Inference() {}

  /**
   * Connects a client with the default {@link DriverContext}.
   *
   * @param settings the profile
   * @return the client; close it when done
   * @throws IllegalArgumentException if no installed driver has the settings' id (the message lists
   *     the installed ones) or the driver refuses the settings
   * @throws IllegalStateException if two installed drivers share the id
   */
  public static InferenceClient connect(ProviderSettings settings) {
    return connect(settings, DriverContext.defaults());
  }

  /**
   * Connects a client that reports its calls to a listener (metrics, tracing, logs).
   *
   * @param settings the profile
   * @param listener told of each call, attempt, retry and failure
   * @return the client; close it when done
   * @throws IllegalArgumentException if no installed driver has the settings' id (the message lists
   *     the installed ones) or the driver refuses the settings
   * @throws IllegalStateException if two installed drivers share the id
   * @since 0.2
   */
  public static InferenceClient connect(ProviderSettings settings, InferenceListener listener) {
    return connect(settings, DriverContext.builder().listener(listener).build());
  }

  /**
   * Connects a client with every shared part given: the door for frameworks and tests that inject a
   * clock, a scheduler or an executor (most callers want {@link #connect(ProviderSettings)} or
   * {@link #connect(ProviderSettings, InferenceListener)}).
   *
   * @param settings the profile
   * @param context the listener and other shared parts
   * @return the client; close it when done
   * @throws IllegalArgumentException if no installed driver has the settings' id (the message lists
   *     the installed ones) or the driver refuses the settings
   * @throws IllegalStateException if two installed drivers share the id
   */
  public static InferenceClient connect(ProviderSettings settings, DriverContext context) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(context, "context");
    ProviderFactory factory = factory(settings.driver());
    checkOptions(factory, settings);
    return factory.create(settings, context);
  }

  /**
   * Refuses an option the driver does not declare, as the config refuses the same key in a TOML
   * profile: a typo set in code must not be silently ignored; and a value its key does not accept,
   * with the same check the config runs.
   */
  private static void checkOptions(ProviderFactory factory, ProviderSettings settings) {
    Map<String, ConfigKey<?>> keys = new TreeMap<>();
    factory.configKeys().forEach(key -> keys.put(key.name(), key));
    for (Map.Entry<String, JsonValue> option : settings.options().entrySet()) {
      String name = option.getKey();
      ConfigKey<?> key = keys.get(name);
      if (key != null) {
        key.parse(option.getValue());
      } else {
        throw new IllegalArgumentException(
            "driver '"
                + factory.id()
                + "' has no option '"
                + name
                + "'; "
                + (keys.isEmpty()
                    ? "it takes no options"
                    : "its options are " + String.join(", ", keys.keySet())));
      }
    }
  }

  /**
   * The installed driver with the given id.
   *
   * @param driverId the id
   * @return the factory
   * @throws IllegalArgumentException if none has the id; the message lists the installed ids
   * @throws IllegalStateException if two share the id
   */
  public static ProviderFactory factory(String driverId) {
    return DriverRegistry.load().factory(Objects.requireNonNull(driverId, "driverId"));
  }

  /**
   * The ids of the installed drivers.
   *
   * @return the ids, sorted
   * @throws IllegalStateException if two installed drivers share an id
   */
  public static SortedSet<String> drivers() {
    return DriverRegistry.load().ids();
  }
}
