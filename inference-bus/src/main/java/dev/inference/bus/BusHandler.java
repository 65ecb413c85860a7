package dev.inference.bus;

import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.spi.SecretResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Handles the BusDK inference events: one request in, one response out, JSON both ways.
 *
 * <p>The four request events are {@code bus.inference.install.request}, {@code
 * bus.inference.model.ensure.request}, {@code bus.inference.status.request} and {@code
 * bus.inference.verify.request}; each is answered by its {@code .response}. A request is checked in
 * full before anything runs: only the keys the contract allows (at the top and in {@code runtime},
 * {@code credentials} and {@code policy}), each of its type; {@code provider} one of the advertised
 * providers; {@code node_id} of letters, digits, {@code _} and {@code -}; {@code dry_run} {@code
 * true} and {@code confirm} {@code false} unless given, and {@code confirm} required unless it is a
 * dry run ({@code policy_denied} in {@code environment "prod"} while {@code
 * require_confirmation_for_prod} holds, its default); credentials only as {@code
 * secret://deployment/<name>} references the secret resolver knows, an inline value refused and
 * never repeated; {@code checks} known names only. Then the node's runtime runs it.
 *
 * <p>Every response carries {@code ok}, {@code provider}, {@code node_id}, the event's own fields,
 * {@code diagnostics} (never a secret value), and {@code error_class} from {@link BusErrorClass}
 * when not ok. Nothing a request holds makes a method of this class throw. A handler is immutable
 * and thread-safe as far as its node resolver, secret resolver and runtimes are.
 *
 * <pre>{@code
 * BusHandler bus = new BusHandler(nodes, secrets, Set.of("ollama"));
 * JsonValue response = bus.handle(JsonValue.parse(line));
 * }</pre>
 *
 * @since 0.2
 */
public final class BusHandler {

  private final NodeResolver nodes;
  private final SecretResolver secrets;
  private final Set<String> providers;

  /**
   * A handler for one deployment.
   *
   * @param nodes resolves node ids to the runtime that serves them
   * @param secrets resolves {@code secret://deployment/<name>} references; a reference it cannot
   *     resolve, or resolves to a blank value, is not known
   * @param providers the provider names this deployment advertises ({@code ollama}): a request for
   *     another is refused, and {@link #describe()} lists them
   */
  public BusHandler(NodeResolver nodes, SecretResolver secrets, Set<String> providers) {
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.providers = Set.copyOf(providers);
  }

  /**
   * Answers one request envelope {@code {"name","correlation_id","delivery","payload"}} with its
   * response envelope: the matching {@code .response} name, the same {@code correlation_id},
   * delivery {@code broadcast}, and the response payload of {@link #handlePayload}.
   *
   * <p>A malformed envelope (not an object, no name, no string {@code correlation_id}, no payload)
   * is answered with a {@code bad_request} payload, the correlation id kept when it is a string; an
   * unknown event name too, its response named {@code <prefix>.response} for a {@code
   * bus.inference.<prefix>.request}, else {@code bus.inference.error.response}.
   *
   * @param envelope the request envelope
   * @return the response envelope, never {@code null}
   */
  public JsonValue handle(JsonValue envelope) {
    Objects.requireNonNull(envelope, "envelope");
    return Envelope.handle(envelope, this::handlePayload);
  }

  /**
   * Answers one request payload: what {@link #handle} wraps.
   *
   * @param eventName the request event name ({@code bus.inference.status.request})
   * @param payload the request payload
   * @return the response payload, never {@code null}
   */
  public JsonValue handlePayload(String eventName, JsonValue payload) {
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(payload, "payload");
    Optional<BusEvent> event = BusEvent.fromRequestName(eventName);
    try {
      if (event.isEmpty()) {
        throw Refusal.badRequest(
            "unknown event '"
                + eventName
                + "'; the request events are "
                + String.join(", ", requestNames()));
      }
      Request request =
          Request.read(event.get(), Fields.of("payload", payload, event.get().keys()), providers);
      switch (event.get()) {
        case INSTALL:
          return InstallEvent.run(request, nodes, secrets);
        case MODEL_ENSURE:
          return EnsureEvent.run(request, nodes);
        case STATUS:
          return StatusEvent.run(request, nodes);
        case VERIFY:
        default:
          return VerifyEvent.run(request, nodes);
      }
    } catch (Refusal refusal) {
      return Response.partial(event, payload).refused(refusal);
    } catch (InferenceException failure) {
      return Response.partial(event, payload)
          .diagnostic(eventName + " failed on the runtime: " + failure.getMessage())
          .failed(BusErrorClass.of(failure.kind()));
    } catch (RuntimeException failure) {
      // an unknown exception's message is not repeated: nothing vouches that it holds no secret
      return Response.partial(event, payload)
          .diagnostic(
              eventName
                  + " failed on the runtime with "
                  + failure.getClass().getName()
                  + "; see the runtime's own logs")
          .failed(BusErrorClass.PROVIDER_ERROR);
    }
  }

  /**
   * The eight event names, each request followed by its response, in the order install,
   * model.ensure, status, verify.
   *
   * @return the names, never {@code null}
   */
  public static List<String> events() {
    return BusEvent.names();
  }

  /**
   * What this deployment offers, as the seed's {@code --events --format json}: {@code providers}
   * (sorted), {@code events} (as {@link #events()}), and {@code capabilities}: {@code
   * direct_bootstrap} (events can be handled here, without a running Bus API provider), the request
   * events with their response and the scope they need, the checks, the runtime statuses and the
   * error classes.
   *
   * @return the document, never {@code null}
   */
  public JsonValue describe() {
    Map<String, JsonValue> requests = new LinkedHashMap<>();
    for (BusEvent event : BusEvent.values()) {
      Map<String, JsonValue> entry = new LinkedHashMap<>();
      entry.put("response", JsonValue.of(event.responseName()));
      entry.put("scope", JsonValue.of(event.scope()));
      requests.put(event.requestName(), JsonValue.object(entry));
    }
    List<String> checks = new ArrayList<>();
    for (dev.inference.runtime.Check check : dev.inference.runtime.Check.values()) {
      checks.add(check.wireName());
    }
    List<String> states = new ArrayList<>();
    for (dev.inference.runtime.RuntimeStatus.State state :
        dev.inference.runtime.RuntimeStatus.State.values()) {
      states.add(StatusEvent.wireName(state));
    }
    List<String> errorClasses = new ArrayList<>();
    for (BusErrorClass errorClass : BusErrorClass.values()) {
      errorClasses.add(errorClass.wireName());
    }
    Map<String, JsonValue> capabilities = new LinkedHashMap<>();
    capabilities.put("direct_bootstrap", JsonValue.of(true));
    capabilities.put("requests", JsonValue.object(requests));
    capabilities.put("checks", Response.strings(checks));
    capabilities.put("runtime_status", Response.strings(states));
    capabilities.put("error_classes", Response.strings(errorClasses));
    Map<String, JsonValue> document = new LinkedHashMap<>();
    document.put("providers", Response.strings(List.copyOf(new TreeSet<>(providers))));
    document.put("events", Response.strings(events()));
    document.put("capabilities", JsonValue.object(capabilities));
    return JsonValue.object(document);
  }

  /**
   * Checks this handler's validation against built-in cases (a bad node id, an inline secret,
   * confirm without a dry run, unknown keys, an unknown check, prod without confirm, a valid status
   * request against a fake node, ...), on a fake node and secret resolver of its own.
   *
   * @return what failed, one line per case; empty when all passed; never throws
   */
  public List<String> selfTest() {
    try {
      return SelfTest.run();
    } catch (RuntimeException failure) {
      return List.of("the self-test itself failed: " + failure);
    }
  }

  private static List<String> requestNames() {
    List<String> names = new ArrayList<>();
    for (BusEvent event : BusEvent.values()) {
      names.add(event.requestName());
    }
    return names;
  }
}
