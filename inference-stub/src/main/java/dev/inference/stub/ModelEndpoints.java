package dev.inference.stub;

import static dev.inference.stub.Exchanges.object;
import static dev.inference.stub.Exchanges.send;
import static dev.inference.stub.Exchanges.sendJson;

import com.sun.net.httpserver.HttpExchange;
import dev.inference.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The endpoints of a {@link StubServer} besides chat: the model list ({@code /v1/models}, {@code
 * /api/tags}, Anthropic's {@code /v1/models} and {@code /v1/models/{id}}), Ollama's {@code
 * /api/version}, {@code /api/show} and {@code /api/pull} with progress, and each dialect's answer
 * to an unknown route.
 */
final class ModelEndpoints {

  /** The context window {@code /api/show} and {@code /api/ps} report. */
  static final long CONTEXT_LENGTH = 8192;

  private final Dialect dialect;
  private final List<String> models;
  private final long pullSizeBytes;
  private final Duration pullDelay;

  /** Request ids of these routes' errors, in a range of their own (chat answers count from 1). */
  private final AtomicLong requests = new AtomicLong(1L << 40);

  private final Closing closing;

  ModelEndpoints(
      Dialect dialect,
      List<String> models,
      long pullSizeBytes,
      Duration pullDelay,
      Closing closing) {
    this.dialect = dialect;
    this.models = models;
    this.pullSizeBytes = pullSizeBytes;
    this.pullDelay = pullDelay;
    this.closing = closing;
  }

  void serve(HttpExchange exchange, RecordedRequest request) throws IOException {
    String method = request.method();
    String path = request.path();
    String body = request.body();
    if (dialect == Dialect.ANTHROPIC) {
      anthropic(exchange, method, path);
      return;
    }
    if (dialect == Dialect.OPENAI) {
      List<JsonValue> data = new ArrayList<>();
      for (String model : models) {
        data.add(
            object(
                "id", JsonValue.of(model),
                "object", JsonValue.of("model"),
                "created", JsonValue.of(Wire.CREATED),
                "owned_by", JsonValue.of("stub")));
      }
      if (method.equals("GET") && path.equals("/v1/models")) {
        sendJson(
            exchange, 200, object("object", JsonValue.of("list"), "data", JsonValue.array(data)));
        return;
      }
      if (method.equals("GET") && path.startsWith("/v1/models/")) {
        String id = path.substring("/v1/models/".length());
        int index = models.indexOf(id);
        if (index >= 0) {
          sendJson(exchange, 200, data.get(index));
        } else {
          send(
              exchange,
              404,
              "application/json",
              Wire.bytes(
                  ErrorBodies.openAi(
                      404, "The model '" + id + "' does not exist", "model", "model_not_found")));
        }
        return;
      }
      String requestId = Stamp.requestId(requests.incrementAndGet());
      if (dialect == Dialect.ANTHROPIC) {
        exchange.getResponseHeaders().add("request-id", requestId);
      }
      send(
          exchange,
          404,
          "application/json",
          Wire.bytes(ErrorBodies.unknownRoute(dialect, method, path, requestId)));
      return;
    }
    switch (method + " " + path) {
      case "GET /api/version", "HEAD /api/version" ->
          sendJson(exchange, 200, object("version", JsonValue.of("0.12.6")));
      case "GET /", "HEAD /" ->
          send(exchange, 200, "text/plain; charset=utf-8", Wire.bytes("Ollama is running"));
      case "GET /api/tags" -> sendJson(exchange, 200, tags());
      case "GET /api/ps" -> sendJson(exchange, 200, running());
      case "POST /api/show" -> show(exchange, body);
      case "POST /api/pull" -> pull(exchange, body);
      default -> send(exchange, 404, "text/plain", Wire.bytes("404 page not found"));
    }
  }

  /**
   * {@code GET /v1/models}: {@code {"data":[{"type":"model","id","display_name","created_at"}],
   * "has_more":false,"first_id","last_id"}}; {@code GET /v1/models/{id}}: the one model; else a
   * {@code not_found_error}.
   */
  private void anthropic(HttpExchange exchange, String method, String path) throws IOException {
    List<JsonValue> data = new ArrayList<>();
    for (String model : models) {
      data.add(
          object(
              "type", JsonValue.of("model"),
              "id", JsonValue.of(model),
              "display_name", JsonValue.of(model),
              "created_at", JsonValue.of(Wire.CREATED_AT),
              "lifecycle", JsonValue.of("active"),
              "deprecated_at", JsonValue.ofNull(),
              "retires_at", JsonValue.ofNull(),
              "max_input_tokens", JsonValue.of(CONTEXT_LENGTH),
              "max_tokens", JsonValue.of(CONTEXT_LENGTH)));
    }
    if (method.equals("GET") && path.equals("/v1/models")) {
      JsonValue none = JsonValue.ofNull();
      sendJson(
          exchange,
          200,
          object(
              "data",
              JsonValue.array(data),
              "has_more",
              JsonValue.BooleanValue.FALSE,
              "first_id",
              data.isEmpty() ? none : data.get(0).get("id").orElseThrow(),
              "last_id",
              data.isEmpty() ? none : data.get(data.size() - 1).get("id").orElseThrow()));
      return;
    }
    if (method.equals("GET") && path.startsWith("/v1/models/")) {
      int index = models.indexOf(path.substring("/v1/models/".length()));
      if (index >= 0) {
        sendJson(exchange, 200, data.get(index));
        return;
      }
    }
    String requestId = Stamp.requestId(requests.incrementAndGet());
    exchange.getResponseHeaders().add("request-id", requestId);
    send(
        exchange,
        404,
        "application/json",
        Wire.bytes(
            AnthropicWire.error(
                "not_found_error", "the stub has no route for " + method + " " + path, requestId)));
  }

  private void show(HttpExchange exchange, String body) throws IOException {
    String model = requestedModel(body);
    if (!hasModel(model)) {
      sendJson(exchange, 404, object("error", JsonValue.of("model '" + model + "' not found")));
      return;
    }
    sendJson(
        exchange,
        200,
        object(
            "license",
            JsonValue.of("stub license"),
            "modelfile",
            JsonValue.of("# Modelfile generated by the stub\nFROM " + model + "\n"),
            "parameters",
            JsonValue.of("stop                           \"<|eot|>\""),
            "template",
            JsonValue.of("{{ .Prompt }}"),
            "details",
            details(),
            "model_info",
            object(
                "general.architecture", JsonValue.of("stub"),
                "general.parameter_count", JsonValue.of(1_000_000_000L),
                "stub.context_length", JsonValue.of(CONTEXT_LENGTH)),
            "capabilities",
            JsonValue.array(List.of(JsonValue.of("completion"), JsonValue.of("tools"))),
            "modified_at",
            JsonValue.of(Wire.CREATED_AT)));
  }

  private void pull(HttpExchange exchange, String body) throws IOException {
    String model = requestedModel(body);
    boolean stream = !body.contains("\"stream\":false") && !body.contains("\"stream\": false");
    String digest = "sha256:" + digest(model);
    List<JsonValue> lines = new ArrayList<>();
    lines.add(object("status", JsonValue.of("pulling manifest")));
    for (int step = 0; step <= 4; step++) {
      JsonValue status = JsonValue.of("pulling " + digest.substring(7, 19));
      // completed is absent until it is not zero, as Ollama sends it
      lines.add(
          step == 0
              ? object(
                  "status", status,
                  "digest", JsonValue.of(digest),
                  "total", JsonValue.of(pullSizeBytes))
              : object(
                  "status", status,
                  "digest", JsonValue.of(digest),
                  "total", JsonValue.of(pullSizeBytes),
                  "completed", JsonValue.of(pullSizeBytes * step / 4)));
    }
    lines.add(object("status", JsonValue.of("verifying sha256 digest")));
    lines.add(object("status", JsonValue.of("writing manifest")));
    lines.add(object("status", JsonValue.of("success")));
    if (!hasModel(model)) {
      models.add(model.contains(":") ? model : model + ":latest");
    }
    if (!stream) {
      sendJson(exchange, 200, lines.get(lines.size() - 1));
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (JsonValue line : lines) {
      if (!pullDelay.isZero() && closing.await(pullDelay)) {
        return;
      }
      out.write(Wire.bytes(line.toJson() + "\n"));
      out.flush();
    }
    out.close();
  }

  private JsonValue tags() {
    List<JsonValue> list = new ArrayList<>();
    for (String model : models) {
      list.add(
          object(
              "name", JsonValue.of(model),
              "model", JsonValue.of(model),
              "modified_at", JsonValue.of(Wire.CREATED_AT),
              "size", JsonValue.of(pullSizeBytes),
              "digest", JsonValue.of(digest(model)),
              "details", details()));
    }
    return object("models", JsonValue.array(list));
  }

  /** {@code GET /api/ps}: every listed model, loaded, until a scripted far-off instant. */
  private JsonValue running() {
    List<JsonValue> list = new ArrayList<>();
    for (String model : models) {
      list.add(
          object(
              "name", JsonValue.of(model),
              "model", JsonValue.of(model),
              "size", JsonValue.of(pullSizeBytes),
              "digest", JsonValue.of(digest(model)),
              "details", details(),
              "expires_at", JsonValue.of("2099-01-01T00:00:00Z"),
              "size_vram", JsonValue.of(pullSizeBytes),
              "context_length", JsonValue.of(CONTEXT_LENGTH)));
    }
    return object("models", JsonValue.array(list));
  }

  private static JsonValue details() {
    return object(
        "parent_model", JsonValue.of(""),
        "format", JsonValue.of("gguf"),
        "family", JsonValue.of("stub"),
        "families", JsonValue.array(List.of(JsonValue.of("stub"))),
        "parameter_size", JsonValue.of("1B"),
        "quantization_level", JsonValue.of("Q4_0"));
  }

  private boolean hasModel(String model) {
    String wanted = model.contains(":") ? model : model + ":latest";
    return models.stream().anyMatch(m -> m.equals(model) || m.equals(wanted));
  }

  private static String requestedModel(String body) {
    try {
      JsonValue json = JsonValue.parse(body);
      return json.get("model").or(() -> json.get("name")).flatMap(JsonValue::asString).orElse("");
    } catch (IllegalArgumentException notJson) {
      return "";
    }
  }

  private static String digest(String model) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(model.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
