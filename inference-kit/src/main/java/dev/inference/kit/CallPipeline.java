package dev.inference.kit;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.spi.DriverContext;
import dev.inference.spi.InferenceStreams;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The call pipeline of one client, whatever its transport: the three call shapes of {@link
 * InferenceClient} ({@code infer}, {@code inferAsync}, {@code stream}) over one {@link RetryLoop},
 * with the total deadline, the capability check before any byte, the circuit breaker, bulkhead and
 * rate limiter of {@link Resilience}, cancellation by {@code close()}, the first-event and idle
 * timeouts of a stream, stream assembly into exactly one {@code Completed} or a failure with its
 * partial text, retries only before the first streamed event, and the listener's events with their
 * timings. A driver supplies a {@link CallTransport} and delegates its client's calls here.
 *
 * <pre>{@code
 * public InferenceClient create(ProviderSettings settings, DriverContext context) {
 *   ProviderDescription description = describe(settings);
 *   CallPipeline pipeline =
 *       new CallPipeline(settings, context, description, threads -> new MyTransport(settings));
 *   return pipeline.client(Optional.empty()); // or the driver's RuntimeOperations
 * }
 * }</pre>
 *
 * <p>Thread-safe. Threads come from the {@link DriverContext}, or are made (daemon threads) and
 * owned by the pipeline when it gives none.
 *
 * @since 0.2
 */
public final class CallPipeline implements AutoCloseable {

  private final ProviderSettings settings;
  private final ProviderDescription description;
  private final InferenceListener listener;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsExecutor;
  private final boolean ownsScheduler;
  private final Ticker ticker;
  private final Resilience resilience;
  private final Deadlines deadlines;
  private final Set<Runnable> inFlight = ConcurrentHashMap.newKeySet();
  private final CallTransport transport;
  private volatile boolean closed;

  /**
   * A pipeline for one profile.
   *
   * @param settings the profile: timeouts, retry, breaker and limits
   * @param context the listener, clock, scheduler and executor
   * @param description what the client describes; its provider name is in every error, its
   *     capabilities decide what is refused before any byte
   * @param transport makes the transport, given this pipeline (for its executor, scheduler and
   *     ticker); called once, in this constructor
   */
  public CallPipeline(
      ProviderSettings settings,
      DriverContext context,
      ProviderDescription description,
      Function<CallPipeline, CallTransport> transport) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.description = Objects.requireNonNull(description, "description");
    this.listener = context.listener();
    String name = "inference-" + description.providerName();
    this.ownsExecutor = context.executor().isEmpty();
    // plain code, not orElseGet's lambdas: clients are made on the way to a first answer
    this.executor = ownsExecutor ? ClientThreads.pool(name) : context.executor().get();
    this.ownsScheduler = context.scheduler().isEmpty();
    this.scheduler = ownsScheduler ? ClientThreads.timer(name) : context.scheduler().get();
    this.ticker = Ticker.of(context);
    this.resilience = new Resilience(settings, description.providerName(), listener, ticker);
    this.deadlines = new Deadlines(scheduler, ticker);
    CallTransport made;
    try {
      made = Objects.requireNonNull(transport.apply(this), "transport");
    } catch (RuntimeException failed) {
      shutDownThreads();
      throw failed;
    }
    this.transport = made;
  }

  /**
   * This pipeline as the driver's client: {@code infer}, {@code inferAsync}, {@code stream}, {@code
   * describe} and {@code close} go through it, so a driver that needs nothing more returns this
   * from {@code ProviderFactory.create} and writes no client class of its own.
   *
   * @param operations the runtime operations the client offers, if any (built on this pipeline's
   *     scheduler and ticker when they wait)
   * @return the client; closing it closes this pipeline
   */
  public InferenceClient client(Optional<RuntimeOperations> operations) {
    return new PipelineClient(this, Objects.requireNonNull(operations, "operations"));
  }

  /**
   * A blocking call, run on the caller's thread: no hand-off to another thread and back. The total
   * deadline and {@link #close()} interrupt the caller (see {@link CallerAbort}), which aborts the
   * attempt; an interrupt from the application fails the call with {@code CANCELLED} and stays set.
   *
   * @param request the request
   * @return the response
   * @throws InferenceException how the call failed
   */
  public InferenceResponse infer(InferenceRequest request) {
    CallEvents events = CallEvents.start(this, request, InferenceListener.CallInfo.Mode.INFER);
    InferenceResponse response = null;
    Throwable failure = null;
    try {
      response = inferOnCaller(request, events);
      return response;
    } catch (RuntimeException | Error failed) {
      failure = failed;
      throw failed;
    } finally {
      events.ended(response, failure);
    }
  }

  private InferenceResponse inferOnCaller(InferenceRequest request, CallEvents events) {
    long started = events.started();
    CallTransport.Call call = prepare(request, false);
    Duration total = total(request);
    long deadlineNanos = started + total.toNanos();
    OnCaller abort = abortOnDeadlineOrClose(request, total, deadlineNanos);
    Resilience.Slot slot = null;
    InferenceResponse response = null;
    InferenceException failure = null;
    InferenceException aborted;
    try {
      slot = resilience.acquireSlot(request);
      response =
          retryLoop(
                  request,
                  events,
                  deadlineNanos,
                  () -> CompletableFuture.completedFuture(call.send()),
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
    throw aborted != null ? aborted : Objects.requireNonNull(failure);
  }

  /**
   * An asynchronous call: attempts run through the transport's {@link
   * CallTransport.Call#sendAsync}; the returned future completes after the listener heard of the
   * outcome. Cancelling it cancels the call.
   *
   * @param request the request
   * @return the response, later
   */
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    CallEvents events =
        CallEvents.start(this, request, InferenceListener.CallInfo.Mode.INFER_ASYNC);
    long started = events.started();
    CompletableFuture<InferenceResponse> result = new CompletableFuture<>();
    CompletableFuture<InferenceResponse> visible = result.whenComplete(events::ended);
    visible.whenComplete(
        (response, error) -> {
          if (visible.isCancelled()) {
            result.completeExceptionally(
                failure(request.requestId(), ErrorKind.CANCELLED, "the call was cancelled")
                    .build());
          }
        });
    CallTransport.Call call;
    try {
      call = prepare(request, false);
    } catch (InferenceException failure) {
      result.completeExceptionally(failure);
      return visible;
    }
    Duration total = total(request);
    long deadlineNanos = started + total.toNanos();
    ScheduledFuture<?> deadline;
    try {
      deadline =
          scheduler.schedule(
              () -> result.completeExceptionally(timeout(request, total)),
              total.toNanos(),
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closedMeanwhile) {
      result.completeExceptionally(clientClosed(request));
      return visible;
    }
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
          retryLoop(request, events, deadlineNanos, () -> call.sendAsync(executor), true)
              .runAsync(result);
        };
    if (resilience.mayBlock()) {
      executor.execute(start); // waiting for a slot or a permit never blocks the caller
    } else {
      start.run();
    }
    return visible;
  }

  /**
   * A streamed call: opens the first attempt the provider accepts, on the caller's thread, and
   * reads it there as the caller iterates. An attempt that fails before its first event is retried
   * when the failure is transient; after it, a failure is the caller's, with its partial text.
   * Closing the stream aborts the attempt.
   *
   * @param request the request
   * @return the events, ending with exactly one {@code Completed}
   * @throws InferenceException how the call failed before its first event
   */
  public InferenceStream stream(InferenceRequest request) {
    CallEvents heard = CallEvents.start(this, request, InferenceListener.CallInfo.Mode.STREAM);
    long started = heard.started();
    Resilience.Slot slot = () -> {};
    try {
      CallTransport.Call call = prepare(request, true);
      Duration total = total(request);
      long deadlineNanos = started + total.toNanos();
      slot = resilience.acquireSlot(request);
      Resilience.Slot held = slot;
      RetryingStream events =
          new RetryingStream(
              loop ->
                  retryLoop(
                      request,
                      heard,
                      deadlineNanos,
                      () ->
                          CompletableFuture.completedFuture(
                              openOnce(
                                  request,
                                  call,
                                  heard,
                                  loop.get().lastAdmitted(),
                                  total,
                                  deadlineNanos)),
                      false),
              resilience,
              (response, failure) -> {
                held.release();
                heard.ended(response, failure);
              });
      return InferenceStreams.of(events, events::cancel, events::delivered);
    } catch (InferenceException failure) {
      slot.release();
      heard.ended(null, failure);
      throw failure;
    }
  }

  private StreamingCall openOnce(
      InferenceRequest request,
      CallTransport.Call call,
      CallEvents events,
      long admitted,
      Duration total,
      long deadlineNanos) {
    OnCaller abort = abortOnDeadlineOrClose(request, total, deadlineNanos);
    StreamAttempt attempt = null;
    InferenceException failure = null;
    InferenceException aborted;
    try {
      attempt = call.open();
    } catch (InferenceException failed) {
      failure = failed;
    } finally {
      aborted = abort.end();
    }
    if (aborted != null) {
      if (attempt != null) {
        attempt.abort();
      }
      throw aborted;
    }
    if (failure != null) {
      throw failure;
    }
    StreamingCall streaming =
        new StreamingCall(
            this,
            request,
            Objects.requireNonNull(attempt),
            events,
            admitted,
            total,
            deadlineNanos,
            deadlines);
    inFlight.add(streaming.cancelAction);
    try {
      streaming.startDeadline();
    } catch (RejectedExecutionException closedMeanwhile) {
      streaming.cancel(); // close() shut the timer down: the stream ends CANCELLED
    }
    return streaming;
  }

  /**
   * Lets the total deadline and {@link #close()} stop a call that blocks on this thread; call
   * {@link OnCaller#end()} when it is over.
   *
   * @throws InferenceException CANCELLED when the client is already closed
   */
  private OnCaller abortOnDeadlineOrClose(
      InferenceRequest request, Duration total, long deadlineNanos) {
    OnCaller call = new OnCaller(request, total, deadlineNanos);
    inFlight.add(call);
    try {
      ensureOpen(request); // close() may have run before the call was in flight
      deadlines.add(call);
    } catch (InferenceException | RejectedExecutionException closedMeanwhile) {
      inFlight.remove(call);
      throw clientClosed(request);
    }
    return call;
  }

  /**
   * A call blocking on its caller's thread, as the deadline timer and {@link #close()} see it: its
   * deadline entry and its cancel action in one object, which aborts the call through its {@link
   * CallerAbort}.
   */
  private final class OnCaller extends Deadlines.Entry implements Runnable {
    private final InferenceRequest request;
    private final Duration total;
    private final CallerAbort abort = new CallerAbort();

    OnCaller(InferenceRequest request, Duration total, long deadlineNanos) {
      super(deadlineNanos);
      this.request = request;
      this.total = total;
    }

    @Override
    void expire() {
      abort.abort(timeout(request, total));
    }

    /** What {@link #close()} runs. */
    @Override
    public void run() {
      abort.abort(clientClosed(request));
    }

    /** Disarms the deadline and close(), then ends the window: see {@link CallerAbort#end()}. */
    @Nullable InferenceException end() {
      inFlight.remove(this);
      deadlines.remove(this);
      return abort.end();
    }
  }

  private <T> RetryLoop<T> retryLoop(
      InferenceRequest request,
      CallEvents events,
      long deadlineNanos,
      RetryLoop.Attempt<T> attempt,
      boolean recordSuccess) {
    return new RetryLoop<>(
        resilience,
        request,
        events.listener(),
        deadlineNanos,
        attempt,
        scheduler,
        executor,
        recordSuccess);
  }

  /** Fails, before any byte, a call this client cannot make: closed, or needing what it lacks. */
  private CallTransport.Call prepare(InferenceRequest request, boolean stream) {
    ensureOpen(request);
    Unsupported.check(request, description.capabilities(), description.providerName());
    return transport.prepare(request, stream);
  }

  private Duration total(InferenceRequest request) {
    return request.timeout().orElse(settings.timeouts().request());
  }

  /**
   * Cancels every call in flight ({@code CANCELLED}, "the client was closed"), stops the threads
   * the pipeline made, and closes the transport. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    for (Runnable cancel : inFlight) {
      cancel.run();
    }
    inFlight.clear();
    deadlines.close();
    shutDownThreads();
    transport.close();
  }

  private void shutDownThreads() {
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
    if (ownsExecutor) {
      executor.shutdown();
    }
  }

  /**
   * Ties work the pipeline does not run (a transport's long-lived watch, say) to this client's
   * life: {@link #close()} runs {@code cancel}, at once if the client is already closed. Run the
   * returned action when the work ends, so that {@code cancel} is forgotten.
   *
   * @param cancel stops the work (closes its channel); must not throw and may run on any thread
   * @return forgets {@code cancel}; idempotent
   */
  public Runnable whileOpen(Runnable cancel) {
    Objects.requireNonNull(cancel, "cancel");
    inFlight.add(cancel);
    if (closed && inFlight.remove(cancel)) {
      cancel.run(); // close() ran before it could see the action
    }
    return () -> inFlight.remove(cancel);
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * The profile.
   *
   * @return the settings
   */
  public ProviderSettings settings() {
    return settings;
  }

  /**
   * What the client describes.
   *
   * @return the description
   */
  public ProviderDescription description() {
    return description;
  }

  /**
   * The client's executor, for a transport's own work off the caller's thread.
   *
   * @return the executor
   */
  public ExecutorService executor() {
    return executor;
  }

  /**
   * The client's timer; waits measured on it are instant on a fake clock.
   *
   * @return the scheduler
   */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * The client's clock for durations.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Waits on the client's timer, as the retry loop does between attempts.
   *
   * @param wait how long
   * @throws InterruptedException if the thread is interrupted
   * @throws InferenceException {@code CANCELLED} when the client is closed
   */
  public void pause(Duration wait) throws InterruptedException {
    try {
      Pause.on(scheduler, wait.toNanos());
    } catch (RejectedExecutionException closedMeanwhile) {
      throw failure(null, ErrorKind.CANCELLED, "the client was closed").build();
    }
  }

  /**
   * A failure of this client's provider, for the call with the given request id.
   *
   * @param requestId the call's request id; {@code null} for work that is not a call
   * @param kind what went wrong
   * @param message what happened and what to do
   * @return the builder, with the provider name and request id set
   */
  public InferenceException.Builder failure(
      @Nullable String requestId, ErrorKind kind, String message) {
    InferenceException.Builder builder =
        InferenceException.builder(kind, message).providerName(description.providerName());
    return requestId == null ? builder : builder.requestId(requestId);
  }

  InferenceException timeout(InferenceRequest request, Duration total) {
    return failure(
            request.requestId(),
            ErrorKind.TIMEOUT,
            description.providerName()
                + " did not finish within the total timeout of "
                + total.toMillis()
                + " ms; raise request_timeout_secs or the request's timeout")
        .timeoutPhase(InferenceException.TimeoutPhase.TOTAL)
        .build();
  }

  private InferenceException clientClosed(InferenceRequest request) {
    return failure(request.requestId(), ErrorKind.CANCELLED, "the client was closed").build();
  }

  private void ensureOpen(InferenceRequest request) {
    if (closed) {
      throw clientClosed(request);
    }
  }

  InferenceListener listener() {
    return listener;
  }

  /** Forgets a finished stream's cancel action. */
  void finished(Runnable cancel) {
    inFlight.remove(cancel);
  }
}
