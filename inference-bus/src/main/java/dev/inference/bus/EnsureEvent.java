package dev.inference.bus;

import dev.inference.JsonValue;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelResult;

/**
 * {@code bus.inference.model.ensure}: the node's {@link
 * dev.inference.runtime.RuntimeOperations#ensureModel} with the request's dry run, confirmation and
 * policy; a pull's progress is summed up as the last diagnostic.
 */
final class EnsureEvent {

  private EnsureEvent() {}

  static JsonValue run(Request request, NodeResolver nodes) {
    String model = request.fields().requiredString("model");
    Policy policy = Policy.read(request.fields().value("policy"));
    RuntimeSpec runtime =
        RuntimeSpec.read(BusEvent.MODEL_ENSURE, request.fields().value("runtime"));
    request.requireConfirmation(runtime.environment(), policy.requireConfirmationForProd());
    NodeResolver.Node node = request.node(nodes);
    PullLog log = new PullLog();
    EnsureModelOptions.Builder options =
        EnsureModelOptions.builder()
            .dryRun(request.dryRun())
            .confirm(request.confirm())
            .allowModelDownload(policy.allowModelDownload())
            .progress(log);
    policy.maxModelSizeBytes().ifPresent(options::maxModelSizeBytes);
    EnsureModelResult result = node.operations().ensureModel(model, options.build());
    Response response =
        Response.of(request)
            .field("model", JsonValue.of(model))
            .field("actions", Response.strings(result.actions()))
            .diagnostics(result.diagnostics());
    if (!log.isEmpty()) {
      response.diagnostic(log.diagnostic());
    }
    if (result.ok()) {
      return response.ok();
    }
    return response.failed(
        result.errorClass().map(BusErrorClass::of).orElse(BusErrorClass.PROVIDER_ERROR));
  }
}
