package dev.inference.http.internal;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.ResponseMode;
import dev.inference.RuntimeOperations;
import dev.inference.StreamEvent;
import dev.inference.http.HttpDialect;
import dev.inference.http.HttpRuntime;
import dev.inference.http.HttpTransport;
import dev.inference.kit.CallOptions;
import dev.inference.kit.CallerAbort;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Json;
import dev.inference.kit.JsonObjects;
import dev.inference.kit.JsonReader;
import dev.inference.kit.Loopback;
import dev.inference.kit.NdjsonDecoder;
import dev.inference.kit.Redactor;
import dev.inference.kit.Resilience;
import dev.inference.kit.ResponseSink;
import dev.inference.kit.SseDecoder;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.InferenceListener;
import dev.inference.spi.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An {@link InferenceClient} over {@code java.net.http} for any {@link HttpDialect}: one shared
 * HTTP client, the total deadline enforced on headers and body alike, provider errors mapped to
 * {@link InferenceException}, listener events with timings, secrets redacted from every message.
 */
public final class HttpChatClient implements InferenceClient, HttpRuntime {

  static final String USER_AGENT = "inference-java/0.1";

  private static final long MIN_FRAME_BYTES = 1024;
  private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
  private static final System.Logger LOG = System.getLogger(HttpChatClient.class.getName());

  private final ProviderSettings settings;
  private final HttpDialect dialect;
  private final URI endpoint;
  private final ProviderDescription description;
  private final InferenceListener listener;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http;
  private final Clock clock;
  private final boolean ownsExecutor;
  private final boolean ownsScheduler;
  private final int maxFrameBytes;
  private final int maxBodyBytes;
  private final Set<Runnable> inFlight = ConcurrentHashMap.newKeySet();
  private final Optional<RuntimeOperations> operations;
  private final Resilience resilience;
  private volatile boolean closed;
  private volatile @Nullable KeyRedactor lastRedactor;

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
        limit(settings, HttpTransport.MAX_FRAME_BYTES, SseDecoder.DEFAULT_MAX_EVENT_BYTES);
    this.maxBodyBytes =
        limit(settings, HttpTransport.MAX_BODY_BYTES, HttpTransport.DEFAULT_MAX_BODY_BYTES);
    // read the CA file before any thread exists, so a bad file leaks nothing
    javax.net.ssl.SSLContext tls =
        settings
            .tlsCaFile()
            .map(TlsTrust::trusting)
            .orElseGet(
                () ->
                    "http".equalsIgnoreCase(endpoint.getScheme())
                        ? TlsTrust.trustingNothing()
                        : null);
    String name = "inference-" + dialect.providerName();
    this.clock = context.clock();
    this.ownsExecutor = context.executor().isEmpty();
    this.executor =
        context
            .executor()
            .orElseGet(() -> Executors.newCachedThreadPool(daemonThreads(name + "-http")));
    this.ownsScheduler = context.scheduler().isEmpty();
    this.scheduler = context.scheduler().orElseGet(() -> timer(name));
    // redirects are never followed, so the Authorization header can never reach another host
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    if (tls != null) {
      client.sslContext(tls);
    }
    this.http = client.build();
    this.resilience =
        new Resilience(settings, dialect.providerName(), listener, scheduler, executor);
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
    long started = System.nanoTime();
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
    ensureOpen(request);
    Redactor redactor = redactor();
    HttpRequest httpRequest = httpRequest(request, false);
    Duration total = request.timeout().orElse(settings.requestTimeout());
    long deadlineNanos = started + total.toNanos();
    CallerAbort abort = abortOnDeadlineOrClose(request, total, deadlineNanos);
    Resilience.Slot slot = null;
    InferenceResponse response = null;
    InferenceException failure = null;
    InferenceException aborted;
    try {
      slot = resilience.acquireSlot(request);
      Resilience.Attempts attempts = resilience.attempts(request, deadlineNanos);
      while (response == null) {
        long admitted = resilience.admit(request);
        try {
          response = attemptOnCaller(request, httpRequest, redactor);
          resilience.record(admitted, null);
          attempts.onSuccess();
        } catch (InferenceException failed) {
          resilience.record(admitted, failed);
          long delay = attempts.onFailure(failed);
          if (delay < 0) {
            throw failed;
          }
          pause(request, delay);
        }
      }
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
              () -> abort.abort(timeout(request, total)),
              deadlineNanos - System.nanoTime(),
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

  /** One attempt of a blocking call, on the caller's thread. */
  private InferenceResponse attemptOnCaller(
      InferenceRequest request, HttpRequest httpRequest, Redactor redactor) {
    return read(
        request,
        sendOnCaller(
            request,
            httpRequest,
            BoundedBody.handler(maxBodyBytes, MAX_ERROR_BODY_BYTES),
            redactor),
        redactor);
  }

  /** The JDK's blocking send, its failures mapped; an interrupt stays set for the caller. */
  private <T> HttpResponse<T> sendOnCaller(
      InferenceRequest request,
      HttpRequest httpRequest,
      HttpResponse.BodyHandler<T> handler,
      Redactor redactor) {
    try {
      return http.send(httpRequest, handler);
    } catch (IOException failed) {
      throw transportFailure(request.requestId(), failed, redactor);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt(); // the application's, or CallerAbort's to absorb
      throw failure(request, ErrorKind.CANCELLED, "the calling thread was interrupted")
          .cause(interrupted)
          .build();
    }
  }

  @Override
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    long started = System.nanoTime();
    listener(() -> listener.requestStarted(request));
    CompletableFuture<InferenceResponse> result = new CompletableFuture<>();
    // the caller's future completes after the listener heard of the outcome
    CompletableFuture<InferenceResponse> visible =
        result.whenComplete((response, error) -> report(request, started, response, error));
    visible.whenComplete(
        (response, error) -> {
          if (visible.isCancelled()) {
            result.completeExceptionally(
                failure(request, ErrorKind.CANCELLED, "the call was cancelled").build());
          }
        });
    Redactor redactor;
    HttpRequest httpRequest;
    try {
      ensureOpen(request);
      redactor = redactor();
      httpRequest = httpRequest(request, false);
    } catch (InferenceException failure) {
      result.completeExceptionally(failure);
      return visible;
    }
    Duration total = request.timeout().orElse(settings.requestTimeout());
    long deadlineNanos = started + total.toNanos();
    ScheduledFuture<?> deadline =
        scheduler.schedule(
            () -> result.completeExceptionally(timeout(request, total)),
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
          resilience.runAsync(
              request, result, deadlineNanos, () -> exchange(request, httpRequest, redactor));
        };
    if (resilience.mayBlock()) {
      executor.execute(start); // waiting for a slot or a permit never blocks the caller
    } else {
      start.run();
    }
    return visible;
  }

  /** One attempt of a non-streamed call: send, then read the whole body. */
  private CompletableFuture<InferenceResponse> exchange(
      InferenceRequest request, HttpRequest httpRequest, Redactor redactor) {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        send(httpRequest, BoundedBody.handler(maxBodyBytes, MAX_ERROR_BODY_BYTES));
    CompletableFuture<InferenceResponse> read =
        exchange.handle(
            (response, error) -> {
              if (error != null) {
                throw transportFailure(request.requestId(), error, redactor);
              }
              return read(request, response, redactor);
            });
    read.whenComplete(
        (response, error) -> {
          if (read.isCancelled()) {
            exchange.cancel(true);
          }
        });
    return read;
  }

  private InferenceResponse read(
      InferenceRequest request, HttpResponse<byte[]> response, Redactor redactor) {
    try {
      return readBody(request, response, redactor);
    } catch (InferenceException failure) {
      throw failure;
    } catch (RuntimeException bug) {
      throw failure(request, ErrorKind.MALFORMED_RESPONSE, "could not read the response: " + bug)
          .cause(bug)
          .build();
    }
  }

  /**
   * Sends on this client's executor with the blocking {@link HttpClient#send}. {@link
   * HttpClient#sendAsync} hands every response over through the JDK's default asynchronous pool,
   * which on a machine with fewer than three cores is a new thread per call (the common pool has
   * parallelism 1 there); {@code send} does not. Cancelling the returned future interrupts the
   * send, which aborts the exchange as cancelling {@code sendAsync}'s future would.
   */
  private <T> CompletableFuture<HttpResponse<T>> send(
      HttpRequest httpRequest, HttpResponse.BodyHandler<T> handler) {
    CompletableFuture<HttpResponse<T>> exchange = new CompletableFuture<>();
    Future<?> task;
    try {
      task =
          executor.submit(
              () -> {
                try {
                  exchange.complete(http.send(httpRequest, handler));
                } catch (InterruptedException interrupted) {
                  exchange.cancel(true);
                } catch (IOException | RuntimeException failed) {
                  exchange.completeExceptionally(failed);
                }
              });
    } catch (RejectedExecutionException closed) {
      exchange.completeExceptionally(new IOException("the client is closed", closed));
      return exchange;
    }
    exchange.whenComplete(
        (response, error) -> {
          if (exchange.isCancelled()) {
            task.cancel(true);
          }
        });
    return exchange;
  }

  @Override
  public InferenceStream stream(InferenceRequest request) {
    long started = System.nanoTime();
    listener(() -> listener.requestStarted(request));
    Resilience.Slot slot = () -> {};
    try {
      ensureOpen(request);
      Redactor redactor = redactor();
      HttpRequest httpRequest = httpRequest(request, true);
      Duration total = request.timeout().orElse(settings.requestTimeout());
      long deadlineNanos = started + total.toNanos();
      slot = resilience.acquireSlot(request);
      RetryingStream events =
          new RetryingStream(
              request,
              httpRequest,
              redactor,
              started,
              total,
              deadlineNanos,
              resilience.attempts(request, deadlineNanos),
              slot);
      return InferenceStream.of(events, events::cancel);
    } catch (InferenceException failure) {
      slot.release();
      report(request, started, null, failure);
      throw failure;
    }
  }

  /**
   * The events of one streamed call across its attempts: an attempt that fails before its first
   * event is replaced by a new one when the failure is transient, so a retry never replays text the
   * caller has seen; after the first event, a failure is the caller's, with its partial text.
   */
  private final class RetryingStream implements Iterator<StreamEvent> {
    private final InferenceRequest request;
    private final HttpRequest httpRequest;
    private final Redactor redactor;
    private final long started;
    private final Duration total;
    private final long deadlineNanos;
    private final Resilience.Attempts attempts;
    private final Resilience.Slot slot;
    private volatile StreamingCall call;
    private volatile boolean cancelled;
    private boolean delivered;

    RetryingStream(
        InferenceRequest request,
        HttpRequest httpRequest,
        Redactor redactor,
        long started,
        Duration total,
        long deadlineNanos,
        Resilience.Attempts attempts,
        Resilience.Slot slot) {
      this.request = request;
      this.httpRequest = httpRequest;
      this.redactor = redactor;
      this.started = started;
      this.total = total;
      this.deadlineNanos = deadlineNanos;
      this.attempts = attempts;
      this.slot = slot;
      this.call = open();
    }

    /** Opens an attempt whose headers are fine, retrying failures before them. */
    private StreamingCall open() {
      while (true) {
        long admitted = resilience.admit(request);
        try {
          return openOnce(request, httpRequest, redactor, started, admitted, total, deadlineNanos);
        } catch (InferenceException failure) {
          resilience.record(admitted, failure);
          retryOrThrow(failure);
        }
      }
    }

    private void retryOrThrow(InferenceException failure) {
      long delay = cancelled ? -1 : attempts.onFailure(failure);
      if (delay < 0) {
        throw failure;
      }
      pause(request, delay);
    }

    @Override
    public boolean hasNext() {
      while (true) {
        StreamingCall current = call;
        try {
          boolean more = current.hasNext();
          if (!delivered) {
            delivered = true;
            attempts.onSuccess();
            current.handOver(this::ended);
          }
          return more;
        } catch (InferenceException failure) {
          if (delivered || cancelled) {
            throw failure;
          }
          try {
            retryOrThrow(failure);
            call = open();
          } catch (InferenceException last) {
            ended(null, last);
            throw last;
          }
        }
      }
    }

    @Override
    public StreamEvent next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return call.next();
    }

    void cancel() {
      cancelled = true;
      StreamingCall current = call;
      if (!delivered) {
        current.handOver(this::ended);
      }
      current.cancel();
    }

    private final java.util.concurrent.atomic.AtomicBoolean reported =
        new java.util.concurrent.atomic.AtomicBoolean();

    private void ended(@Nullable InferenceResponse response, @Nullable InferenceException failure) {
      if (reported.compareAndSet(false, true)) {
        slot.release();
        report(request, started, response, failure);
      }
    }
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
        body = in.readNBytes(MAX_ERROR_BODY_BYTES);
      } catch (IOException unreadable) {
        body = new byte[0];
      }
      throw httpError(
          request.requestId(), response.statusCode(), response.headers(), body, redactor);
    }
    StreamingCall call =
        new StreamingCall(
            this,
            request,
            response,
            redactor,
            started,
            admitted,
            total,
            deadlineNanos,
            (done, failure) -> resilience.record(admitted, failure));
    inFlight.add(call.cancelAction);
    return call;
  }

  private void pause(InferenceRequest request, long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw failure(request, ErrorKind.CANCELLED, "interrupted while waiting to retry")
          .cause(interrupted)
          .build();
    }
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

  /**
   * Sends one JSON request (or a GET) to another endpoint of the same runtime, with the profile's
   * headers, and reads the JSON answer.
   *
   * @param method {@code GET} or {@code POST}
   * @param uri the endpoint
   * @param body the body of a POST, or {@code null}
   * @param timeout the deadline
   * @return the answer; {@link JsonValue#ofNull()} for an empty body
   * @throws InferenceException for transport failures, HTTP errors and bodies that are not JSON
   */
  @Override
  public JsonValue exchangeJson(
      String method, URI uri, @Nullable JsonValue body, Duration timeout) {
    Redactor redactor = redactor();
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              operationRequest(method, uri, body, timeout, "application/json"),
              BoundedBody.handler(maxBodyBytes, MAX_ERROR_BODY_BYTES));
    } catch (IOException failed) {
      throw transportFailure(null, failed, redactor);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw failure((String) null, ErrorKind.CANCELLED, "the calling thread was interrupted")
          .cause(interrupted)
          .build();
    }
    if (response.statusCode() / 100 != 2) {
      throw httpError(null, response.statusCode(), response.headers(), response.body(), redactor);
    }
    if (response.body().length == 0) {
      return JsonValue.ofNull();
    }
    try {
      return Json.parse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notJson) {
      throw failure(
              (String) null,
              ErrorKind.MALFORMED_RESPONSE,
              dialect.providerName()
                  + " answered "
                  + uri.getPath()
                  + " with a body that is not valid JSON: "
                  + ErrorMapper.snippet(response.body(), redactor))
          .cause(notJson)
          .build();
    }
  }

  /**
   * POSTs a JSON request and hands each line of the NDJSON answer to {@code onLine} as it arrives
   * (Ollama's pull progress), on the calling thread. An exception from {@code onLine} closes the
   * connection and propagates. Interrupting the calling thread closes the connection too, and fails
   * with {@link ErrorKind#CANCELLED}, the interrupt status kept. The body is read on one of the
   * client's threads, because a read blocked on {@code java.net.http}'s body stream does not
   * respond to interrupts.
   *
   * @param uri the endpoint
   * @param body the body
   * @param timeout the deadline for the whole exchange
   * @param onLine receives each line's JSON, in order
   * @throws InferenceException for transport failures, HTTP errors and lines that are not JSON
   */
  @Override
  public void streamJsonLines(
      URI uri, JsonValue body, Duration timeout, java.util.function.Consumer<JsonValue> onLine) {
    Redactor redactor = redactor();
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              operationRequest("POST", uri, body, timeout, "application/x-ndjson"),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException failed) {
      throw transportFailure(null, failed, redactor);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw failure((String) null, ErrorKind.CANCELLED, "the calling thread was interrupted")
          .cause(interrupted)
          .build();
    }
    InputStream in = response.body();
    ScheduledFuture<?> deadline =
        scheduler.schedule(
            () -> {
              try {
                in.close();
              } catch (IOException ignored) {
                // closing to stop the exchange
              }
            },
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    long started = System.nanoTime();
    Future<?> reader = null;
    try (in) {
      if (response.statusCode() / 100 != 2) {
        throw httpError(
            null,
            response.statusCode(),
            response.headers(),
            in.readNBytes(MAX_ERROR_BODY_BYTES),
            redactor);
      }
      // A thread blocked in the body's read() ignores interrupts, so another thread reads and
      // the caller waits on a queue, which an interrupt does end; onLine runs on the caller.
      BlockingQueue<Object> lines = new ArrayBlockingQueue<>(64);
      try {
        reader = executor.submit(() -> readLines(in, lines, redactor));
      } catch (java.util.concurrent.RejectedExecutionException closedClient) {
        throw failure((String) null, ErrorKind.CANCELLED, "the client was closed").build();
      }
      while (true) {
        Object next;
        try {
          next = lines.take();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw failure((String) null, ErrorKind.CANCELLED, "the calling thread was interrupted")
              .cause(interrupted)
              .build();
        }
        if (next == END_OF_LINES) {
          return;
        }
        if (next instanceof IOException failed) {
          throw failed;
        }
        if (next instanceof RuntimeException failed) {
          throw failed;
        }
        onLine.accept((JsonValue) next);
      }
    } catch (IOException failed) {
      if (System.nanoTime() - started >= timeout.toNanos()) {
        throw failure(
                (String) null,
                ErrorKind.TIMEOUT,
                dialect.providerName()
                    + " did not finish "
                    + uri.getPath()
                    + " within "
                    + timeout.toMillis()
                    + " ms")
            .timeoutPhase(InferenceException.TimeoutPhase.TOTAL)
            .build();
      }
      throw transportFailure(null, failed, redactor);
    } finally {
      deadline.cancel(false);
      if (reader != null) {
        reader.cancel(true); // the body is closed by now; this ends a reader waiting to hand over
      }
    }
  }

  private static final Object END_OF_LINES = new Object();

  /** Reads NDJSON lines into the queue, then {@link #END_OF_LINES} or the failure. */
  private void readLines(InputStream in, BlockingQueue<Object> out, Redactor redactor) {
    try {
      try {
        NdjsonDecoder lines =
            new NdjsonDecoder(
                maxFrameBytes,
                line -> {
                  JsonValue value;
                  try {
                    value = Json.parse(line);
                  } catch (IllegalArgumentException notJson) {
                    throw failure(
                            (String) null,
                            ErrorKind.MALFORMED_RESPONSE,
                            dialect.providerName()
                                + " sent a line that is not valid JSON: "
                                + ErrorMapper.snippet(line, redactor))
                        .build();
                  }
                  if (ErrorMapper.isErrorPayload(value)) {
                    throw dialect.payloadError(value, redactor);
                  }
                  try {
                    out.put(value);
                  } catch (InterruptedException callerGone) {
                    Thread.currentThread().interrupt(); // so the put below gives up at once
                    throw new CancellationException("the caller stopped reading");
                  }
                });
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) >= 0; ) {
          lines.feed(buffer, 0, read);
        }
        lines.finish();
        out.put(END_OF_LINES);
      } catch (IOException | RuntimeException failed) {
        out.put(failed);
      }
    } catch (InterruptedException callerGone) {
      // the caller stopped reading; nobody waits for the outcome
    }
  }

  private HttpRequest operationRequest(
      String method, URI uri, @Nullable JsonValue body, Duration timeout, String accept) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", accept)
            .header("User-Agent", USER_AGENT);
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toJson()));
    }
    if ("http".equals(uri.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    refuseKeyInTheClear(uri, null);
    try {
      dialect.headers(settings).forEach(builder::setHeader);
    } catch (IllegalStateException missingKey) {
      throw failure((String) null, ErrorKind.AUTHENTICATION, missingKey.getMessage()).build();
    }
    return builder.build();
  }

  private static ScheduledExecutorService timer(String name) {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemonThreads(name + "-timer"));
    // every call arms a deadline and almost every call cancels it: drop cancelled ones at once
    // instead of keeping them (and the calls they reference) queued until they would have fired
    timer.setRemoveOnCancelPolicy(true);
    return timer;
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

  // --- shared with StreamingCall ---

  HttpDialect dialect() {
    return dialect;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  InferenceListener listener() {
    return listener;
  }

  int maxFrameBytes() {
    return maxFrameBytes;
  }

  InferenceException.Builder failure(InferenceRequest request, ErrorKind kind, String message) {
    return failure(request.requestId(), kind, message);
  }

  /** A failure for a call with the given request id; runtime operations have none. */
  InferenceException.Builder failure(@Nullable String requestId, ErrorKind kind, String message) {
    InferenceException.Builder builder =
        InferenceException.builder(kind, message).providerName(dialect.providerName());
    return requestId == null ? builder : builder.requestId(requestId);
  }

  /** Forgets a finished stream's cancel action. */
  void finished(Runnable cancel) {
    inFlight.remove(cancel);
  }

  private InferenceException clientClosed(InferenceRequest request) {
    return failure(request, ErrorKind.CANCELLED, "the client was closed").build();
  }

  InferenceException timeout(InferenceRequest request, Duration total) {
    return failure(
            request,
            ErrorKind.TIMEOUT,
            dialect.providerName()
                + " did not finish within the total timeout of "
                + total.toMillis()
                + " ms; raise request_timeout_secs or the request's timeout")
        .timeoutPhase(InferenceException.TimeoutPhase.TOTAL)
        .build();
  }

  /** Builds the canonical response from what the dialect collected. */
  InferenceResponse toResponse(
      InferenceRequest request, ResponseSink collected, HttpHeaders headers, Redactor redactor) {
    String text = collected.text();
    InferenceResponse.Builder response =
        InferenceResponse.builder()
            .text(text)
            .providerName(dialect.providerName())
            .modelName(collected.model().orElse(settings.model()))
            .requestId(request.requestId());
    collected.reasoning().ifPresent(response::reasoning);
    collected.usage().ifPresent(response::usage);
    collected.finishReason().map(FinishReason::fromProvider).ifPresent(response::finishReason);
    headers.firstValue("x-request-id").ifPresent(response::providerRequestId);
    headers
        .map()
        .forEach(
            (name, values) -> {
              if (name.regionMatches(true, 0, "x-ratelimit-", 0, 12) && !values.isEmpty()) {
                response.rateLimit(name, values.get(0));
              }
            });
    if (request.responseMode() != ResponseMode.TEXT) {
      JsonValue object =
          JsonObjects.extractObject(text)
              .orElseThrow(
                  () ->
                      failure(
                              request,
                              ErrorKind.MALFORMED_RESPONSE,
                              dialect.providerName()
                                  + " did not return a valid JSON object in "
                                  + request.responseMode().wireName()
                                  + " mode; the text is in partialText()")
                          .partialText(redactor.redact(text))
                          .build());
      response.parsedJson(object);
    }
    return response.build();
  }

  InferenceException httpError(
      @Nullable String requestId, int status, HttpHeaders headers, byte[] body, Redactor redactor) {
    if (status / 100 == 3) {
      return failure(
              requestId,
              ErrorKind.INVALID_REQUEST,
              dialect.providerName()
                  + " answered HTTP "
                  + status
                  + " (a redirect to "
                  + redactor.redact(headers.firstValue("location").orElse("nowhere"))
                  + "); redirects are not followed: set base_url to the final endpoint")
          .httpStatus(status)
          .build();
    }
    InferenceException mapped =
        dialect.httpError(status, headers::firstValue, body, redactor, clock);
    return requestId == null ? mapped : mapped.toBuilder().requestId(requestId).build();
  }

  InferenceException payloadError(
      InferenceRequest request, JsonValue payload, int status, Redactor redactor) {
    return dialect.payloadError(payload, redactor).toBuilder()
        .requestId(request.requestId())
        .build();
  }

  InferenceException transportFailure(
      @Nullable String requestId, Throwable error, Redactor redactor) {
    Throwable cause = ErrorMapper.unwrap(error);
    if (cause instanceof InferenceException known) {
      return known;
    }
    if (cause instanceof CancellationException) {
      return failure(requestId, ErrorKind.CANCELLED, "the call was cancelled").cause(cause).build();
    }
    for (Throwable link = cause; link != null; link = link.getCause()) {
      if (link instanceof BoundedBody.TooLarge tooLarge) {
        return failure(
                requestId,
                ErrorKind.MALFORMED_RESPONSE,
                dialect.providerName()
                    + " sent a response body larger than the "
                    + tooLarge.limit
                    + "-byte limit; reading stopped there. Raise max_body_bytes if its answers"
                    + " are really that big")
            .cause(tooLarge)
            .build();
      }
    }
    String where = endpoint.getHost() + ":" + port(endpoint);
    if (cause instanceof javax.net.ssl.SSLException) {
      String detail =
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return failure(
              requestId,
              ErrorKind.TRANSPORT,
              "the TLS handshake with "
                  + where
                  + " failed: "
                  + redactor.redact(detail)
                  + "; if the server's certificate comes from a private CA or is self-signed,"
                  + " set tls_ca_file to its PEM certificate")
          .cause(cause)
          .build();
    }
    if (cause instanceof java.net.http.HttpConnectTimeoutException) {
      return failure(
              requestId,
              ErrorKind.TIMEOUT,
              "could not connect to "
                  + where
                  + " within "
                  + settings.connectTimeout().toMillis()
                  + " ms; check that the server is up and reachable")
          .timeoutPhase(InferenceException.TimeoutPhase.CONNECT)
          .cause(cause)
          .build();
    }
    if (cause instanceof java.net.http.HttpTimeoutException) {
      return failure(
              requestId,
              ErrorKind.TIMEOUT,
              dialect.providerName()
                  + " did not answer within the first-event timeout of "
                  + settings.firstEventTimeout().map(Duration::toMillis).orElse(0L)
                  + " ms; raise first_token_timeout_secs if the model needs longer to start")
          .timeoutPhase(InferenceException.TimeoutPhase.FIRST_EVENT)
          .cause(cause)
          .build();
    }
    if (cause instanceof java.net.ConnectException) {
      return failure(
              requestId,
              ErrorKind.TRANSPORT,
              "could not connect to "
                  + where
                  + " (connection refused); check that the server is running and base_url is right")
          .cause(cause)
          .build();
    }
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return failure(
            requestId,
            ErrorKind.TRANSPORT,
            "the connection to " + where + " failed: " + redactor.redact(detail))
        .cause(cause)
        .build();
  }

  void report(
      InferenceRequest request,
      long started,
      @Nullable InferenceResponse response,
      @Nullable Throwable error) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (error == null && response != null) {
      listener(() -> listener.requestCompleted(request, response, elapsed));
    } else {
      InferenceException failure =
          error instanceof InferenceException known
              ? known
              : failure(request, ErrorKind.CANCELLED, "the call was cancelled")
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

  // --- private ---

  private static int limit(ProviderSettings settings, ConfigKey key, int fallback) {
    return settings
        .option(key.name())
        .map(
            value -> {
              long bytes;
              try {
                bytes = ((JsonValue.NumberValue) value).longValue();
              } catch (ClassCastException | ArithmeticException notAnInteger) {
                bytes = -1;
              }
              if (bytes < MIN_FRAME_BYTES || bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                    key.name()
                        + " must be an integer between "
                        + MIN_FRAME_BYTES
                        + " and "
                        + Integer.MAX_VALUE
                        + ", but was "
                        + value.toJson());
              }
              return (int) bytes;
            })
        .orElse(fallback);
  }

  private InferenceResponse readBody(
      InferenceRequest request, HttpResponse<byte[]> response, Redactor redactor) {
    int status = response.statusCode();
    byte[] body = response.body();
    if (status / 100 != 2) {
      throw httpError(request.requestId(), status, response.headers(), body, redactor);
    }
    ResponseSink collected = ResponseSink.forBody();
    try (JsonReader parser = Json.reader(body)) {
      dialect.readResponse(parser, collected);
    } catch (IOException notJson) {
      throw failure(
              request,
              ErrorKind.MALFORMED_RESPONSE,
              dialect.providerName()
                  + " returned HTTP "
                  + status
                  + " with a body that is not valid JSON: "
                  + ErrorMapper.snippet(body, redactor))
          .httpStatus(status)
          .cause(notJson)
          .build();
    }
    if (collected.error().isPresent()) {
      throw payloadError(request, collected.error().get(), 0, redactor);
    }
    if (!collected.sawContent()) {
      throw failure(
              request,
              ErrorKind.MALFORMED_RESPONSE,
              dialect.providerName()
                  + " returned HTTP "
                  + status
                  + " without the assistant message content: "
                  + ErrorMapper.snippet(body, redactor))
          .httpStatus(status)
          .build();
    }
    return toResponse(request, collected, response.headers(), redactor);
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
          sendOnCaller(request, httpRequest, HttpResponse.BodyHandlers.ofInputStream(), redactor);
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

  private HttpRequest httpRequest(InferenceRequest request, boolean stream) {
    byte[] body;
    try {
      body =
          Json.write(
              out ->
                  dialect.writeRequest(
                      out, request, CallOptions.resolve(request, settings), stream));
    } catch (IOException impossible) {
      throw new IllegalStateException("writing to memory failed", impossible);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json")
            .header("Accept", stream ? dialect.framing().mediaType() : "application/json")
            .header("User-Agent", USER_AGENT);
    // the JDK's request timeout ends when the headers arrive: exactly the first-event phase
    settings.firstEventTimeout().ifPresent(builder::timeout);
    if ("http".equals(endpoint.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    refuseKeyInTheClear(endpoint, request.requestId());
    Map<String, String> headers;
    try {
      headers = dialect.headers(settings);
    } catch (IllegalStateException missingKey) {
      throw failure(request, ErrorKind.AUTHENTICATION, missingKey.getMessage()).build();
    }
    headers.forEach(builder::setHeader);
    dialect.requestHeaders(request).forEach(builder::setHeader);
    HttpRequest built = builder.build();
    int size = body.length;
    LOG.log(
        System.Logger.Level.TRACE,
        () ->
            "POST "
                + Redactor.url(endpoint)
                + " "
                + Redactor.headers(built.headers().map())
                + " ("
                + size
                + " bytes)");
    return built;
  }

  /**
   * Fails before anything is sent when the profile has an API key and the URL is plain {@code
   * http://} to a host that is not loopback, unless {@code allow_insecure_http} is set. Loopback is
   * judged from the URL alone ({@code localhost}, {@code *.localhost}, {@code 127.x.x.x}, {@code
   * [::1]}), never by resolving the name.
   */
  private void refuseKeyInTheClear(URI uri, @Nullable String requestId) {
    if (settings.apiKey().isEmpty()
        || settings.allowInsecureHttp()
        || !"http".equalsIgnoreCase(uri.getScheme())
        || Loopback.isLoopback(uri)) {
      return;
    }
    String host = uri.getHost() != null ? uri.getHost() : String.valueOf(uri.getRawAuthority());
    throw failure(
            requestId,
            ErrorKind.AUTHENTICATION,
            "refusing to send the API key over plain http:// to '"
                + host.substring(host.lastIndexOf('@') + 1)
                + "', where anyone on the network path could read it; use https://, or set"
                + " allow_insecure_http = true in the profile"
                + " (ProviderSettings.Builder.allowInsecureHttp(true)) if that network is trusted")
        .build();
  }

  /**
   * The redactor for the key as it is now; a key is resolved on every call so that a rotated one is
   * picked up, and the redactor is rebuilt only when the key changed.
   */
  private Redactor redactor() {
    if (settings.apiKey().isEmpty()) {
      return Redactor.NONE;
    }
    String key;
    try {
      key = settings.apiKey().get().reveal();
    } catch (IllegalStateException unset) {
      return Redactor.NONE;
    }
    KeyRedactor last = lastRedactor;
    if (last == null || !last.key.equals(key)) {
      last = new KeyRedactor(key, Redactor.of(List.of(key)));
      lastRedactor = last;
    }
    return last.redactor;
  }

  private record KeyRedactor(String key, Redactor redactor) {
    @Override
    public String toString() {
      return "KeyRedactor[****]";
    }
  }

  private void ensureOpen(InferenceRequest request) {
    if (closed) {
      throw clientClosed(request);
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
