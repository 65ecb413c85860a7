package dev.inference.bus;

import dev.inference.JsonValue;
import dev.inference.runtime.Check;
import dev.inference.runtime.VerifyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bus.inference.verify}: the node's {@link
 * dev.inference.runtime.RuntimeOperations#verify(Set)} as {@code checks}, an array of {@code {name,
 * ok, diagnostic}} in the order the checks ran; when one failed, {@code verify_failed} with the
 * first failure as the diagnostic.
 */
final class VerifyEvent {

  private VerifyEvent() {}

  static JsonValue run(Request request, NodeResolver nodes) {
    Set<Check> checks = Checks.read(request.fields().value("checks"));
    NodeResolver.Node node = request.node(nodes);
    VerifyResult result = node.operations().verify(checks);
    List<JsonValue> outcomes = new ArrayList<>();
    for (VerifyResult.Outcome outcome : result.outcomes()) {
      Map<String, JsonValue> entry = new LinkedHashMap<>();
      entry.put("name", JsonValue.of(outcome.check().wireName()));
      entry.put("ok", JsonValue.of(outcome.ok()));
      entry.put("diagnostic", JsonValue.of(outcome.diagnostic()));
      outcomes.add(JsonValue.object(entry));
    }
    Response response = Response.of(request).field("checks", JsonValue.array(outcomes));
    if (result.firstFailure().isEmpty()) {
      return response.ok();
    }
    VerifyResult.Outcome first = result.firstFailure().get();
    return response
        .diagnostic("first failing check: " + first.check().wireName() + ": " + first.diagnostic())
        .failed(BusErrorClass.VERIFY_FAILED);
  }
}
