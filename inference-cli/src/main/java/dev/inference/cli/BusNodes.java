package dev.inference.cli;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.Secret;
import dev.inference.bus.NodeResolver;
import dev.inference.config.InferenceConfig;
import dev.inference.runtime.Check;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import dev.inference.spi.SecretResolver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Bus nodes of a config: {@code [inference.bus.nodes.<node_id>]} names the profile that serves
 * a node, else the profile named like the node does. Clients are connected when a node is first
 * asked for and closed with this object.
 */
final class BusNodes implements NodeResolver, AutoCloseable {

  private final InferenceConfig config;
  private final Map<String, InferenceClient> clients = new LinkedHashMap<>();

  BusNodes(InferenceConfig config) {
    this.config = config;
  }

  @Override
  public Optional<Node> node(String nodeId) {
    String profile = config.busNodes().get(nodeId);
    if (profile == null && config.profileNames().contains(nodeId)) {
      profile = nodeId;
    }
    if (profile == null) {
      return Optional.empty();
    }
    InferenceClient client = clients.computeIfAbsent(profile, config::client);
    String driver = config.settings(profile).driver();
    return Optional.of(
        new Node(
            client.describe().providerName(),
            client.operations().orElseGet(() -> new NoOperations(driver))));
  }

  /**
   * The provider names of the profiles whose drivers have runtime operations: what this deployment
   * can serve on the Bus.
   */
  Set<String> providers() {
    Set<String> providers = new TreeSet<>();
    for (String profile : config.profileNames()) {
      InferenceClient client = clients.computeIfAbsent(profile, config::client);
      if (client.operations().isPresent()) {
        providers.add(client.describe().providerName());
      }
    }
    return providers;
  }

  /**
   * {@code secret://deployment/<name>} references, resolved as the library resolves every secret
   * reference: through the {@link SecretResolver} installed for the {@code deployment} scheme.
   */
  static SecretResolver deploymentSecrets() {
    return new SecretResolver() {
      @Override
      public String scheme() {
        return "deployment";
      }

      @Override
      public String resolve(String reference) {
        return Secret.ofReference(reference).reveal();
      }
    };
  }

  @Override
  public void close() {
    clients.values().forEach(InferenceClient::close);
    clients.clear();
  }

  /** A driver without runtime operations: every operation is UNSUPPORTED, saying so. */
  private static final class NoOperations implements RuntimeOperations {
    private final String driver;

    NoOperations(String driver) {
      this.driver = driver;
    }

    private InferenceException unsupported() {
      return InferenceException.builder(
              ErrorKind.UNSUPPORTED,
              "driver '"
                  + driver
                  + "' has no runtime operations; serve the node with a profile"
                  + " whose driver has them (ollama_chat, inferd, openai_chat_completions)")
          .build();
    }

    @Override
    public RuntimeStatus status() {
      throw unsupported();
    }

    @Override
    public VerifyResult verify(Set<Check> checks) {
      throw unsupported();
    }

    @Override
    public EnsureModelResult ensureModel(String model, EnsureModelOptions options) {
      throw unsupported();
    }

    @Override
    public RuntimeStatus awaitReady(Duration timeout) {
      throw unsupported();
    }
  }
}
