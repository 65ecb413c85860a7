package dev.inference.openai.internal;

import dev.inference.JsonValue;
import dev.inference.http.HttpRuntime;
import dev.inference.http.HttpRuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Status and verify of an OpenAI-compatible server through {@code GET /v1/models} on the same
 * server; downloads are not something these servers do.
 */
final class OpenAiRuntimeOperations extends HttpRuntimeOperations {

  OpenAiRuntimeOperations(HttpRuntime client) {
    super(client);
  }

  /**
   * The models endpoint: the chat endpoint with {@code /chat/completions} replaced by {@code
   * /models}, else {@code /v1/models} on the same server.
   */
  URI modelsEndpoint() {
    String path = client.endpoint().getPath();
    String suffix = "/chat/completions";
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.endsWith(suffix)
        ? sibling(trimmed.substring(0, trimmed.length() - suffix.length()) + "/models")
        : sibling("/v1/models");
  }

  @Override
  protected RuntimeStatus probe() {
    JsonValue body = client.exchangeJson("GET", modelsEndpoint(), null, operationTimeout());
    List<RuntimeStatus.ModelInfo> models = new ArrayList<>();
    body.get("data")
        .filter(JsonValue.ArrayValue.class::isInstance)
        .map(data -> ((JsonValue.ArrayValue) data).elements())
        .orElse(List.of())
        .forEach(
            model ->
                model
                    .get("id")
                    .flatMap(JsonValue::asString)
                    .ifPresent(
                        id ->
                            models.add(
                                new RuntimeStatus.ModelInfo(
                                    id, OptionalLong.empty(), Optional.empty()))));
    return RuntimeStatus.ready(null, models);
  }
}
