package dev.inference.bus;

import dev.inference.JsonValue;
import java.util.Optional;
import java.util.Set;

/**
 * A request's {@code runtime} object: {@code listen}, {@code context_length}, {@code service_user}
 * and {@code environment} (default {@code dev}). Install takes all four; model.ensure takes only
 * {@code environment}, since listener settings belong in install.
 *
 * @param listen the address the runtime should listen on ({@code 127.0.0.1:11434})
 * @param contextLength the context length the runtime should use
 * @param serviceUser the system user the runtime should run as
 * @param environment the deployment environment ({@code dev}, {@code prod})
 */
record RuntimeSpec(
    Optional<String> listen,
    Optional<Long> contextLength,
    Optional<String> serviceUser,
    String environment) {

  static final String DEFAULT_ENVIRONMENT = "dev";

  private static final Set<String> INSTALL_KEYS =
      Set.of("listen", "context_length", "service_user", "environment");

  static RuntimeSpec read(BusEvent event, Optional<JsonValue> value) {
    if (value.isEmpty()) {
      return new RuntimeSpec(
          Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_ENVIRONMENT);
    }
    if (event != BusEvent.INSTALL) {
      for (String key : new String[] {"listen", "context_length", "service_user"}) {
        if (value.get().get(key).isPresent()) {
          throw Refusal.badRequest(
              "runtime."
                  + key
                  + " belongs in bus.inference.install.request, not in "
                  + event.requestName()
                  + "; here runtime allows only 'environment'");
        }
      }
    }
    Fields fields =
        Fields.of(
            "runtime",
            value.get(),
            event == BusEvent.INSTALL ? INSTALL_KEYS : Set.of("environment"));
    return new RuntimeSpec(
        fields.optionalString("listen"),
        fields.positiveLong("context_length"),
        fields.optionalString("service_user"),
        fields.optionalString("environment").orElse(DEFAULT_ENVIRONMENT));
  }
}
