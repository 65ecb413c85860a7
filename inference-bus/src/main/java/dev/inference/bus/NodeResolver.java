package dev.inference.bus;

import dev.inference.runtime.RuntimeOperations;
import java.util.Objects;
import java.util.Optional;

/**
 * Which runtime serves a node: its provider name and its operations.
 *
 * <p>The command resolves a node id through the config: the table {@code
 * [inference.bus.nodes.<node_id>]} names a profile with {@code profile = "<name>"}, else the
 * profile named like the node serves it.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface NodeResolver {

  /**
   * The node's runtime.
   *
   * @param nodeId a node id, already checked to be letters, digits, {@code _} and {@code -}
   * @return the node's runtime, or empty when no profile serves the node id
   */
  Optional<Node> node(String nodeId);

  /**
   * One node's runtime.
   *
   * @param providerName the driver's provider name ({@code describe().providerName()}, {@code
   *     ollama}); a request's {@code provider} must equal it
   * @param operations the runtime's operations
   * @since 0.2
   */
  record Node(String providerName, RuntimeOperations operations) {
    /**
     * Checks the components.
     *
     * @param providerName the provider name
     * @param operations the operations
     */
    public Node {
      Objects.requireNonNull(providerName, "providerName");
      Objects.requireNonNull(operations, "operations");
    }
  }
}
