package dev.inference.http.internal;

import dev.inference.ProviderSettings;
import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineFactory;
import dev.inference.http.HttpTransport;
import dev.inference.spi.SettingsProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Chooses a client's {@link HttpEngine} by the profile's {@code http_client}: the built-in {@code
 * jdk} unless another is named, which {@link ServiceLoader} must find. The default never touches
 * the service loader, so a client that names no engine starts as fast as before.
 */
public final class HttpEngines {

  private HttpEngines() {}

  /**
   * What is wrong with the profile's {@code http_client}, for a factory's {@code validate}.
   *
   * @param settings the profile
   * @return one problem when the named engine is not installed; empty otherwise
   */
  public static List<SettingsProblem> problems(ProviderSettings settings) {
    Optional<String> name = HttpTransport.HTTP_CLIENT.from(settings);
    if (name.isEmpty() || name.get().equals(JdkHttpEngine.NAME) || find(name.get()).isPresent()) {
      return List.of();
    }
    return List.of(SettingsProblem.error(HttpTransport.HTTP_CLIENT.name(), unknown(name.get())));
  }

  /**
   * What makes the engine of the profile's {@code http_client}; resolved before any thread exists,
   * so that an unknown name leaks nothing.
   *
   * @param settings the profile
   * @return makes a new engine
   * @throws IllegalArgumentException if the named engine is not installed
   */
  static HttpEngineFactory resolve(ProviderSettings settings) {
    String name = HttpTransport.HTTP_CLIENT.from(settings).orElse(JdkHttpEngine.NAME);
    if (name.equals(JdkHttpEngine.NAME)) {
      return JdkHttpEngine.FACTORY;
    }
    Optional<HttpEngineFactory> factory = find(name);
    if (factory.isEmpty()) {
      throw new IllegalArgumentException(HttpTransport.HTTP_CLIENT.name() + ": " + unknown(name));
    }
    return factory.get();
  }

  private static Optional<HttpEngineFactory> find(String name) {
    for (HttpEngineFactory factory : ServiceLoader.load(HttpEngineFactory.class)) {
      if (factory.name().equals(name)) {
        return Optional.of(factory);
      }
    }
    return Optional.empty();
  }

  private static String unknown(String name) {
    List<String> installed = new ArrayList<>();
    installed.add(JdkHttpEngine.NAME);
    for (HttpEngineFactory factory : ServiceLoader.load(HttpEngineFactory.class)) {
      installed.add(factory.name());
    }
    return "no HTTP client '"
        + name
        + "'; installed HTTP clients: "
        + String.join(", ", installed)
        + " (another one comes with its module, such as inference-http-apache)";
  }
}
