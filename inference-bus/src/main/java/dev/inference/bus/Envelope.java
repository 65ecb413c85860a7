package dev.inference.bus;

import dev.inference.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The Bus event envelope {@code {"name","correlation_id","delivery","payload"}}: a request envelope
 * in, its response envelope out, with the response name, the same correlation id and delivery
 * {@code broadcast}. A malformed envelope is answered with {@code bad_request}, its correlation id
 * kept when it is readable. Other envelope members (an id or time the Events API adds) are ignored.
 */
final class Envelope {

  static final String DELIVERY = "broadcast";

  private Envelope() {}

  static JsonValue handle(JsonValue envelope, BiFunction<String, JsonValue, JsonValue> payloads) {
    Optional<String> name = envelope.get("name").flatMap(JsonValue::asString);
    JsonValue correlationId =
        envelope
            .get("correlation_id")
            .flatMap(JsonValue::asString)
            .filter(id -> !id.isBlank())
            .<JsonValue>map(JsonValue::of)
            .orElse(JsonValue.ofNull());
    String responseName = name.map(BusEvent::responseNameFor).orElse(BusEvent.UNKNOWN_RESPONSE);
    Optional<BusEvent> event = name.flatMap(BusEvent::fromRequestName);
    JsonValue payload = envelope.get("payload").orElse(JsonValue.object(Map.of()));
    String problem = problem(envelope, name, correlationId);
    JsonValue answer =
        problem != null
            ? Response.partial(event, payload).refused(Refusal.badRequest(problem))
            : payloads.apply(name.orElseThrow(), payload);
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("name", JsonValue.of(responseName));
    members.put("correlation_id", correlationId);
    members.put("delivery", JsonValue.of(DELIVERY));
    members.put("payload", answer);
    return JsonValue.object(members);
  }

  /** What is wrong with the envelope itself, or {@code null}. */
  private static @Nullable String problem(
      JsonValue envelope, Optional<String> name, JsonValue correlationId) {
    if (!(envelope instanceof JsonValue.ObjectValue)) {
      return "the envelope must be a JSON object {\"name\",\"correlation_id\",\"delivery\","
          + "\"payload\"}, but was "
          + Fields.typeOf(envelope);
    }
    if (name.isEmpty()) {
      return "the envelope's name must be a request event name (a string), like"
          + " 'bus.inference.status.request'";
    }
    if (correlationId instanceof JsonValue.NullValue) {
      return "the envelope's correlation_id must be a non-empty string, so the response can be"
          + " matched to the request";
    }
    Optional<JsonValue> delivery = envelope.get("delivery");
    if (delivery.isPresent() && delivery.get().asString().isEmpty()) {
      return "the envelope's delivery must be a string ('broadcast'), but was "
          + Fields.typeOf(delivery.get());
    }
    Optional<JsonValue> payload = envelope.get("payload");
    if (payload.isEmpty()) {
      return "the envelope has no payload: put the request fields under payload";
    }
    return null;
  }
}
