package dev.inference.kit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One dispatched server-sent event.
 *
 * @param type the event type, {@code "message"} unless an {@code event:} field set it
 * @param data the {@code data:} lines joined with {@code "\n"}
 * @param id the last event id at dispatch time, or {@code null} when none was set
 * @since 0.2
 */
public record SseEvent(String type, String data, @Nullable String id) {

  /**
   * Checks the values.
   *
   * @param type the event type
   * @param data the data
   * @param id the last event id, or {@code null}
   */
  public SseEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }
}
