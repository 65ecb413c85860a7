package dev.inference.bus;

import dev.inference.JsonValue;
import java.util.Optional;
import java.util.Set;

/**
 * A model.ensure request's {@code policy} object.
 *
 * @param allowModelDownload whether a missing model may be pulled ({@code false} by default)
 * @param maxModelSizeBytes the largest model that may be pulled
 * @param requireConfirmationForProd whether a change in {@code prod} needs confirm ({@code true} by
 *     default)
 */
record Policy(
    boolean allowModelDownload,
    Optional<Long> maxModelSizeBytes,
    boolean requireConfirmationForProd) {

  private static final Set<String> KEYS =
      Set.of("allow_model_download", "max_model_size_bytes", "require_confirmation_for_prod");

  static final Policy DEFAULTS = new Policy(false, Optional.empty(), true);

  static Policy read(Optional<JsonValue> value) {
    if (value.isEmpty()) {
      return DEFAULTS;
    }
    Fields fields = Fields.of("policy", value.get(), KEYS);
    return new Policy(
        fields.bool("allow_model_download", false),
        fields.positiveLong("max_model_size_bytes"),
        fields.bool("require_confirmation_for_prod", true));
  }
}
