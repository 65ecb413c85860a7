package dev.inference.bus;

import dev.inference.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One response payload, its fields in the contract's order: {@code ok}, {@code provider}, {@code
 * node_id}, the event's own fields, {@code diagnostics}, and {@code error_class} when not ok.
 */
final class Response {

  private final Map<String, JsonValue> eventFields = new LinkedHashMap<>();
  private final List<String> diagnostics = new ArrayList<>();
  private final @Nullable String provider;
  private final @Nullable String nodeId;

  private Response(@Nullable String provider, @Nullable String nodeId) {
    this.provider = provider;
    this.nodeId = nodeId;
  }

  static Response of(Request request) {
    return new Response(request.provider(), request.nodeId());
  }

  /**
   * A response for a payload that could not be read in full: the provider and node id as sent when
   * they are strings, else {@code null}; the event's required fields with their empty values.
   */
  static Response partial(Optional<BusEvent> event, JsonValue payload) {
    Response response =
        new Response(
            payload.get("provider").flatMap(JsonValue::asString).orElse(null),
            payload.get("node_id").flatMap(JsonValue::asString).orElse(null));
    if (event.isEmpty()) {
      return response;
    }
    switch (event.get()) {
      case INSTALL:
        response.field("actions", JsonValue.array(List.of()));
        break;
      case MODEL_ENSURE:
        response.field(
            "model",
            payload
                .get("model")
                .flatMap(JsonValue::asString)
                .<JsonValue>map(JsonValue::of)
                .orElse(JsonValue.ofNull()));
        response.field("actions", JsonValue.array(List.of()));
        break;
      case STATUS:
        response.field("runtime_status", JsonValue.of("unknown"));
        break;
      case VERIFY:
        response.field("checks", JsonValue.array(List.of()));
        break;
    }
    return response;
  }

  Response field(String name, JsonValue value) {
    eventFields.put(name, value);
    return this;
  }

  static JsonValue strings(List<String> values) {
    List<JsonValue> elements = new ArrayList<>();
    for (String value : values) {
      elements.add(JsonValue.of(value));
    }
    return JsonValue.array(elements);
  }

  Response diagnostic(String diagnostic) {
    diagnostics.add(diagnostic);
    return this;
  }

  Response diagnostics(List<String> more) {
    diagnostics.addAll(more);
    return this;
  }

  JsonValue ok() {
    return build(Optional.empty());
  }

  JsonValue failed(BusErrorClass errorClass) {
    return build(Optional.of(errorClass));
  }

  JsonValue refused(Refusal refusal) {
    diagnostics.add(refusal.diagnostic());
    return build(Optional.of(refusal.errorClass()));
  }

  private JsonValue build(Optional<BusErrorClass> errorClass) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("ok", JsonValue.of(errorClass.isEmpty()));
    members.put("provider", provider == null ? JsonValue.ofNull() : JsonValue.of(provider));
    members.put("node_id", nodeId == null ? JsonValue.ofNull() : JsonValue.of(nodeId));
    members.putAll(eventFields);
    members.put("diagnostics", strings(diagnostics));
    errorClass.ifPresent(value -> members.put("error_class", JsonValue.of(value.wireName())));
    return JsonValue.object(members);
  }
}
