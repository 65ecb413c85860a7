package dev.inference.anthropic.internal;

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
 * Status and verify through {@code GET /v1/models} on the same server, with the call's headers
 * ({@code x-api-key}, {@code anthropic-version}); the model is ready when the list names it.
 */
final class AnthropicRuntimeOperations extends HttpRuntimeOperations {

  AnthropicRuntimeOperations(HttpRuntime client) {
    super(client);
  }

  /**
   * The models endpoint: the Messages endpoint with {@code /messages} replaced by {@code /models},
   * else {@code /v1/models} on the same server; asks for up to 1000, the API's largest page.
   */
  URI modelsEndpoint() {
    String path = client.endpoint().getPath();
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String suffix = "/messages";
    String models =
        trimmed.endsWith(suffix)
            ? trimmed.substring(0, trimmed.length() - suffix.length()) + "/models"
            : "/v1/models";
    return sibling(models + "?limit=1000");
  }

  @Override
  protected RuntimeStatus probe() {
    JsonValue body = client.exchangeJson("GET", modelsEndpoint(), null, operationTimeout());
    List<RuntimeStatus.ModelInfo> models = new ArrayList<>();
    for (JsonValue model : AnthropicResponses.array(body, "data")) {
      AnthropicResponses.string(model, "id")
          .ifPresent(
              id ->
                  models.add(
                      new RuntimeStatus.ModelInfo(id, OptionalLong.empty(), Optional.empty())));
    }
    return RuntimeStatus.ready(null, models);
  }
}
