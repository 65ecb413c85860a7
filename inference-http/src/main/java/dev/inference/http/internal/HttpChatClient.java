package dev.inference.http.internal;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.http.HttpDialect;
import dev.inference.http.HttpRuntime;
import dev.inference.http.HttpTransport;
import dev.inference.kit.CallerAbort;
import dev.inference.kit.Pause;
import dev.inference.kit.Redactor;
import dev.inference.kit.Resilience;
import dev.inference.kit.RetryLoop;
import dev.inference.kit.SseDecoder;
import dev.inference.kit.Ticker;
import dev.inference.kit.Unsupported;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.spi.DriverContext;
import dev.inference.spi.InferenceStreams;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * An {@link InferenceClient} over {@code java.net.http} for any {@link HttpDialect}: one shared
 * HTTP client, the total deadline enforced on headers and body alike, provider errors mapped to
 * {@link InferenceException}, listener events with timings, secrets redacted from every message.
 */
public final class HttpChatClient implements InferenceClient, HttpRuntime {

  private static final System.Logger LOG = System.getLogger(HttpChatClient.class.getName());

  private final ProviderSettings settings;
  private final HttpDialect dialect;
  private final URI endpoint;
  private final ProviderDescription description;
  private final InferenceListener listener;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http;
  private final HttpExchange transport;
  private final RuntimeExchanges runtime;
  private final boolean ownsExecutor;
  private final boolean ownsScheduler;
  private final int maxFrameBytes;
  private final Set<Runnable> inFlight = ConcurrentHashMap.newKeySet();
  private final Optional<RuntimeOperations> operations;
  private final Resilience resilience;
  private final Ticker ticker;
  private volatile boolean closed;

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
    this.dialect = dialect;
    this.endpoint = endpoint;
    this.listener = context.listener();
    this.description =
        new ProviderDescription(
            dialect.kind(),
            dialect.providerName(),
            settings.model(),
            Redactor.url(endpoint),
            capabilities);
    this.maxFrameBytes =
        HttpExchange.limit(
            settings, HttpTransport.MAX_FRAME_BYTES, SseDecoder.DEFAULT_MAX_EVENT_BYTES);
    int maxBodyBytes =
        HttpExchange.limit(
            settings, HttpTransport.MAX_BODY_BYTES, HttpTransport.DEFAULT_MAX_BODY_BYTES);
    // read the CA file before any thread exists, so a bad file leaks nothing
    javax.net.ssl.SSLContext tls =
        settings
            .tls()
            .caFile()
            .map(TlsTrust::trusting)
            .orElseGet(
                () ->
                    "http".equalsIgnoreCase(endpoint.getScheme())
                        ? TlsTrust.trustingNothing()
                        : null);
    String name = "inference-" + dialect.providerName();
    this.ownsExecutor = context.executor().isEmpty();
    this.executor = context.executor().orElseGet(() -> ClientThreads.pool(name));
    this.ownsScheduler = context.scheduler().isEmpty();
    this.scheduler = context.scheduler().orElseGet(() -> ClientThreads.timer(name));
    // redirects are never followed, so the Authorization header can never reach another host
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeouts().connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    if (tls != null) {
      client.sslContext(tls);
    }
    this.http = client.build();
    this.transport =
        new HttpExchange(
            settings, dialect, endpoint, http, executor, context.clock(), maxBodyBytes);
    this.ticker = Ticker.of(context);
    this.runtime =
        new RuntimeExchanges(transport, scheduler, executor, maxFrameBytes, maxBodyBytes, ticker);
    this.resilience = new Resilience(settings, dialect.providerName(), listener, ticker);
    this.operations = dialect.operations(this);
  }

  /**
   * Runs the call on the caller's thread, as the JDK's blocking {@code send} does: no hand-off to
   * another thread and back. The total deadline and {@link #close()} interrupt the caller (see
   * {@link CallerAbort}), which aborts the exchange; an interrupt from the application fails the
   * call with {@link ErrorKind#CANCELLED} and stays set.
   */
  @Override
  public InferenceResponse infer(InferenceRequest request) {
    long started = ticker.nanos();
    listener(() -> listener.requestStarted(request));
    InferenceResponse response = null;
    InferenceException failure = null;
    try {
      response = inferOnCaller(request, started);
      return response;
    } catch (InferenceException failed) {
      failure = failed;
      throw failed;
    } finally {
      report(request, started, response, failure);
    }
  }

  private InferenceResponse inferOnCaller(InferenceRequest request, long started) {
    ensureCallable(request);
    Redactor redactor = transport.redactor();
    HttpRequest httpRequest = transport.httpRequest(request, false);
    Duration total = request.timeout().orElse(settings.timeouts().request());
    long deadlineNanos = started + total.toNanos();
    CallerAbort abort = abortOnDeadlineOrClose(request, total, deadlineNanos);
    Resilience.Slot slot = null;
    InferenceResponse response = null;
    InferenceException failure = null;
    InferenceException aborted;
    try {
      slot = resilience.acquireSlot(request);
      response =
          retryLoop(
                  request,
                  deadlineNanos,
                  () ->
                      CompletableFuture.completedFuture(
                          transport.attemptOnCaller(request, httpRequest, redactor)),
                  true)
              .run();
    } catch (InferenceException failed) {
      failure = failed;
    } finally {
      aborted = abort.end();
      if (slot != null) {
        slot.release();
      }
    }
    if (response != null) {
      return response; // complete before the deadline or close() could stop it
    }
    throw aborted != null ? aborted : java.util.Objects.requireNonNull(failure);
  }

  /**
   * Lets the total deadline and {@link #close()} stop a call that blocks on this thread; call
   * {@link CallerAbort#end()} when it is over.
   *
   * @throws InferenceException CANCELLED when the client is already closed
   */
  private CallerAbort abortOnDeadlineOrClose(
      InferenceRequest request, Duration total, long deadlineNanos) {
    CallerAbort abort = new CallerAbort();
    Runnable closing = () -> abort.abort(clientClosed(request));
    inFlight.add(closing);
    ScheduledFuture<?> deadline;
    try {
      ensureOpen(request); // close() may have run before the call was in flight
      deadline =
          scheduler.schedule(
              () -> abort.abort(transport.timeout(request, total)),
              deadlineNanos - ticker.nanos(),
              TimeUnit.NANOSECONDS);
    } catch (InferenceException | RejectedExecutionException closedMeanwhile) {
      inFlight.remove(closing);
      throw clientClosed(request);
    }
    abort.whenEnded(
        () -> {
          inFlight.remove(closing);
          deadline.cancel(false);
        });
    return abort;
  }

  @Override
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    long started = ticker.nanos();
    listener(() -> listener.requestStarted(request));
    CompletableFuture<InferenceResponse> result = new CompletableFuture<>();
    // the caller's future completes after the listener heard of the outcome
    CompletableFuture<InferenceResponse> visible =
        result.whenComplete((response, error) -> report(request, started, response, error));
    visible.whenComplete(
        (response, error) -> {
          if (visible.isCancelled()) {
            result.completeExceptionally(
                transport.failure(request, ErrorKind.CANCELLED, "the call was cancelled").build());
          }
        });
    Redactor redactor;
    HttpRequest httpRequest;
    try {
      ensureCallable(request);
      redactor = transport.redactor();
      httpRequest = transport.httpRequest(request, false);
    } catch (InferenceException failure) {
      result.completeExceptionally(failure);
      return visible;
    }
    Duration total = request.timeout().orElse(settings.timeouts().request());
    long deadlineNanos = started + total.toNanos();
    ScheduledFuture<?> deadline =
        scheduler.schedule(
            () -> result.completeExceptionally(transport.timeout(request, total)),
            total.toNanos(),
            TimeUnit.NANOSECONDS);
    Runnable cancel = () -> result.completeExceptionally(clientClosed(request));
    inFlight.add(cancel);
    result.whenComplete(
        (response, error) -> {
          inFlight.remove(cancel);
          deadline.cancel(false);
        });
    Runnable start =
        () -> {
          Resilience.Slot slot;
          try {
            slot = resilience.acquireSlot(request);
          } catch (InferenceException busy) {
            result.completeExceptionally(busy);
            return;
          }
          result.whenComplete((response, error) -> slot.release());
          retryLoop(
                  request,
                  deadlineNanos,
                  () -> transport.sendAndRead(request, httpRequest, redactor),
                  true)
              .runAsync(result);
        };
    if (resilience.mayBlock()) {
      executor.execute(start); // waiting for a slot or a permit never blocks the caller
    } else {
      start.run();
    }
    return visible;
  }

  @Override
  public InferenceStream stream(InferenceRequest request) {
    long started = ticker.nanos();
    listener(() -> listener.requestStarted(request));
    Resilience.Slot slot = () -> {};
    try {
      ensureCallable(request);
      Redactor redactor = transport.redactor();
      HttpRequest httpRequest = transport.httpRequest(request, true);
      Duration total = request.timeout().orElse(settings.timeouts().request());
      long deadlineNanos = started + total.toNanos();
      slot = resilience.acquireSlot(request);
      Resilience.Slot held = slot;
      RetryingStream events =
          new RetryingStream(
              loop ->
                  retryLoop(
                      request,
                      deadlineNanos,
                      () ->
                          CompletableFuture.completedFuture(
                              openOnce(
                                  request,
                                  httpRequest,
                                  redactor,
                                  started,
                                  loop.get().lastAdmitted(),
                                  total,
                                  deadlineNanos)),
                      false),
              resilience,
              (response, failure) -> {
                held.release();
                report(request, started, response, failure);
              });
      return InferenceStreams.of(events, events::cancel);
    } catch (InferenceException failure) {
      slot.release();
      report(request, started, null, failure);
      throw failure;
    }
  }

  /**
   * The retry loop of one call, on this client's policies, scheduler and executor.
   *
   * @param recordSuccess false for a stream, which records its outcome when it ends
   */
  private <T> RetryLoop<T> retryLoop(
      InferenceRequest request,
      long deadlineNanos,
      RetryLoop.Attempt<T> attempt,
      boolean recordSuccess) {
    return new RetryLoop<>(
        resilience, request, deadlineNanos, attempt, scheduler, executor, recordSuccess);
  }

  private StreamingCall openOnce(
      InferenceRequest request,
      HttpRequest httpRequest,
      Redactor redactor,
      long started,
      long admitted,
      Duration total,
      long deadlineNanos) {
    HttpResponse<InputStream> response =
        awaitHeaders(request, httpRequest, redactor, total, deadlineNanos);
    if (response.statusCode() / 100 != 2) {
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(HttpExchange.MAX_ERROR_BODY_BYTES);
      } catch (IOException unreadable) {
        body = new byte[0];
      }
      throw transport.httpError(
          request.requestId(), response.statusCode(), response.headers(), body, redactor);
    }
    StreamingCall call =
        new StreamingCall(
            this, request, response, redactor, started, admitted, total, deadlineNanos);
    inFlight.add(call.cancelAction);
    return call;
  }

  @Override
  public ProviderDescription describe() {
    return description;
  }

  @Override
  public Optional<RuntimeOperations> operations() {
    return operations;
  }

  // --- for runtime operations ---

  /**
   * The profile.
   *
   * @return the settings
   */
  @Override
  public ProviderSettings settings() {
    return settings;
  }

  /**
   * The chat endpoint; other endpoints of the runtime are derived from it.
   *
   * @return the endpoint
   */
  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    closed = true;
    for (Runnable cancel : inFlight) {
      cancel.run();
    }
    inFlight.clear();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
    if (ownsExecutor) {
      executor.shutdown();
    }
    if (http instanceof AutoCloseable closeable) { // JDK 21 and later close their client at once
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing is best effort; the client becomes unreachable anyway
      }
    }
  }

  @Override
  public String toString() {
    return "HttpChatClient{" + description + '}';
  }

  @Override
  public JsonValue exchangeJson(
      String method, URI uri, @Nullable JsonValue body, Duration timeout) {
    return runtime.exchangeJson(method, uri, body, timeout);
  }

  @Override
  public void streamJsonLines(
      URI uri, JsonValue body, Duration timeout, java.util.function.Consumer<JsonValue> onLine) {
    runtime.streamJsonLines(uri, body, timeout, onLine);
  }

  @Override
  public long nanoTime() {
    return ticker.nanos();
  }

  @Override
  public void pause(Duration wait) throws InterruptedException {
    try {
      Pause.on(scheduler, wait.toNanos());
    } catch (RejectedExecutionException closed) {
      throw InferenceException.builder(ErrorKind.CANCELLED, "the client was closed")
          .providerName(dialect.providerName())
          .build();
    }
  }

  // --- shared with StreamingCall ---

  HttpExchange transport() {
    return transport;
  }

  HttpDialect dialect() {
    return dialect;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  InferenceListener listener() {
    return listener;
  }

  Ticker ticker() {
    return ticker;
  }

  int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Forgets a finished stream's cancel action. */
  void finished(Runnable cancel) {
    inFlight.remove(cancel);
  }

  private InferenceException clientClosed(InferenceRequest request) {
    return transport.failure(request, ErrorKind.CANCELLED, "the client was closed").build();
  }

  void report(
      InferenceRequest request,
      long started,
      @Nullable InferenceResponse response,
      @Nullable Throwable error) {
    Duration elapsed = Duration.ofNanos(ticker.nanos() - started);
    if (error == null && response != null) {
      listener(() -> listener.requestCompleted(request, response, elapsed));
    } else {
      InferenceException failure =
          error instanceof InferenceException known
              ? known
              : transport
                  .failure(request, ErrorKind.CANCELLED, "the call was cancelled")
                  .cause(error)
                  .build();
      listener(() -> listener.requestFailed(request, failure, elapsed));
    }
  }

  void listener(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException broken) {
      LOG.log(System.Logger.Level.WARNING, "an InferenceListener threw; ignored", broken);
    }
  }

  /**
   * Sends a streamed call on the caller's thread and returns once the headers are in; the body is
   * then the caller's to read. The total deadline and {@link #close()} stop the wait as they stop a
   * blocking {@link #infer}, through {@link CallerAbort}.
   */
  private HttpResponse<InputStream> awaitHeaders(
      InferenceRequest request,
      HttpRequest httpRequest,
      Redactor redactor,
      Duration total,
      long deadlineNanos) {
    CallerAbort abort = abortOnDeadlineOrClose(request, total, deadlineNanos);
    HttpResponse<InputStream> response = null;
    InferenceException failure = null;
    InferenceException aborted;
    try {
      response =
          transport.sendOnCaller(
              request, httpRequest, HttpResponse.BodyHandlers.ofInputStream(), redactor);
    } catch (InferenceException failed) {
      failure = failed;
    } finally {
      aborted = abort.end();
    }
    if (aborted != null) {
      if (response != null) {
        closeQuietly(response.body());
      }
      throw aborted;
    }
    if (failure != null) {
      throw failure;
    }
    return java.util.Objects.requireNonNull(response);
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // dropping the connection anyway
    }
  }

  private void ensureOpen(InferenceRequest request) {
    if (closed) {
      throw clientClosed(request);
    }
  }

  /** Fails, before any byte, a call this client cannot make: closed, or needing what it lacks. */
  private void ensureCallable(InferenceRequest request) {
    ensureOpen(request);
    Unsupported.check(request, description.capabilities(), dialect.providerName());
  }
}
