package dev.inference.bus;

import dev.inference.JsonValue;
import dev.inference.runtime.RuntimeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bus.inference.status}: the node's {@link dev.inference.runtime.RuntimeOperations#status()}
 * as {@code runtime_status} ({@code unknown}, {@code installing}, {@code ready}, {@code failed})
 * and {@code models} (their names); ok when the runtime is ready.
 */
final class StatusEvent {

  private StatusEvent() {}

  static JsonValue run(Request request, NodeResolver nodes) {
    NodeResolver.Node node = request.node(nodes);
    RuntimeStatus status = node.operations().status();
    List<String> models = new ArrayList<>();
    for (RuntimeStatus.ModelInfo model : status.models()) {
      models.add(model.name());
    }
    Response response =
        Response.of(request)
            .field("runtime_status", JsonValue.of(wireName(status.state())))
            .field("models", Response.strings(models));
    status
        .version()
        .ifPresent(version -> response.diagnostic(request.provider() + " version " + version));
    response.diagnostics(status.diagnostics());
    if (status.ok()) {
      return response.ok();
    }
    return response.failed(
        status.errorClass().map(BusErrorClass::of).orElse(BusErrorClass.PROVIDER_ERROR));
  }

  static String wireName(RuntimeStatus.State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
