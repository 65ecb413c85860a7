package dev.inference.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The four request events, their response names, scopes and the keys their payloads allow. */
enum BusEvent {
  INSTALL(
      "bus.inference.install",
      "inference:admin",
      Set.of("provider", "node_id", "runtime", "credentials", "dry_run", "confirm")),
  MODEL_ENSURE(
      "bus.inference.model.ensure",
      "inference:admin",
      Set.of("provider", "node_id", "model", "dry_run", "confirm", "policy", "runtime")),
  STATUS("bus.inference.status", "inference:read", Set.of("provider", "node_id")),
  VERIFY("bus.inference.verify", "inference:read", Set.of("provider", "node_id", "checks"));

  /** The response name of a request whose event is not one of these. */
  static final String UNKNOWN_RESPONSE = "bus.inference.error.response";

  private final String base;
  private final String scope;
  private final Set<String> keys;

  BusEvent(String base, String scope, Set<String> keys) {
    this.base = base;
    this.scope = scope;
    this.keys = keys;
  }

  String requestName() {
    return base + ".request";
  }

  String responseName() {
    return base + ".response";
  }

  /** The Bus Events API scope a caller needs to send this request. */
  String scope() {
    return scope;
  }

  /** The top-level keys the request payload allows. */
  Set<String> keys() {
    return keys;
  }

  static Optional<BusEvent> fromRequestName(String name) {
    for (BusEvent event : values()) {
      if (event.requestName().equals(name)) {
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }

  /**
   * The response name for a request name: the event's, else {@code <prefix>.response} for a name
   * ending in {@code .request}, else {@link #UNKNOWN_RESPONSE}.
   */
  static String responseNameFor(String requestName) {
    Optional<BusEvent> event = fromRequestName(requestName);
    if (event.isPresent()) {
      return event.get().responseName();
    }
    if (requestName.startsWith("bus.inference.")
        && requestName.endsWith(".request")
        && requestName.length() > "bus.inference..request".length()
        && requestName.chars().allMatch(c -> c == '.' || c == '_' || Character.isLetter(c))) {
      return requestName.substring(0, requestName.length() - ".request".length()) + ".response";
    }
    return UNKNOWN_RESPONSE;
  }

  /** Request, then response, for each event in declaration order. */
  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (BusEvent event : values()) {
      names.add(event.requestName());
      names.add(event.responseName());
    }
    return List.copyOf(names);
  }
}
