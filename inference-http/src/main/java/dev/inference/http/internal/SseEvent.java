package dev.inference.http.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One dispatched server-sent event.
 *
 * @param type the event type, {@code "message"} unless an {@code event:} field set it
 * @param data the {@code data:} lines joined with {@code "\n"}
 * @param id the last event id at dispatch time, or {@code null} when none was set
 */
public record SseEvent(String type, String data, @Nullable String id) {

  /** Checks the values. */
  public SseEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }
}
