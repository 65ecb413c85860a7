package dev.inference.kit;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.ProviderSettings;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One client's retries, circuit breaker, bulkhead and rate limiter, on Resilience4j.
 *
 * <ul>
 *   <li>Retries only transient failures (rate limited, server error, unavailable, transport, a
 *       connect or first-event timeout), with exponential backoff and full jitter, or exactly the
 *       provider's {@code Retry-After} when it sent one; a longer demand than the longest backoff
 *       fails at once, carrying {@code retryAfter()}. Never after the total deadline.
 *   <li>The circuit breaker counts provider-side failures only; a request the provider rejected
 *       counts as a healthy answer and a cancelled call does not count.
 *   <li>The bulkhead bounds the calls in flight; the rate limiter the calls started per second.
 * </ul>
 *
 * <p>Built on Resilience4j, whose types never show here.
 *
 * @since 0.2
 */
public final class Resilience {

  /** No call counts as slow: duration is the deadlines' business, not the breaker's. */
  private static final Duration NEVER_SLOW = Duration.ofDays(365 * 100);

  private final String name;
  private final String providerName;
  private final Ticker ticker;
  private final InferenceListener listener;
  private final Duration retryInitialBackoff;
  private final Duration retryMaxBackoff;
  private final Duration circuitWait;
  private final int maxRetries;
  // made on the first failure that may be retried: most clients never need one
  private volatile @Nullable Retry retry;
  private final ProviderSettings settings;
  // made at the first failure (see makeBreaker()); until then every call is admitted, as by a
  // closed breaker, and its successes counted here, to be replayed into the new breaker
  private volatile @Nullable CircuitBreaker breaker;
  private final AtomicLong successesBeforeBreaker = new AtomicLong();
  private final boolean breakerEnabled;
  private final @Nullable Bulkhead bulkhead;
  private final @Nullable RateLimiter rateLimiter;

  /**
   * The policies of one client, from its settings.
   *
   * @param settings the profile: retries, breaker, concurrency and rate limits
   * @param providerName the provider name failures carry
   * @param listener told of retries and breaker transitions
   */
  public Resilience(ProviderSettings settings, String providerName, InferenceListener listener) {
    this(settings, providerName, listener, Ticker.system());
  }

  /**
   * The policies of one client, from its settings, measuring time with the given ticker.
   *
   * @param settings the profile: retries, breaker, concurrency and rate limits
   * @param providerName the provider name failures carry
   * @param listener told of retries and breaker transitions
   * @param ticker measures attempts and deadlines
   */
  public Resilience(
      ProviderSettings settings, String providerName, InferenceListener listener, Ticker ticker) {
    this.ticker = ticker;
    this.name = settings.profileName().orElse(providerName + "/" + settings.model());
    this.providerName = providerName;
    this.listener = listener;
    this.retryInitialBackoff = settings.retry().initialBackoff();
    this.retryMaxBackoff = settings.retry().maxBackoff();
    this.circuitWait = settings.circuitBreaker().waitInOpenState();
    this.maxRetries = settings.retry().maxRetries();
    this.breakerEnabled = settings.circuitBreaker().enabled();
    this.settings = settings;
    this.bulkhead =
        settings.limits().maxConcurrentRequests().isEmpty()
            ? null
            : Bulkhead.of(
                name,
                BulkheadConfig.custom()
                    .maxConcurrentCalls(settings.limits().maxConcurrentRequests().getAsInt())
                    .maxWaitDuration(settings.timeouts().connect())
                    .build());
    this.rateLimiter =
        settings.limits().requestsPerSecond().isEmpty()
            ? null
            : rateLimiter(name, settings.limits().requestsPerSecond().getAsDouble(), settings);
  }

  /**
   * The circuit breaker, made at the first failure: a client whose calls all succeed (and one that
   * is never called or only asked to describe itself) loads no Resilience4j, starts no logging
   * back-end and pays nothing per call for a breaker that could only say "closed". The successes
   * before it are replayed into it, up to its window, so its count-based window holds the same
   * outcomes as a breaker made at the first attempt would.
   */
  private CircuitBreaker breaker() {
    CircuitBreaker made = breaker;
    return made != null ? made : makeBreaker();
  }

  private synchronized CircuitBreaker makeBreaker() {
    CircuitBreaker existing = breaker;
    if (existing != null) {
      return existing;
    }
    int minimumCalls = settings.circuitBreaker().minimumCalls();
    int window = Math.max(minimumCalls, 20);
    CircuitBreaker made =
        CircuitBreaker.of(
            name,
            CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.circuitBreaker().failureRatePercent())
                .minimumNumberOfCalls(minimumCalls)
                .slidingWindowSize(window)
                .waitDurationInOpenState(settings.circuitBreaker().waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(Math.min(3, minimumCalls))
                // a long answer is a healthy one: Resilience4j's default would open the breaker
                // when every call in the window took longer than 60 s, as long streams do
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(NEVER_SLOW)
                .recordException(Resilience::providerSide)
                .ignoreException(
                    failure ->
                        failure instanceof InferenceException known
                            && (known.kind() == ErrorKind.CANCELLED
                                || known.kind() == ErrorKind.CIRCUIT_OPEN))
                .build());
    // A consumer makes the breaker create an event (with a ZonedDateTime) on every call, not only
    // on transitions; register one only when the listener hears transitions.
    if (hearsCircuitChanges(listener)) {
      made.getEventPublisher()
          .onStateTransition(
              event ->
                  listener(
                      () ->
                          listener.circuitStateChanged(
                              name,
                              event.getStateTransition().getFromState().name(),
                              event.getStateTransition().getToState().name())));
    }
    breaker = made;
    // a success recorded after this getAndSet finds the count negative and goes to the breaker
    long before = successesBeforeBreaker.getAndSet(Long.MIN_VALUE);
    for (long i = Math.min(before, window); i > 0; i--) {
      made.onSuccess(0, TimeUnit.NANOSECONDS);
    }
    return made;
  }

  /**
   * The provider name failures carry.
   *
   * @return the name
   */
  public String providerName() {
    return providerName;
  }

  /**
   * Whether the listener overrides {@link InferenceListener#circuitStateChanged}; only then does
   * the breaker publish its transitions (publishing costs an event object per call).
   *
   * @param listener the listener
   * @return whether it hears breaker transitions
   */
  public static boolean hearsCircuitChanges(InferenceListener listener) {
    if (listener == InferenceListener.NONE) {
      return false;
    }
    try {
      return listener
              .getClass()
              .getMethod("circuitStateChanged", String.class, String.class, String.class)
              .getDeclaringClass()
          != InferenceListener.class;
    } catch (NoSuchMethodException | SecurityException unknown) {
      return true;
    }
  }

  /** The retry policy, made when a call first fails; null when retries are off. */
  private @Nullable Retry retry() {
    if (maxRetries == 0) {
      return null;
    }
    Retry made = retry;
    if (made == null) {
      synchronized (this) {
        made = retry;
        if (made == null) {
          made =
              Retry.of(
                  name,
                  RetryConfig.custom()
                      .maxAttempts(maxRetries + 1)
                      .retryOnException(Resilience::retryable)
                      .intervalBiFunction(
                          (attempt, outcome) ->
                              delayMillis(attempt, (InferenceException) outcome.getLeft()))
                      .build());
          retry = made;
        }
      }
    }
    return made;
  }

  private static RateLimiter rateLimiter(String name, double perSecond, ProviderSettings settings) {
    // whole permits per period: 0.5 per second is 1 per 2 seconds
    long periodNanos = perSecond >= 1 ? 1_000_000_000L : (long) (1_000_000_000L / perSecond);
    int permits = perSecond >= 1 ? (int) Math.round(perSecond) : 1;
    return RateLimiter.of(
        name,
        RateLimiterConfig.custom()
            .limitForPeriod(permits)
            .limitRefreshPeriod(Duration.ofNanos(periodNanos))
            .timeoutDuration(settings.timeouts().connect())
            .build());
  }

  /** The bulkhead's slot for one call; release exactly once, when the call has ended. */
  public interface Slot {
    /** Frees the slot. */
    void release();
  }

  /**
   * Waits for a free slot when the client bounds its concurrency.
   *
   * @param request the call
   * @return the slot, to release when the call has ended
   * @throws InferenceException UNAVAILABLE when no slot frees up within the connect timeout
   */
  public Slot acquireSlot(InferenceRequest request) {
    Bulkhead limit = bulkhead;
    if (limit == null) {
      return () -> {};
    }
    if (!limit.tryAcquirePermission()) {
      throw failure(
              request,
              ErrorKind.UNAVAILABLE,
              "all "
                  + limit.getBulkheadConfig().getMaxConcurrentCalls()
                  + " concurrent call slots of "
                  + name
                  + " stayed busy for "
                  + limit.getBulkheadConfig().getMaxWaitDuration().toMillis()
                  + " ms; raise max_concurrent_requests or send fewer calls at once")
          .build();
    }
    return limit::onComplete;
  }

  /**
   * Whether the bulkhead or the rate limiter could make a caller wait; then an asynchronous call
   * waits off the caller's thread.
   *
   * @return whether acquiring a slot or admitting an attempt may block
   */
  public boolean mayBlock() {
    return bulkhead != null || rateLimiter != null;
  }

  /**
   * Admits one attempt: the rate limiter's permit, then the circuit breaker's.
   *
   * @param request the call
   * @return the attempt's start, in {@link System#nanoTime()} units
   * @throws InferenceException RATE_LIMITED when no permit frees up in time, CIRCUIT_OPEN when the
   *     breaker is open
   */
  public long admit(InferenceRequest request) {
    RateLimiter limiter = rateLimiter;
    if (limiter != null && !limiter.acquirePermission()) {
      throw failure(
              request,
              ErrorKind.RATE_LIMITED,
              name
                  + " allows "
                  + limiter.getRateLimiterConfig().getLimitForPeriod()
                  + " calls per "
                  + limiter.getRateLimiterConfig().getLimitRefreshPeriod().toMillis()
                  + " ms (requests_per_second) and no permit freed up in time")
          .build();
    }
    CircuitBreaker made = breaker;
    if (breakerEnabled && made != null && !made.tryAcquirePermission()) {
      throw failure(
              request,
              ErrorKind.CIRCUIT_OPEN,
              "the circuit breaker of "
                  + name
                  + " is open: too many of its recent calls failed on the provider's side;"
                  + " calls fail fast for up to "
                  + circuitWait.toSeconds()
                  + " s before a few are let through again")
          .retryAfter(circuitWait)
          .build();
    }
    return ticker.nanos();
  }

  /**
   * Records an admitted attempt's outcome with the circuit breaker.
   *
   * @param admitted what {@link #admit} returned
   * @param failure the attempt's failure, or {@code null} when it succeeded
   */
  public void record(long admitted, @Nullable Throwable failure) {
    if (!breakerEnabled) {
      return;
    }
    long elapsed = ticker.nanos() - admitted;
    if (failure == null) {
      CircuitBreaker made = breaker;
      if (made != null || successesBeforeBreaker.incrementAndGet() < 0) {
        breaker().onSuccess(elapsed, TimeUnit.NANOSECONDS);
      }
    } else {
      breaker().onError(elapsed, TimeUnit.NANOSECONDS, failure);
    }
  }

  /**
   * A retry plan for one call.
   *
   * @param request the call
   * @param callListener the call's listener ({@link InferenceListener#forCall}), told of each retry
   * @param deadlineNanos the call's total deadline, in {@link System#nanoTime()} units: no retry
   *     starts after it
   * @return the plan
   */
  public Attempts attempts(
      InferenceRequest request, InferenceListener callListener, long deadlineNanos) {
    return new Attempts(request, callListener, deadlineNanos);
  }

  /**
   * The retries of one call: asks Resilience4j whether and when to try again. Its retry context
   * starts at the call's first failure; a call that succeeds at once never needs one.
   */
  public final class Attempts {
    private final InferenceRequest request;
    private final InferenceListener callListener;
    private final long deadlineNanos;
    private Retry.@Nullable AsyncContext<Object> context;
    private int attempt = 1;

    Attempts(InferenceRequest request, InferenceListener callListener, long deadlineNanos) {
      this.request = request;
      this.callListener = callListener;
      this.deadlineNanos = deadlineNanos;
    }

    /**
     * After a failed attempt: the delay before the next one, or -1 to give up with the failure.
     * Tells the listener when it will retry.
     *
     * @param failure the attempt's failure
     * @return the delay in milliseconds, or -1
     */
    public long onFailure(InferenceException failure) {
      if (context == null) {
        Retry policy = retry();
        if (policy == null) {
          return -1;
        }
        context = policy.asyncContext();
      }
      long delay = context.onError(failure);
      if (delay < 0 || ticker.nanos() + TimeUnit.MILLISECONDS.toNanos(delay) >= deadlineNanos) {
        return -1;
      }
      int failed = attempt++;
      listener(() -> callListener.retrying(request, failed, failure, Duration.ofMillis(delay)));
      return delay;
    }

    /** After the attempt that succeeded. */
    public void onSuccess() {
      if (context != null) {
        context.onComplete();
      }
    }
  }

  /**
   * Whether a failure may go away on its own, so that trying again is worth it: the one rule.
   *
   * @param failure the failure
   * @return whether to retry it
   */
  public static boolean retryable(Throwable failure) {
    if (!(failure instanceof InferenceException known) || !known.isRetryable()) {
      return false;
    }
    return switch (known.kind()) {
      case RATE_LIMITED, SERVER_ERROR, UNAVAILABLE, TRANSPORT -> true;
      case TIMEOUT ->
          known
              .timeoutPhase()
              .map(
                  phase ->
                      phase == InferenceException.TimeoutPhase.CONNECT
                          || phase == InferenceException.TimeoutPhase.FIRST_EVENT)
              .orElse(false);
      default -> false;
    };
  }

  /** Whether a failure says something about the provider's health (what the breaker counts). */
  static boolean providerSide(Throwable failure) {
    if (!(failure instanceof InferenceException known)) {
      return true;
    }
    return switch (known.kind()) {
      case SERVER_ERROR, UNAVAILABLE, TRANSPORT, TIMEOUT, STREAM_TRUNCATED, MALFORMED_RESPONSE ->
          true;
      default -> false;
    };
  }

  /**
   * The wait before retry number {@code attempt}: the provider's {@code Retry-After} when it sent
   * one (or -1 when it asks for longer than the longest backoff), else full jitter over an
   * exponential backoff.
   */
  long delayMillis(int attempt, InferenceException failure) {
    if (failure.retryAfter().isPresent()) {
      Duration asked = failure.retryAfter().get();
      return asked.compareTo(retryMaxBackoff) > 0 ? -1 : asked.toMillis();
    }
    long ceiling = retryInitialBackoff.toMillis() << Math.min(attempt - 1, 30);
    long capped = Math.min(Math.max(ceiling, 0), retryMaxBackoff.toMillis());
    return ThreadLocalRandom.current().nextLong(capped + 1);
  }

  private InferenceException.Builder failure(
      InferenceRequest request, ErrorKind kind, String message) {
    return InferenceException.builder(kind, message)
        .requestId(request.requestId())
        .providerName(providerName);
  }

  private void listener(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException broken) {
      System.getLogger(Resilience.class.getName())
          .log(System.Logger.Level.WARNING, "an InferenceListener threw; ignored", broken);
    }
  }
}
