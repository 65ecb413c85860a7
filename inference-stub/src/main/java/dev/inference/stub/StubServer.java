package dev.inference.stub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.inference.JsonValue;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A provider server on loopback that speaks one {@link Dialect} and answers chat requests from a
 * script of {@link Reply replies}, then with a deterministic default reply derived from the prompt;
 * it records every request it received.
 *
 * <pre>{@code
 * try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
 *   stub.enqueue(Reply.error(429, "{\"error\":{\"message\":\"slow down\"}}")
 *       .withHeader("Retry-After", "1"));
 *   URI endpoint = stub.chatEndpoint(); // http://127.0.0.1:<port>/v1/chat/completions
 *   ...
 *   assertThat(stub.requests()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>The default reply to a prompt {@code P} is the text {@code "Stub answer to: P"} (whitespace
 * collapsed, cut after 200 characters); in a JSON mode ({@code response_format} or Ollama {@code
 * format}) it is the object {@code {"answer":"Stub answer to: P","words":N}} with {@code N} the
 * number of words of the prompt. Usage counts words: the words of every message for the prompt, the
 * deltas for the completion.
 *
 * <p>Besides the provider endpoints the server has control endpoints for tests written in other
 * languages: {@code POST /_stub/replies} (one {@linkplain Reply#fromJson reply object} or an array
 * of them), {@code GET /_stub/requests} (what was received, as a JSON array) and {@code POST
 * /_stub/reset}. They are not recorded.
 *
 * <p>It starts in milliseconds on an ephemeral port, serves canned replies from pre-encoded bytes
 * and handles 256 concurrent requests by default, so benchmarks can use it as their server.
 *
 * @since 0.1
 */
public final class StubServer implements AutoCloseable {

  /** The model a server lists when none was configured. */
  public static final String DEFAULT_MODEL = "stub-model";

  private final Dialect dialect;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final boolean record;
  private final long pullSizeBytes;
  private final Duration pullDelay;
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> models;
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile @Nullable Reply always;
  private volatile @Nullable Function<RecordedRequest, @Nullable Reply> responder;

  private StubServer(Builder builder) throws IOException {
    this.dialect = builder.dialect;
    this.record = builder.record;
    this.pullSizeBytes = builder.pullSizeBytes;
    this.pullDelay = builder.pullDelay;
    this.models = new CopyOnWriteArrayList<>(builder.models);
    AtomicInteger count = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            builder.threads,
            builder.threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "inference-stub-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 1024);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a server on an ephemeral loopback port with the defaults.
   *
   * @param dialect the dialect to speak
   * @return the running server
   * @throws UncheckedIOException when no port could be bound
   */
  public static StubServer start(Dialect dialect) {
    return builder(dialect).start();
  }

  /**
   * A builder for a server.
   *
   * @param dialect the dialect to speak
   * @return the builder
   */
  public static Builder builder(Dialect dialect) {
    return new Builder(dialect);
  }

  /**
   * The dialect.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The root URL, {@code http://127.0.0.1:<port>}.
   *
   * @return the URL
   */
  public URI baseUrl() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
  }

  /**
   * The chat endpoint: {@code /v1/chat/completions} or {@code /api/chat} under {@link #baseUrl()}.
   *
   * @return the URL
   */
  public URI chatEndpoint() {
    return URI.create(baseUrl() + dialect.chatPath());
  }

  /**
   * Adds replies to the script; each chat request takes the next one.
   *
   * @param replies the replies, in order
   * @return this server
   */
  public StubServer enqueue(Reply... replies) {
    for (Reply reply : replies) {
      script.add(Objects.requireNonNull(reply, "reply"));
    }
    return this;
  }

  /**
   * Answers every chat request with this reply once the script is empty, instead of the default
   * reply.
   *
   * @param reply the reply
   * @return this server
   */
  public StubServer replyAlways(Reply reply) {
    this.always = Objects.requireNonNull(reply, "reply");
    return this;
  }

  /**
   * Answers each chat request the script does not with what this function returns for it; when it
   * returns {@code null}, the {@link #replyAlways} reply or the default reply answers. The function
   * is called concurrently, once per request, even when the server does not record requests: a test
   * can script replies per request (by a marker in the prompt, say) and count the requests.
   *
   * @param responder the function, called on the server's threads
   * @return this server
   */
  public StubServer replyWith(Function<RecordedRequest, @Nullable Reply> responder) {
    this.responder = Objects.requireNonNull(responder, "responder");
    return this;
  }

  /**
   * The requests received so far (control endpoints excluded), in order of arrival.
   *
   * @return a snapshot, never {@code null}
   */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * The chat requests received so far.
   *
   * @return a snapshot
   */
  public List<RecordedRequest> chatRequests() {
    return requests.stream().filter(r -> r.path().equals(dialect.chatPath())).toList();
  }

  /**
   * The models the server lists ({@code /v1/models}, {@code /api/tags}); a pull adds one.
   *
   * @return a snapshot
   */
  public List<String> models() {
    return List.copyOf(models);
  }

  /**
   * Forgets the script, the {@link #replyAlways} and {@link #replyWith} replies and the recorded
   * requests.
   */
  public void reset() {
    script.clear();
    requests.clear();
    always = null;
    responder = null;
  }

  /** Stops the server at once; stalled replies end. */
  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "StubServer[" + dialect.cliName() + " on " + baseUrl() + "]";
  }

  // --- handling ---

  private void handle(HttpExchange exchange) throws IOException {
    boolean dropped = false;
    try {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getPath();
      String body;
      try (var in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (path.startsWith("/_stub/")) {
        control(exchange, method, path, body);
        return;
      }
      RecordedRequest request = new RecordedRequest(method, path, headers(exchange), body);
      if (record) {
        requests.add(request);
      }
      route(exchange, request);
    } catch (Drop drop) {
      // thrown on to the HTTP server, which closes the connection without ending the response
      dropped = true;
      throw drop;
    } catch (IOException | RuntimeException gone) {
      // the client went away or sent something unreadable; nothing to answer
    } finally {
      if (!dropped) {
        exchange.close();
      }
    }
  }

  private void route(HttpExchange exchange, RecordedRequest request) throws IOException {
    String method = request.method();
    String path = request.path();
    String body = request.body();
    if (method.equals("POST") && path.equals(dialect.chatPath())) {
      chat(exchange, request);
      return;
    }
    if (dialect == Dialect.OPENAI) {
      if (method.equals("GET") && path.equals("/v1/models")) {
        List<JsonValue> data = new ArrayList<>();
        for (String model : models) {
          data.add(
              object(
                  "id", JsonValue.of(model),
                  "object", JsonValue.of("model"),
                  "created", JsonValue.of(Wire.CREATED),
                  "owned_by", JsonValue.of("stub")));
        }
        sendJson(
            exchange, 200, object("object", JsonValue.of("list"), "data", JsonValue.array(data)));
        return;
      }
      sendJson(
          exchange,
          404,
          object(
              "error",
              object(
                  "message",
                  JsonValue.of("the stub has no route for " + method + " " + path),
                  "type",
                  JsonValue.of("invalid_request_error"))));
      return;
    }
    switch (method + " " + path) {
      case "GET /api/version", "HEAD /api/version" ->
          sendJson(exchange, 200, object("version", JsonValue.of("0.12.6")));
      case "GET /api/tags" -> sendJson(exchange, 200, tags());
      case "POST /api/show" -> show(exchange, body);
      case "POST /api/pull" -> pull(exchange, body);
      default -> send(exchange, 404, "text/plain", Wire.bytes("404 page not found"));
    }
  }

  private void chat(HttpExchange exchange, RecordedRequest request) throws IOException {
    JsonValue json;
    try {
      json = JsonValue.parse(request.body());
    } catch (IllegalArgumentException notJson) {
      sendError(exchange, 400, "the request body is not JSON: " + notJson.getMessage());
      return;
    }
    String model = json.get("model").flatMap(JsonValue::asString).orElse(DEFAULT_MODEL);
    boolean stream =
        json.get("stream")
            .map(v -> v == JsonValue.BooleanValue.TRUE)
            .orElse(dialect == Dialect.OLLAMA);
    Reply reply = script.poll();
    Function<RecordedRequest, @Nullable Reply> scripted = responder;
    if (reply == null && scripted != null) {
      reply = scripted.apply(request);
    }
    if (reply == null) {
      Reply fixed = always;
      reply = fixed != null ? fixed : defaultReply(json, dialect);
    }
    switch (reply.kind()) {
      case ERROR -> {
        Headers headers = exchange.getResponseHeaders();
        reply.headers().forEach(headers::add);
        byte[] bytes = reply.body();
        String trimmed = new String(bytes, StandardCharsets.UTF_8).strip();
        String type =
            trimmed.startsWith("{") || trimmed.startsWith("[") ? "application/json" : "text/plain";
        send(exchange, reply.status(), type, bytes);
      }
      case STALL -> awaitClose(reply.delay().isZero() ? null : reply.delay());
      case DROP -> throw new Drop();
      case CONTENT -> content(exchange, json, reply, model, stream);
    }
  }

  private void content(
      HttpExchange exchange, JsonValue json, Reply reply, String model, boolean stream)
      throws IOException {
    String answerModel = reply.model(model);
    long promptWords = promptWords(json);
    Wire.Encoded encoded;
    if (!stream) {
      encoded =
          reply.encoded(
              "body/" + dialect + "/" + answerModel + "/" + promptWords,
              () ->
                  dialect == Dialect.OPENAI
                      ? Wire.openAiBody(reply, answerModel, promptWords)
                      : Wire.ollamaBody(reply, answerModel, promptWords));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, encoded.length(reply.repeat()));
    } else {
      boolean usage =
          json.get("stream_options")
              .flatMap(o -> o.get("include_usage"))
              .map(v -> v == JsonValue.BooleanValue.TRUE)
              .orElse(false);
      encoded =
          reply.encoded(
              "stream/" + dialect + "/" + answerModel + "/" + promptWords + "/" + usage,
              () ->
                  dialect == Dialect.OPENAI
                      ? Wire.openAiStream(reply, answerModel, promptWords, usage)
                      : Wire.ollamaStream(reply, answerModel, promptWords));
      exchange
          .getResponseHeaders()
          .add(
              "Content-Type",
              dialect == Dialect.OPENAI ? "text/event-stream" : "application/x-ndjson");
      exchange.sendResponseHeaders(200, 0);
    }
    long pause = stream ? reply.delay().toMillis() : 0;
    OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 16 * 1024);
    out.write(encoded.head());
    if (stream) {
      out.flush();
    }
    for (long r = 0; r < reply.repeat(); r++) {
      for (byte[] middle : encoded.middles()) {
        if (pause > 0) {
          if (awaitClose(Duration.ofMillis(pause))) {
            return;
          }
        }
        out.write(middle);
        if (pause > 0) {
          out.flush();
        }
      }
    }
    Reply.Ending ending = stream ? reply.ending() : Reply.Ending.FINISH;
    switch (ending) {
      case FINISH -> {}
      case STALL -> {
        out.flush();
        awaitClose(null);
        return;
      }
      case TRUNCATE -> {
        out.close(); // the last chunk: the body ends cleanly, the dialect's finish never came
        return;
      }
      case DROP -> {
        out.flush();
        throw new Drop();
      }
      case ERROR -> {
        out.write(Wire.streamError(dialect, reply.errorMessage()));
        out.close();
        return;
      }
    }
    out.write(encoded.tail());
    out.flush();
    out.close();
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
            "modelfile", JsonValue.of("# stub"),
            "details", details(),
            "model_info", object("general.parameter_count", JsonValue.of(1_000_000_000L)),
            "capabilities", JsonValue.array(List.of(JsonValue.of("completion")))));
  }

  private void pull(HttpExchange exchange, String body) throws IOException {
    String model = requestedModel(body);
    boolean stream = !body.contains("\"stream\":false") && !body.contains("\"stream\": false");
    String digest = "sha256:" + digest(model);
    List<JsonValue> lines = new ArrayList<>();
    lines.add(object("status", JsonValue.of("pulling manifest")));
    for (int step = 0; step <= 4; step++) {
      lines.add(
          object(
              "status", JsonValue.of("pulling " + digest.substring(7, 19)),
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
      if (!pullDelay.isZero() && awaitClose(pullDelay)) {
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

  private static JsonValue details() {
    return object(
        "format", JsonValue.of("gguf"),
        "family", JsonValue.of("stub"),
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

  private void control(HttpExchange exchange, String method, String path, String body)
      throws IOException {
    switch (method + " " + path) {
      case "POST /_stub/replies" -> {
        try {
          JsonValue spec = JsonValue.parse(body);
          List<Reply> replies = new ArrayList<>();
          if (spec instanceof JsonValue.ArrayValue array) {
            array.elements().forEach(e -> replies.add(Reply.fromJson(e)));
          } else {
            replies.add(Reply.fromJson(spec));
          }
          enqueue(replies.toArray(Reply[]::new));
          sendJson(exchange, 200, object("queued", JsonValue.of(script.size())));
        } catch (IllegalArgumentException bad) {
          sendJson(exchange, 400, object("error", JsonValue.of(String.valueOf(bad.getMessage()))));
        }
      }
      case "GET /_stub/requests" ->
          sendJson(
              exchange,
              200,
              JsonValue.array(requests.stream().map(RecordedRequest::toJsonValue).toList()));
      case "POST /_stub/reset" -> {
        reset();
        sendJson(exchange, 200, object("reset", JsonValue.of(true)));
      }
      default ->
          sendJson(
              exchange,
              404,
              object(
                  "error",
                  JsonValue.of(
                      "unknown control endpoint "
                          + method
                          + " "
                          + path
                          + "; known: POST /_stub/replies, GET /_stub/requests,"
                          + " POST /_stub/reset")));
    }
  }

  /**
   * Drops the connection: the HTTP server closes it when a handler throws, without the rest of the
   * response (no headers, or no last chunk).
   */
  private static final class Drop extends IOException {
    private static final long serialVersionUID = 1L;

    Drop() {
      super("the stub drops the connection");
    }
  }

  /**
   * Waits until the server closes, or for the pause when one is given.
   *
   * @return whether the server is closing
   */
  private boolean awaitClose(@Nullable Duration pause) {
    try {
      if (pause == null) {
        closing.await();
        return true;
      }
      return closing.await(pause.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  static Reply defaultReply(JsonValue request, Dialect dialect) {
    String prompt = "";
    if (request.get("messages").orElse(null) instanceof JsonValue.ArrayValue messages) {
      for (JsonValue message : messages.elements()) {
        if (message.get("role").flatMap(JsonValue::asString).orElse("").equals("user")) {
          prompt = contentText(message);
        }
      }
    }
    String collapsed = prompt.strip().replaceAll("\\s+", " ");
    if (collapsed.length() > 200) {
      collapsed = collapsed.substring(0, 200) + "...";
    }
    String answer = "Stub answer to: " + collapsed;
    boolean jsonMode =
        dialect == Dialect.OPENAI
            ? request.get("response_format").isPresent()
            : request.get("format").isPresent();
    if (!jsonMode) {
      return Reply.text(answer);
    }
    long words = prompt.isBlank() ? 0 : prompt.strip().split("\\s+").length;
    return Reply.json(object("answer", JsonValue.of(answer), "words", JsonValue.of(words)));
  }

  private static String contentText(JsonValue message) {
    JsonValue content = message.get("content").orElse(JsonValue.of(""));
    if (content instanceof JsonValue.ArrayValue parts) {
      StringBuilder text = new StringBuilder();
      for (JsonValue part : parts.elements()) {
        part.get("text").flatMap(JsonValue::asString).ifPresent(text::append);
      }
      return text.toString();
    }
    return content.asString().orElse("");
  }

  private static long promptWords(JsonValue request) {
    long words = 0;
    if (request.get("messages").orElse(null) instanceof JsonValue.ArrayValue messages) {
      for (JsonValue message : messages.elements()) {
        String text = contentText(message).strip();
        if (!text.isEmpty()) {
          words += text.split("\\s+").length;
        }
      }
    }
    return words;
  }

  private static Map<String, List<String>> headers(HttpExchange exchange) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return out;
  }

  private void sendError(HttpExchange exchange, int status, String message) throws IOException {
    JsonValue body =
        dialect == Dialect.OPENAI
            ? object(
                "error",
                object(
                    "message",
                    JsonValue.of(message),
                    "type",
                    JsonValue.of("invalid_request_error")))
            : object("error", JsonValue.of(message));
    sendJson(exchange, status, body);
  }

  private static void sendJson(HttpExchange exchange, int status, JsonValue body)
      throws IOException {
    send(exchange, status, "application/json", Wire.bytes(body.toJson()));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static JsonValue object(Object... pairs) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      members.put((String) pairs[i], (JsonValue) pairs[i + 1]);
    }
    return JsonValue.object(members);
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

  /**
   * Settings of a {@link StubServer}.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Dialect dialect;
    private int port;
    private int threads = 256;
    private boolean record = true;
    private List<String> models = List.of(DEFAULT_MODEL);
    private long pullSizeBytes = 4L * 1024 * 1024;
    private Duration pullDelay = Duration.ZERO;

    private Builder(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * The port; {@code 0} (the default) picks a free one.
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The most requests handled at once (256 by default); more wait in a queue.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Whether to record requests (on by default; benchmarks turn it off).
     *
     * @param record whether to record
     * @return this builder
     */
    public Builder record(boolean record) {
      this.record = record;
      return this;
    }

    /**
     * The models listed by {@code /v1/models} and {@code /api/tags} ({@value #DEFAULT_MODEL} by
     * default).
     *
     * @param models the model names
     * @return this builder
     */
    public Builder models(String... models) {
      this.models = List.of(models);
      return this;
    }

    /**
     * The size an Ollama pull reports, in bytes (4 MiB by default).
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder pullSizeBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("pullSizeBytes must be >= 1, but was " + bytes);
      }
      this.pullSizeBytes = bytes;
      return this;
    }

    /**
     * The pause before each progress line of an Ollama pull (none by default).
     *
     * @param delay the pause
     * @return this builder
     */
    public Builder pullDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("pullDelay must be >= 0, but was " + delay);
      }
      this.pullDelay = delay;
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server
     * @throws UncheckedIOException when the port cannot be bound
     */
    public StubServer start() {
      try {
        return new StubServer(this);
      } catch (IOException failed) {
        throw new UncheckedIOException("could not start the stub server on port " + port, failed);
      }
    }
  }
}
