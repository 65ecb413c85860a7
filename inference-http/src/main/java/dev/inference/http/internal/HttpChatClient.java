package dev.inference.http.internal;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.http.HttpDialect;
import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineFactory;
import dev.inference.http.HttpEngineSettings;
import dev.inference.http.HttpRuntime;
import dev.inference.http.HttpTransport;
import dev.inference.kit.CallPipeline;
import dev.inference.kit.CallTransport;
import dev.inference.kit.Redactor;
import dev.inference.kit.SseDecoder;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.spi.DriverContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * An {@link InferenceClient} over an {@link HttpEngine} ({@code java.net.http} by default) for any
 * {@link HttpDialect}: the kit's {@link CallPipeline} (deadlines, retries, breaker, stream
 * assembly, listener events) over one shared HTTP client, provider errors mapped by the dialect,
 * secrets redacted from every message.
 */
public final class HttpChatClient implements InferenceClient, HttpRuntime {

  private final ProviderSettings settings;
  private final URI endpoint;
  private final CallPipeline pipeline;
  private final RuntimeExchanges runtime;
  private final Optional<RuntimeOperations> operations;
  private @Nullable HttpExchange exchange;

  /**
   * A client for one profile.
   *
   * @param settings the profile
   * @param context the application's listener
   * @param dialect the provider's wire format
   * @param capabilities what the driver declares
   * @param endpoint the URL to POST to
   */
  public HttpChatClient(
      ProviderSettings settings,
      DriverContext context,
      HttpDialect dialect,
      Capabilities capabilities,
      URI endpoint) {
    this.settings = settings;
    this.endpoint = endpoint;
    ProviderDescription description =
        new ProviderDescription(
            dialect.kind(),
            dialect.providerName(),
            settings.model(),
            Redactor.url(endpoint),
            capabilities);
    int maxFrameBytes =
        HttpExchange.limit(
            settings, HttpTransport.MAX_FRAME_BYTES, SseDecoder.DEFAULT_MAX_EVENT_BYTES);
    int maxBodyBytes =
        HttpExchange.limit(
            settings, HttpTransport.MAX_BODY_BYTES, HttpTransport.DEFAULT_MAX_BODY_BYTES);
    HttpEngineFactory engines = HttpEngines.resolve(settings);
    // read the CA file before any thread exists, so a bad file leaks nothing
    Optional<Path> caFile = settings.tls().caFile();
    @Nullable SSLContext trusted = caFile.isPresent() ? TlsTrust.trusting(caFile.get()) : null;
    boolean plain = "http".equalsIgnoreCase(endpoint.getScheme());
    // classes, not lambdas, on the way to a client: `inference run` answers describe right after,
    // and linking a lambda's call site costs more there than the rest (bench/notes.md)
    this.pipeline =
        new CallPipeline(
            settings,
            context,
            description,
            new Function<CallPipeline, CallTransport>() {
              @Override
              public CallTransport apply(CallPipeline threads) {
                // made on the first request; redirects are never followed, so the Authorization
                // header never reaches another host
                HttpEngine engine =
                    new LazyHttpEngine(
                        new FirstRequest(
                            engines,
                            settings.timeouts().connect(),
                            trusted,
                            plain,
                            threads.executor(),
                            threads.scheduler()));
                exchange =
                    new HttpExchange(
                        settings,
                        dialect,
                        endpoint,
                        engine,
                        threads.executor(),
                        context.clock(),
                        maxBodyBytes);
                return new HttpCallTransport(exchange, threads.scheduler(), maxFrameBytes);
              }
            });
    this.runtime =
        new RuntimeExchanges(
            java.util.Objects.requireNonNull(exchange),
            pipeline.scheduler(),
            pipeline.executor(),
            maxFrameBytes,
            maxBodyBytes,
            pipeline.ticker());
    this.operations = dialect.operations(this);
  }

  @Override
  public InferenceResponse infer(InferenceRequest request) {
    return pipeline.infer(request);
  }

  @Override
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    return pipeline.inferAsync(request);
  }

  @Override
  public InferenceStream stream(InferenceRequest request) {
    return pipeline.stream(request);
  }

  @Override
  public ProviderDescription describe() {
    return pipeline.description();
  }

  @Override
  public Optional<RuntimeOperations> operations() {
    return operations;
  }

  @Override
  public ProviderSettings settings() {
    return settings;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    pipeline.close();
  }

  @Override
  public String toString() {
    return "HttpChatClient{" + pipeline.description() + '}';
  }

  @Override
  public JsonValue exchangeJson(
      String method, URI uri, @Nullable JsonValue body, Duration timeout) {
    return runtime.exchangeJson(method, uri, body, timeout);
  }

  @Override
  public void streamJsonLines(
      URI uri, JsonValue body, Duration timeout, Consumer<JsonValue> onLine) {
    runtime.streamJsonLines(uri, body, timeout, onLine);
  }

  @Override
  public long nanoTime() {
    return pipeline.ticker().nanos();
  }

  @Override
  public void pause(Duration wait) throws InterruptedException {
    pipeline.pause(wait);
  }

  /**
   * Makes the engine at the first request, with a plain-http client's TLS context that trusts
   * nothing (so the JDK's default one, and its trust store, are never loaded for it).
   */
  private static final class FirstRequest implements Supplier<HttpEngine> {
    private final HttpEngineFactory engines;
    private final Duration connectTimeout;
    private final @Nullable SSLContext trusted;
    private final boolean plain;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;

    FirstRequest(
        HttpEngineFactory engines,
        Duration connectTimeout,
        @Nullable SSLContext trusted,
        boolean plain,
        ExecutorService executor,
        ScheduledExecutorService scheduler) {
      this.engines = engines;
      this.connectTimeout = connectTimeout;
      this.trusted = trusted;
      this.plain = plain;
      this.executor = executor;
      this.scheduler = scheduler;
    }

    @Override
    public HttpEngine get() {
      SSLContext tls = trusted != null ? trusted : plain ? NoTls.context() : null;
      return engines.create(new HttpEngineSettings(connectTimeout, tls, executor, scheduler));
    }
  }
}
