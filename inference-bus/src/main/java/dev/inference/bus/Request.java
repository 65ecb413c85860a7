package dev.inference.bus;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields every request shares, read and checked: the provider (one this deployment advertises),
 * the node id, and for install and ensure the dry run and confirmation.
 *
 * @param event the event
 * @param fields the payload, its keys already checked
 * @param provider the provider
 * @param nodeId the node id
 * @param dryRun whether only a plan is wanted ({@code true} by default)
 * @param confirm whether changes are confirmed ({@code false} by default)
 */
record Request(
    BusEvent event,
    Fields fields,
    String provider,
    String nodeId,
    boolean dryRun,
    boolean confirm) {

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]+");

  static Request read(BusEvent event, Fields fields, Set<String> providers) {
    String provider = fields.requiredString("provider");
    if (!providers.contains(provider)) {
      throw Refusal.badRequest(
          "unknown provider '"
              + provider
              + "'; this deployment advertises: "
              + (providers.isEmpty() ? "none" : Fields.quoted(new java.util.TreeSet<>(providers))));
    }
    String nodeId = fields.requiredString("node_id");
    if (!NODE_ID.matcher(nodeId).matches()) {
      throw Refusal.badRequest(
          "node_id must be a deployment inventory id of letters, digits, '_' and '-' (like"
              + " 'gpu'), but was '"
              + nodeId
              + "'");
    }
    boolean dryRun = fields.bool("dry_run", true);
    boolean confirm = fields.bool("confirm", false);
    return new Request(event, fields, provider, nodeId, dryRun, confirm);
  }

  /**
   * Refuses a change without confirmation: in {@code environment = "prod"} with {@code
   * require_confirmation_for_prod} (the default) as {@code policy_denied}, elsewhere as {@code
   * bad_request}.
   */
  void requireConfirmation(String environment, boolean requireConfirmationForProd) {
    if (dryRun || confirm) {
      return;
    }
    String what = event == BusEvent.INSTALL ? "install" : "model.ensure";
    if (environment.equals("prod") && requireConfirmationForProd) {
      throw new Refusal(
          BusErrorClass.POLICY_DENIED,
          what
              + " with dry_run false in environment 'prod' needs confirm true"
              + " (require_confirmation_for_prod is true); nothing was done");
    }
    throw Refusal.badRequest(
        what
            + " with dry_run false needs confirm true: set confirm to allow the change, or leave"
            + " dry_run true to see the plan; nothing was done");
  }

  /** The node that serves this request, its provider matching the request's. */
  NodeResolver.Node node(NodeResolver nodes) {
    Optional<NodeResolver.Node> found = nodes.node(nodeId);
    if (found.isEmpty()) {
      throw new Refusal(
          BusErrorClass.NOT_FOUND,
          "no profile serves node '"
              + nodeId
              + "': add [inference.bus.nodes."
              + nodeId
              + "] with profile = \"<name>\" to the config, or name a profile '"
              + nodeId
              + "'");
    }
    NodeResolver.Node node = found.get();
    if (!node.providerName().equals(provider)) {
      throw Refusal.badRequest(
          "provider '"
              + provider
              + "' does not match node '"
              + nodeId
              + "': the profile that serves it uses provider '"
              + node.providerName()
              + "'");
    }
    return node;
  }
}
