package dev.inference.stub;

import dev.inference.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks the inferd daemon makes on a request frame before it reaches a backend; a failure is
 * answered with an {@code invalid_request} error frame.
 */
final class InferdRequests {

  private static final Set<String> ROLES = Set.of("system", "user", "assistant");
  private static final Set<Long> BUDGETS = Set.of(70L, 140L, 280L, 560L, 1120L);

  private InferdRequests() {}

  /** What is wrong with a request, or empty when it may be answered. */
  static Optional<String> problem(JsonValue request) {
    if (!(request.get("messages").orElse(null) instanceof JsonValue.ArrayValue messages)
        || messages.elements().isEmpty()) {
      return Optional.of("messages must not be empty");
    }
    List<JsonValue> list = messages.elements();
    for (int i = 0; i < list.size(); i++) {
      JsonValue message = list.get(i);
      String role = message.get("role").flatMap(JsonValue::asString).orElse(null);
      if (role == null || !ROLES.contains(role)) {
        return Optional.of(
            "messages["
                + i
                + "].role must be system, user or assistant, but was "
                + message.get("role").map(JsonValue::toJson).orElse("missing"));
      }
      if (!(message.get("content").orElse(null) instanceof JsonValue.StringValue)) {
        return Optional.of(
            "messages[" + i + "].content must be a string (inferd v1 has no content parts)");
      }
    }
    Optional<JsonValue> budget = present(request, "image_token_budget");
    if (budget.isPresent()
        && !(budget.get() instanceof JsonValue.NumberValue number
            && whole(number.value())
            && BUDGETS.contains(number.longValue()))) {
      return Optional.of(
          "image_token_budget must be one of 70, 140, 280, 560, 1120, but was "
              + budget.get().toJson());
    }
    return typed(request, "id", "a string", JsonValue.StringValue.class)
        .or(() -> typed(request, "temperature", "a number", JsonValue.NumberValue.class))
        .or(() -> typed(request, "top_p", "a number", JsonValue.NumberValue.class))
        .or(() -> count(request, "top_k"))
        .or(() -> count(request, "max_tokens"))
        .or(() -> typed(request, "stream", "true or false", JsonValue.BooleanValue.class))
        .or(() -> typed(request, "grammar", "a string", JsonValue.StringValue.class));
  }

  private static Optional<JsonValue> present(JsonValue request, String name) {
    return request.get(name).filter(value -> !(value instanceof JsonValue.NullValue));
  }

  private static Optional<String> typed(
      JsonValue request, String name, String what, Class<? extends JsonValue> type) {
    return present(request, name)
        .filter(value -> !type.isInstance(value))
        .map(value -> name + " must be " + what + ", but was " + value.toJson());
  }

  private static Optional<String> count(JsonValue request, String name) {
    return present(request, name)
        .filter(
            value ->
                !(value instanceof JsonValue.NumberValue number
                    && whole(number.value())
                    && number.value().signum() >= 0))
        .map(value -> name + " must be a whole number >= 0, but was " + value.toJson());
  }

  private static boolean whole(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }
}
