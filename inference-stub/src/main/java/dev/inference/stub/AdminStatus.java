package dev.inference.stub;

import dev.inference.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One frame of the inferd admin socket: {@code {"id":"admin","type":"status","status":..}} with the
 * detail keys flattened into the same object, in the order they were added. Any status and any key
 * can be scripted, so a test can check that a client ignores the ones it does not know.
 *
 * @param status the status, such as {@code starting}, {@code loading_model}, {@code ready}, {@code
 *     restarting} or {@code draining}
 * @param details the detail keys, such as {@code phase}, {@code path}, {@code downloaded_bytes}
 * @since 0.2
 */
public record AdminStatus(String status, Map<String, JsonValue> details) {

  /** The status that binds the inference socket: {@code ready}. */
  public static final String READY = "ready";

  /** The status that closes the inference socket until the next {@code ready}. */
  public static final String RESTARTING = "restarting";

  /** The status sent before the admin socket ends: {@code draining}. */
  public static final String DRAINING = "draining";

  private static final Set<String> ENVELOPE = Set.of("id", "type", "status");

  /**
   * Checks the status and keeps the order of the details.
   *
   * @param status the status, not blank
   * @param details the detail keys; none may be {@code id}, {@code type} or {@code status}
   */
  public AdminStatus {
    Objects.requireNonNull(status, "status");
    if (status.isBlank()) {
      throw new IllegalArgumentException("status must not be blank");
    }
    for (String key : details.keySet()) {
      if (ENVELOPE.contains(key)) {
        throw new IllegalArgumentException(
            "detail key '"
                + key
                + "' is part of the envelope; use other keys than id, type, status");
      }
    }
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * A status without details.
   *
   * @param status the status
   * @return the frame
   */
  public static AdminStatus of(String status) {
    return new AdminStatus(status, Map.of());
  }

  /**
   * {@code loading_model} in a phase ({@code checking_local}, {@code download}, {@code verify},
   * {@code quarantine}, {@code mmap}, {@code kv_cache}).
   *
   * @param phase the phase
   * @return the frame
   */
  public static AdminStatus loadingModel(String phase) {
    return of("loading_model").with("phase", phase);
  }

  /**
   * A copy with one more detail key, after the others.
   *
   * @param key the key
   * @param value the value
   * @return the copy
   */
  public AdminStatus with(String key, JsonValue value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, JsonValue> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new AdminStatus(status, more);
  }

  /**
   * A copy with one more text detail.
   *
   * @param key the key
   * @param value the value
   * @return the copy
   */
  public AdminStatus with(String key, String value) {
    return with(key, JsonValue.of(value));
  }

  /**
   * A copy with one more number detail.
   *
   * @param key the key
   * @param value the value
   * @return the copy
   */
  public AdminStatus with(String key, long value) {
    return with(key, JsonValue.of(value));
  }

  /**
   * The lifecycle a stub with an admin socket plays when none was scripted: {@code starting},
   * {@code loading_model} in the phases {@code checking_local}, {@code download} (0, 2 MiB, then 4
   * MiB of 4 MiB), {@code mmap} and {@code kv_cache} ({@code n_ctx} 8192), then {@code ready}.
   *
   * @return the frames, in order
   */
  public static List<AdminStatus> defaultLifecycle() {
    String path = "/models/stub-model.gguf";
    long total = 4L * 1024 * 1024;
    AdminStatus download =
        loadingModel("download")
            .with("downloaded_bytes", 0)
            .with("total_bytes", total)
            .with("source_url", "https://models.stub.invalid/stub-model.gguf");
    return List.of(
        of("starting"),
        loadingModel("checking_local").with("path", path),
        download,
        download.with("downloaded_bytes", total / 2),
        download.with("downloaded_bytes", total),
        loadingModel("mmap").with("path", path),
        loadingModel("kv_cache").with("n_ctx", 8192),
        of(READY));
  }
}
