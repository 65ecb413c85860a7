package dev.inference.spring;

import dev.inference.InferenceClient;
import dev.inference.runtime.Check;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.VerifyResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of the clients' runtimes: each profile's {@link RuntimeOperations#verify} with the
 * {@link Check#RUNTIME_READY} check only (cheap, bounded by the client's own timeouts). UP when
 * every profile passes, DOWN with the failing check's diagnostic otherwise; one detail per profile.
 * A client whose driver has no runtime operations counts as up, with the detail {@code no runtime
 * operations}. The result is reused for the cache time to live ({@code inference.health.cache-ttl},
 * 10 seconds by default), measured on the given clock.
 *
 * @since 0.2
 */
public final class InferenceHealthIndicator implements HealthIndicator {

  private final InferenceClients clients;
  private final Duration ttl;
  private final Clock clock;
  private @Nullable Health cached;
  private Instant expires = Instant.MIN;

  /**
   * An indicator for the given clients.
   *
   * @param clients the clients
   * @param ttl how long a result is reused
   * @param clock the clock that measures it
   */
  public InferenceHealthIndicator(InferenceClients clients, Duration ttl, Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The health, from the cache while it is fresh.
   *
   * @return the health
   */
  @Override
  public synchronized Health health() {
    Instant now = clock.instant();
    Health last = cached;
    if (last != null && now.isBefore(expires)) {
      return last;
    }
    Health fresh = check();
    cached = fresh;
    expires = now.plus(ttl);
    return fresh;
  }

  private Health check() {
    boolean up = true;
    Map<String, Object> details = new LinkedHashMap<>();
    for (String name : clients.names()) {
      Map<String, Object> detail = verify(clients.get(name));
      up &= Status.UP.getCode().equals(detail.get("status"));
      details.put(name, detail);
    }
    return (up ? Health.up() : Health.down()).withDetails(details).build();
  }

  private static Map<String, Object> verify(InferenceClient client) {
    Map<String, Object> detail = new LinkedHashMap<>();
    Optional<RuntimeOperations> operations = client.operations();
    if (operations.isEmpty()) {
      detail.put("status", Status.UP.getCode());
      detail.put("detail", "no runtime operations");
      return detail;
    }
    try {
      VerifyResult result = operations.get().verify(EnumSet.of(Check.RUNTIME_READY));
      detail.put("status", result.ok() ? Status.UP.getCode() : Status.DOWN.getCode());
      result.firstFailure().ifPresent(f -> detail.put("diagnostic", f.diagnostic()));
    } catch (RuntimeException failed) {
      detail.put("status", Status.DOWN.getCode());
      detail.put("diagnostic", String.valueOf(failed.getMessage()));
    }
    return detail;
  }
}
