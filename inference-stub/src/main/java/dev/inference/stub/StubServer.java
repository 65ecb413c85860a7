package dev.inference.stub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.inference.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * collapsed, cut after 200 characters); in a JSON mode ({@code response_format}, Ollama {@code
 * format}, Anthropic {@code output_format} or {@code output_config.format}) it is the object {@code
 * {"answer":"Stub answer to: P","words":N}} with {@code N} the number of words of the prompt. Usage
 * counts words: the words of every message for the prompt, the deltas for the completion.
 *
 * <p>Besides the provider endpoints the server has control endpoints for tests written in other
 * languages: {@code POST /_stub/replies} (one {@linkplain Reply#fromJson reply object} or an array
 * of them; an error without a body gets the dialect's error shape, for Anthropic with the {@code
 * error.type} of its status, {@code overloaded_error} for 529), {@code GET /_stub/requests} (what
 * was received, as a JSON array) and {@code POST /_stub/reset}. They are not recorded.
 *
 * <p>It starts in milliseconds on an ephemeral port, serves canned replies from pre-encoded bytes
 * and handles 256 concurrent requests by default, so benchmarks can use it as their server.
 *
 * @since 0.1
 */
public final class StubServer implements AutoCloseable {

  /** The model a server lists when none was configured. */
  public static final String DEFAULT_MODEL = "stub-model";

  static {
    // The JDK HttpServer writes a reply's headers and body separately; without TCP_NODELAY,
    // Nagle's algorithm and the client's delayed ACK add about 40 ms to every exchange, which no
    // real provider does. The server reads the property once, when its classes load; a value the
    // application set first is kept.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Dialect dialect;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final boolean record;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> models;
  private final ReplyScript script = new ReplyScript();
  private final Closing closing = new Closing();
  private final ChatEndpoint chat;
  private final ModelEndpoints modelEndpoints;
  private final ControlEndpoints control;
  private final @Nullable InferdSockets inferd;

  private StubServer(Builder builder) throws IOException {
    this.dialect = builder.dialect;
    this.record = builder.record;
    this.models = new CopyOnWriteArrayList<>(builder.models);
    this.chat = new ChatEndpoint(dialect, script, closing, builder.clock);
    this.modelEndpoints =
        new ModelEndpoints(dialect, models, builder.pullSizeBytes, builder.pullDelay, closing);
    this.control = new ControlEndpoints(this, script);
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
    InferdSockets sockets = null;
    if (dialect == Dialect.INFERD) {
      try {
        InferdOptions options = builder.inferd;
        sockets =
            InferdSockets.start(
                options != null ? options : InferdOptions.defaults(), script, this::record);
      } catch (IOException | RuntimeException failed) {
        server.stop(0);
        executor.shutdownNow();
        throw failed;
      }
    }
    this.inferd = sockets;
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
   * The chat endpoint: {@code /v1/chat/completions}, {@code /api/chat} or {@code /v1/messages}
   * under {@link #baseUrl()}; for {@link Dialect#INFERD} its {@linkplain InferdSockets#endpoint()
   * socket}, {@code unix:/path} or {@code tcp://127.0.0.1:<port>}.
   *
   * @return the URL
   */
  public URI chatEndpoint() {
    return dialect == Dialect.INFERD
        ? inferd().endpoint()
        : URI.create(baseUrl() + dialect.chatPath());
  }

  /**
   * The inferd sockets of a server of the {@link Dialect#INFERD} dialect, whose {@link #baseUrl()}
   * serves only the control endpoints.
   *
   * @return the sockets
   * @throws IllegalStateException for another dialect
   * @since 0.2
   */
  public InferdSockets inferd() {
    InferdSockets sockets = inferd;
    if (sockets == null) {
      throw new IllegalStateException("only a stub of the inferd dialect has inferd sockets");
    }
    return sockets;
  }

  /**
   * Adds replies to the script; each chat request takes the next one.
   *
   * @param replies the replies, in order
   * @return this server
   */
  public StubServer enqueue(Reply... replies) {
    for (Reply reply : replies) {
      script.add(reply);
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
    script.always(Objects.requireNonNull(reply, "reply"));
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
    script.responder(Objects.requireNonNull(responder, "responder"));
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
    if (inferd != null) {
      inferd.reset();
    }
  }

  /** Stops the server at once; stalled replies end; an inferd admin socket sends draining. */
  @Override
  public void close() {
    if (inferd != null) {
      inferd.close();
    }
    closing.signal();
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
        control.serve(exchange, method, path, body);
        return;
      }
      if (dialect == Dialect.INFERD) {
        Exchanges.sendJson(
            exchange,
            404,
            Exchanges.object(
                "error",
                JsonValue.of(
                    "the inferd stub answers on "
                        + chatEndpoint()
                        + "; this port has only the /_stub/ control endpoints")));
        return;
      }
      RecordedRequest request =
          new RecordedRequest(method, path, Exchanges.headers(exchange), body);
      record(request);
      if (method.equals("POST")
          && (path.equals(dialect.chatPath())
              || (dialect == Dialect.OLLAMA && path.equals(OllamaGenerateWire.PATH)))) {
        chat.serve(exchange, request);
      } else {
        modelEndpoints.serve(exchange, request);
      }
    } catch (Exchanges.Drop drop) {
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

  private void record(RecordedRequest request) {
    if (record) {
      requests.add(request);
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
    private @Nullable InferdOptions inferd;
    private Clock clock = Clock.systemUTC();

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
     * Where and how a server of the {@link Dialect#INFERD} dialect listens ({@link
     * InferdOptions#defaults()} by default).
     *
     * @param options the options
     * @return this builder
     * @throws IllegalStateException for another dialect
     * @since 0.2
     */
    public Builder inferd(InferdOptions options) {
      if (dialect != Dialect.INFERD) {
        throw new IllegalStateException("inferd options need Dialect.INFERD, not " + dialect);
      }
      this.inferd = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The clock that stamps answers ({@code created}, {@code created_at}) a reply does not
     * {@linkplain Reply#withCreated script}; the system clock by default.
     *
     * @param clock the clock
     * @return this builder
     * @since 0.2
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
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
