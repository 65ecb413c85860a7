package dev.inference.internal;

import dev.inference.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The drivers that {@link ServiceLoader} finds, by id; duplicates are an error. */
public final class DriverRegistry {

  /** The drivers this project ships, for the hint when one is missing; others are not named. */
  private static final Map<String, String> ARTIFACTS =
      Map.of(
          "openai_chat_completions", "dev.inference:inference-openai",
          "ollama_chat", "dev.inference:inference-ollama",
          "bitloops_platform_chat", "dev.inference:inference-platform",
          "anthropic_messages", "dev.inference:inference-anthropic");

  private final Map<String, ProviderFactory> factories;

  private DriverRegistry(Map<String, ProviderFactory> factories) {
    this.factories = factories;
  }

  /**
   * Loads the installed drivers.
   *
   * @return the registry
   * @throws IllegalStateException if a driver cannot be loaded or two share an id
   */
  public static DriverRegistry load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    ServiceLoader<ProviderFactory> services =
        loader == null
            ? ServiceLoader.load(ProviderFactory.class)
            : ServiceLoader.load(ProviderFactory.class, loader);
    try {
      List<ProviderFactory> found = new ArrayList<>();
      for (ProviderFactory factory :
          services) { // no stream: this runs on the way to a first answer
        found.add(factory);
      }
      return of(found);
    } catch (ServiceConfigurationError failure) {
      throw new IllegalStateException(
          "a driver could not be loaded: " + failure.getMessage(), failure);
    }
  }

  /**
   * A registry of the given factories.
   *
   * @param found the factories
   * @return the registry
   * @throws IllegalStateException if two share an id
   */
  public static DriverRegistry of(List<ProviderFactory> found) {
    Map<String, ProviderFactory> byId = new TreeMap<>();
    for (ProviderFactory factory : found) {
      ProviderFactory previous = byId.putIfAbsent(factory.id(), factory);
      if (previous != null && previous.getClass() != factory.getClass()) {
        throw new IllegalStateException(
            "two drivers declare the id '"
                + factory.id()
                + "': "
                + previous.getClass().getName()
                + " and "
                + factory.getClass().getName()
                + "; remove one of the jars from the class path");
      }
    }
    return new DriverRegistry(Collections.unmodifiableMap(byId));
  }

  /**
   * The driver with the id.
   *
   * @param id the id
   * @return the factory
   * @throws IllegalArgumentException if none has the id
   */
  public ProviderFactory factory(String id) {
    ProviderFactory factory = factories.get(id);
    if (factory == null) {
      String artifact = ARTIFACTS.get(id);
      throw new IllegalArgumentException(
          "no driver '"
              + id
              + "'"
              + (artifact == null ? "" : "; add the artifact " + artifact + " to the class path")
              + "; installed drivers: "
              + (factories.isEmpty()
                  ? "none (add a driver jar such as inference-openai to the class path)"
                  : String.join(", ", factories.keySet())));
    }
    return factory;
  }

  /**
   * The ids.
   *
   * @return the sorted ids
   */
  public SortedSet<String> ids() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(factories.keySet()));
  }
}
