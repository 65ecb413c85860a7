package dev.inference.bus;

import dev.inference.JsonValue;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.spi.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bus.inference.install}: plans the runtime's install and configuration as {@code actions}
 * (listen address, context length, service user, credentials by reference) and reports the
 * runtime's current {@code runtime_status}. Nothing in this library can install a runtime on a
 * node, so a dry run answers the plan and a confirmed install answers {@code unsupported} with what
 * to run instead: never a pretend success.
 */
final class InstallEvent {

  private InstallEvent() {}

  static JsonValue run(Request request, NodeResolver nodes, SecretResolver secrets) {
    RuntimeSpec runtime = RuntimeSpec.read(BusEvent.INSTALL, request.fields().value("runtime"));
    Credentials credentials = Credentials.read(request.fields().value("credentials"), secrets);
    request.requireConfirmation(
        runtime.environment(), Policy.DEFAULTS.requireConfirmationForProd());
    NodeResolver.Node node = request.node(nodes);
    List<String> actions = plan(request, runtime, credentials);
    RuntimeStatus status = node.operations().status();
    Response response =
        Response.of(request)
            .field("actions", Response.strings(actions))
            .field("runtime_status", JsonValue.of(StatusEvent.wireName(status.state())));
    String now =
        "the runtime on node '"
            + request.nodeId()
            + "' reports "
            + StatusEvent.wireName(status.state())
            + status.version().map(version -> " (version " + version + ")").orElse("");
    if (request.dryRun()) {
      return response
          .diagnostic("dry run: the plan only; nothing was changed")
          .diagnostic(now)
          .diagnostics(status.diagnostics())
          .ok();
    }
    if (status.state() == RuntimeStatus.State.INSTALLING) {
      return response
          .diagnostic(
              now + ": an install is already under way; wait for it, then ask for status again")
          .failed(BusErrorClass.CONFLICT);
    }
    return response
        .diagnostic(
            "install cannot be applied from here: this library talks to a running runtime and"
                + " cannot install or configure one; nothing was changed")
        .diagnostic(instead(request, runtime))
        .diagnostic(now)
        .failed(BusErrorClass.UNSUPPORTED);
  }

  private static List<String> plan(Request request, RuntimeSpec runtime, Credentials credentials) {
    List<String> actions = new ArrayList<>();
    actions.add("install-runtime " + request.provider() + " on node " + request.nodeId());
    runtime.listen().ifPresent(listen -> actions.add("configure-listen " + listen));
    runtime.contextLength().ifPresent(length -> actions.add("configure-context-length " + length));
    runtime.serviceUser().ifPresent(user -> actions.add("configure-service-user " + user));
    for (Map.Entry<String, String> reference : credentials.references().entrySet()) {
      actions.add("configure-credential " + reference.getKey() + " " + reference.getValue());
    }
    return actions;
  }

  /** What to run on the node instead; Ollama's steps are known, any other provider's are not. */
  private static String instead(Request request, RuntimeSpec runtime) {
    if (!request.provider().equals("ollama")) {
      return "instead, install and configure the "
          + request.provider()
          + " runtime on node '"
          + request.nodeId()
          + "' with its own installer, as the actions say, then send"
          + " bus.inference.verify.request";
    }
    StringBuilder text =
        new StringBuilder(
            "instead, run on node '"
                + request.nodeId()
                + "' as root: curl -fsSL https://ollama.com/install.sh | sh");
    List<String> environment = new ArrayList<>();
    runtime.listen().ifPresent(listen -> environment.add("OLLAMA_HOST=" + listen));
    runtime.contextLength().ifPresent(length -> environment.add("OLLAMA_CONTEXT_LENGTH=" + length));
    if (!environment.isEmpty()) {
      text.append("; then set ")
          .append(String.join(" and ", environment))
          .append(" in the ollama service's environment (systemctl edit ollama)");
    }
    runtime.serviceUser().ifPresent(user -> text.append("; run the service as user ").append(user));
    text.append("; restart it (systemctl restart ollama), then send bus.inference.verify.request");
    return text.toString();
  }
}
