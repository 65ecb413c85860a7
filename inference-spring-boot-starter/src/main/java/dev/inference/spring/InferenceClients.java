package dev.inference.spring;

import dev.inference.InferenceClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The auto-configured clients by profile name, for an application that picks one at run time. The
 * clients are the {@code <profile>InferenceClient} beans; the context closes them.
 *
 * @since 0.2
 */
public final class InferenceClients {

  private final Map<String, InferenceClient> clients;
  private final Optional<String> defaultProfile;

  /**
   * The clients.
   *
   * @param clients the clients by profile name
   * @param defaultProfile the profile of the primary client, if there is one
   */
  public InferenceClients(Map<String, InferenceClient> clients, Optional<String> defaultProfile) {
    this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
    this.defaultProfile = Objects.requireNonNull(defaultProfile, "defaultProfile");
    defaultProfile.ifPresent(
        name -> {
          if (!clients.containsKey(name)) {
            throw new IllegalArgumentException("no client for the default profile '" + name + "'");
          }
        });
  }

  /**
   * The client of a profile.
   *
   * @param profile the profile name
   * @return the client
   * @throws IllegalArgumentException if there is no such profile; the message lists the profiles
   */
  public InferenceClient get(String profile) {
    InferenceClient client = clients.get(Objects.requireNonNull(profile, "profile"));
    if (client == null) {
      throw new IllegalArgumentException(
          "no inference profile '" + profile + "'; profiles: " + String.join(", ", names()));
    }
    return client;
  }

  /**
   * The profile names.
   *
   * @return the names, sorted
   */
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(clients.keySet()));
  }

  /**
   * The primary client: the only profile's, or {@code inference.default-profile}'s.
   *
   * @return the client, or empty when there are several profiles and no default
   */
  public Optional<InferenceClient> defaultClient() {
    return defaultProfile.map(clients::get);
  }

  /**
   * Names the profiles.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "InferenceClients" + names();
  }
}
