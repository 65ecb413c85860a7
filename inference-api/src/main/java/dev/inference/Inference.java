package dev.inference;

import dev.inference.internal.DriverRegistry;
import dev.inference.internal.FallbackClient;
import dev.inference.internal.WrappedClient;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Static entry points: find the installed drivers, connect a client, wrap clients in middleware and
 * chain them into a fallback.
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
   * Wraps a client in middleware: the first one given is the outermost, so it sees the caller's
   * request first and the response last, and each inner one sees what the outer ones changed (see
   * {@link Middleware}). The wrapped client keeps the {@link InferenceClient#describe()} and {@link
   * InferenceClient#operations()} of the client it wraps unless a middleware changes them, and
   * closing it closes that client.
   *
   * <pre>{@code
   * InferenceClient client = Inference.wrap(Inference.connect(settings),
   *     RequestDefaults.builder().temperature(0.2).maxOutputTokens(500).build(),
   *     ResponseCache.inMemory(1_000),
   *     RedactingLogger.atDebug());
   * }</pre>
   *
   * @param client the client to wrap
   * @param middleware the middleware, outermost first; none returns {@code client} itself
   * @return the wrapped client
   * @since 0.2
   */
  public static InferenceClient wrap(InferenceClient client, Middleware... middleware) {
    return wrap(client, InferenceListener.NONE, middleware);
  }

  /**
   * Wraps a client in middleware, as {@link #wrap(InferenceClient, Middleware...)} does, and tells
   * the listener when each middleware starts its part of a call ({@link
   * InferenceListener#middlewareStep}).
   *
   * @param client the client to wrap
   * @param listener told of each middleware step
   * @param middleware the middleware, outermost first; none returns {@code client} itself
   * @return the wrapped client
   * @since 0.2
   */
  public static InferenceClient wrap(
      InferenceClient client, InferenceListener listener, Middleware... middleware) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(listener, "listener");
    InferenceClient wrapped = client;
    for (int i = middleware.length - 1; i >= 0; i--) {
      wrapped =
          new WrappedClient(wrapped, Objects.requireNonNull(middleware[i], "middleware"), listener);
    }
    return wrapped;
  }

  /**
   * A client that answers with the first of the given clients that can: it moves on to the next
   * only when a client fails because its provider is at fault ({@link FallbackPolicy#failsOver}:
   * unavailable, rate limited, out of quota, timed out, circuit open, server error, transport),
   * never because of the request, and never once a streamed event has reached the caller. A client
   * that failed over is skipped for the {@linkplain FallbackPolicy#defaults() default} cooldown.
   * The response's {@link InferenceResponse#providerName()} and {@link
   * InferenceResponse#modelName()} say which client answered.
   *
   * <pre>{@code
   * InferenceClient client = Inference.fallback(openai, ollama);
   * }</pre>
   *
   * @param primary the client tried first
   * @param others the clients tried next, in order
   * @return the client; closing it closes every client given
   * @since 0.2
   */
  public static InferenceClient fallback(InferenceClient primary, InferenceClient... others) {
    List<InferenceClient> clients = new ArrayList<>();
    clients.add(Objects.requireNonNull(primary, "primary"));
    for (InferenceClient other : others) {
      clients.add(Objects.requireNonNull(other, "client"));
    }
    return fallback(clients, FallbackPolicy.defaults());
  }

  /**
   * A client that answers with the first of the given clients that can, as {@link
   * #fallback(InferenceClient, InferenceClient...)} describes, with the given cooldown, clock and
   * listener. When every client is cooling down, all are tried in order rather than none.
   *
   * @param clients the clients, in the order they are tried; at least one
   * @param policy the cooldown, clock and listener
   * @return the client; closing it closes every client given
   * @throws IllegalArgumentException if there is no client
   * @since 0.2
   */
  public static InferenceClient fallback(List<InferenceClient> clients, FallbackPolicy policy) {
    Objects.requireNonNull(clients, "clients");
    for (InferenceClient client : clients) {
      Objects.requireNonNull(client, "client");
    }
    return new FallbackClient(clients, Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Refuses an option the driver does not declare, as the config refuses the same key in a TOML
   * profile: a typo set in code must not be silently ignored; and a value its key does not accept,
   * with the same check the config runs.
   */
  private static void checkOptions(ProviderFactory factory, ProviderSettings settings) {
    Map<String, ConfigKey<?>> keys = new TreeMap<>();
    for (ConfigKey<?> key : factory.configKeys()) {
      keys.put(key.name(), key);
    }
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
