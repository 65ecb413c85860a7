package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.StreamEvent;
import dev.inference.http.internal.AfterClose;
import dev.inference.http.internal.CountingProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A soak: tens of thousands of calls at concurrency 32 against four stubs (the OpenAI, Ollama and
 * Anthropic dialects over HTTP, and inferd over its loopback TCP socket, each through its driver
 * and a counting proxy), blocking, asynchronous and streamed, with faults mixed in: 429 with a
 * small {@code Retry-After}, 500, 503, malformed bodies and frames, truncated streams, errors in
 * the middle of a stream, stalls past a short timeout and dropped connections (before the answer
 * and in the middle of a stream). inferd gets the same script as frames: 429 is {@code queue_full},
 * 500 {@code internal}, 503 {@code backend_unavailable} (the stub's mapping); a reply cannot be a
 * malformed frame there, so its malformed calls are healthy ones.
 *
 * <p>Each call's prompt carries a unique marker; the stub's responder scripts the replies of each
 * call by its marker and attempt, and counts the attempts. Every call must end exactly once, with
 * the answer to its own prompt or an {@link InferenceException} of the kind its fault implies after
 * the retries the library makes (2, with short backoffs): none lost, none duplicated, none mixed
 * up. Afterwards the heap is back near where it started and no thread or connection is left.
 *
 * <p>The normal build sends {@value #DEFAULT_REQUESTS} calls (at most for {@value
 * #DEFAULT_CAP_SECONDS} s); {@code -Dinference.soak.requests=N} changes the count and {@code
 * -Dinference.soak.seconds=600} runs for that long instead. Nothing about timing is asserted.
 */
class SoakTest {

  private static final int DEFAULT_REQUESTS = 20_000;
  private static final int DEFAULT_CAP_SECONDS = 45;
  private static final int CONCURRENCY = 32;
  private static final int MAX_RETRIES = 2;
  private static final long HEAP_SLACK_BYTES = 64L * 1024 * 1024;
  private static final Duration STALL_TIMEOUT = Duration.ofMillis(250);
  private static final Duration STALL = Duration.ofSeconds(3);
  private static final Pattern MARKER = Pattern.compile("soak#(\\d+)\\b");

  enum Mode {
    BLOCKING,
    ASYNC,
    STREAM
  }

  /**
   * A fault, its weight in the mix, and what the caller must see: success or the kind, after how
   * many attempts reached the stub.
   */
  enum Fault {
    NONE(40, null, 1, 1),
    RATE_LIMITED_ONCE(6, null, 2, 2),
    RATE_LIMITED(4, ErrorKind.RATE_LIMITED, 3, 3),
    SERVER_ERROR_ONCE(6, null, 2, 2),
    SERVER_ERROR(4, ErrorKind.SERVER_ERROR, 3, 3),
    UNAVAILABLE_TWICE(4, null, 3, 3),
    UNAVAILABLE(4, ErrorKind.UNAVAILABLE, 3, 3),
    MALFORMED(6, ErrorKind.MALFORMED_RESPONSE, 1, 1),
    TRUNCATED_STREAM(6, ErrorKind.STREAM_TRUNCATED, 1, 1),
    MID_STREAM_ERROR(6, ErrorKind.SERVER_ERROR, 1, 1),
    // the timeout may fire before the stub even saw the request on a loaded machine
    STALL(1, ErrorKind.TIMEOUT, 0, 1),
    RESET_ONCE(5, null, 2, 2),
    RESET(4, ErrorKind.TRANSPORT, 3, 3),
    // dropped mid-stream: a retry happens when the JDK lost the deltas with the connection
    RESET_MID_STREAM(4, ErrorKind.TRANSPORT, 1, 3);

    final int weight;
    final @Nullable ErrorKind expected;
    final int minAttempts;
    final int maxAttempts;

    Fault(int weight, @Nullable ErrorKind expected, int minAttempts, int maxAttempts) {
      this.weight = weight;
      this.expected = expected;
      this.minAttempts = minAttempts;
      this.maxAttempts = maxAttempts;
    }

    boolean streamOnly() {
      return this == TRUNCATED_STREAM || this == MID_STREAM_ERROR || this == RESET_MID_STREAM;
    }
  }

  private static final Fault[] WHEEL = wheel();

  private static final List<Dialect> DIALECTS =
      List.of(Dialect.OPENAI, Dialect.OLLAMA, Dialect.ANTHROPIC, Dialect.INFERD);

  private static Fault[] wheel() {
    List<Fault> wheel = new ArrayList<>();
    for (Fault fault : Fault.values()) {
      for (int i = 0; i < fault.weight; i++) {
        wheel.add(fault);
      }
    }
    return wheel.toArray(Fault[]::new);
  }

  /** One call of the soak, all derived from its index. */
  record Call(int index, Dialect dialect, Mode mode, Fault fault) {
    static Call of(int index) {
      // a multiplicative hash spreads the faults over the dialects and modes
      int mixed = (int) ((index * 0x9E3779B1L) >>> 7);
      Fault fault = WHEEL[Math.floorMod(mixed, WHEEL.length)];
      Dialect dialect = DIALECTS.get(index % DIALECTS.size());
      if (dialect == Dialect.INFERD && fault == Fault.MALFORMED) {
        fault = Fault.NONE;
      }
      Mode mode = fault.streamOnly() ? Mode.STREAM : Mode.values()[(index / DIALECTS.size()) % 3];
      return new Call(index, dialect, mode, fault);
    }

    /**
     * The kind the caller must see, or null for success. A connection inferd drops mid-stream is a
     * stream that ended without its done or error frame: STREAM_TRUNCATED, as the driver says (over
     * HTTP the JDK reports it as a transport failure).
     */
    @Nullable ErrorKind expected() {
      if (dialect == Dialect.INFERD && fault == Fault.RESET_MID_STREAM) {
        return ErrorKind.STREAM_TRUNCATED;
      }
      return fault.expected;
    }

    String prompt() {
      return "soak#" + index + " please answer";
    }

    String expectedText() {
      return "Stub answer to: " + prompt();
    }

    InferenceRequest request() {
      InferenceRequest.Builder request =
          InferenceRequest.builder().userPrompt(prompt()).requestId("soak-" + index);
      if (fault == Fault.STALL) {
        request.timeout(STALL_TIMEOUT);
      }
      return request.build();
    }

    /** The stub's reply to this call's attempt (1, 2, ...), or null for the default reply. */
    @Nullable Reply reply(int attempt) {
      boolean stream = mode == Mode.STREAM;
      Reply answer = Reply.text(expectedText());
      return switch (fault) {
        case NONE -> null;
        case RATE_LIMITED_ONCE -> attempt == 1 ? rateLimited() : null;
        case RATE_LIMITED -> rateLimited();
        case SERVER_ERROR_ONCE -> attempt == 1 ? status(500) : null;
        case SERVER_ERROR -> status(500);
        case UNAVAILABLE_TWICE -> attempt <= 2 ? status(503) : null;
        case UNAVAILABLE -> status(503);
        case MALFORMED -> malformed(dialect, stream);
        case TRUNCATED_STREAM -> answer.truncatedAfterDeltas();
        case MID_STREAM_ERROR -> answer.failingAfterDeltas("an internal failure mid-stream");
        case STALL -> Reply.stall(STALL);
        case RESET_ONCE -> attempt == 1 ? Reply.drop() : null;
        case RESET -> Reply.drop();
        case RESET_MID_STREAM -> answer.droppingAfterDeltas();
      };
    }
  }

  private static Reply rateLimited() {
    return Reply.error(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}")
        .withHeader("Retry-After", "0.01");
  }

  private static Reply status(int status) {
    return Reply.error(status, "{\"error\":{\"message\":\"stub failure " + status + "\"}}");
  }

  private static Reply malformed(Dialect dialect, boolean stream) {
    if (!stream) {
      return Reply.error(200, "{\"id\":\"chatcmpl-broken\",\"choices\":[{\"message\":");
    }
    return Reply.error(
        200,
        switch (dialect) {
          case OPENAI -> "data: {\"choices\":[{\"delta\":{\"content\":\n\n";
          case ANTHROPIC ->
              "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\n\n";
          default -> "{\"message\":{\"content\":\n";
        });
  }

  /** What the run saw. */
  static final class Tally {
    final LongAdder started = new LongAdder();
    final LongAdder ended = new LongAdder();
    final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final LongAdder stubAttempts = new LongAdder();
    final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    final Map<Fault, LongAdder> faults = new ConcurrentHashMap<>();
    final AtomicLong problemCount = new AtomicLong();
    final Queue<String> problems = new ConcurrentLinkedQueue<>();
    final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();

    void problem(Call call, String what) {
      kinds.computeIfAbsent(call.dialect + " " + call.fault, k -> new LongAdder()).increment();
      if (problemCount.incrementAndGet() <= 20) {
        problems.add(call + ": " + what);
      }
    }

    Map<String, Long> outcomes() {
      return new TreeMap<>(
          outcomes.entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
    }
  }

  @Test
  void tensOfThousandsOfCallsWithFaultsEndExactlyOnceAndLeaveNothingBehind() throws Exception {
    Set<Thread> threadsBefore = AfterClose.libraryThreads();
    long heapBefore = usedHeap();
    Tally tally = new Tally();
    long elapsedNanos;
    int proxyConnections;
    try (StubServer openAi = StubServer.builder(Dialect.OPENAI).record(false).start();
        StubServer ollama = StubServer.builder(Dialect.OLLAMA).record(false).start();
        StubServer anthropic = StubServer.builder(Dialect.ANTHROPIC).record(false).start();
        StubServer inferd =
            StubServer.builder(Dialect.INFERD)
                .inferd(InferdOptions.builder().tcpPort(0).build())
                .record(false)
                .start();
        CountingProxy openAiProxy = new CountingProxy(openAi.port());
        CountingProxy ollamaProxy = new CountingProxy(ollama.port());
        CountingProxy anthropicProxy = new CountingProxy(anthropic.port());
        CountingProxy inferdProxy = new CountingProxy(inferd.inferd().port().orElseThrow())) {
      for (StubServer stub : List.of(openAi, ollama, anthropic, inferd)) {
        stub.replyWith(request -> respond(request, tally));
      }
      Map<Dialect, URI> endpoints = new EnumMap<>(Dialect.class);
      endpoints.put(Dialect.OPENAI, via(openAi, openAiProxy));
      endpoints.put(Dialect.OLLAMA, via(ollama, ollamaProxy));
      endpoints.put(Dialect.ANTHROPIC, via(anthropic, anthropicProxy));
      endpoints.put(Dialect.INFERD, URI.create("tcp://127.0.0.1:" + inferdProxy.port()));
      long started = System.nanoTime();
      run(endpoints, tally);
      elapsedNanos = System.nanoTime() - started;
      proxyConnections =
          openAiProxy.accepted()
              + ollamaProxy.accepted()
              + anthropicProxy.accepted()
              + inferdProxy.accepted();

      AfterClose.assertConnectionsClose(openAiProxy, ollamaProxy, anthropicProxy, inferdProxy);
    }
    long requests = tally.started.sum();
    assertThat(tally.problems)
        .as(
            "%s problems (by dialect and fault: %s), the first ones",
            tally.problemCount, tally.kinds)
        .isEmpty();
    assertThat(tally.ended.sum()).as("calls that ended").isEqualTo(requests);
    assertThat(tally.inFlight).as("calls that never ended").isEmpty();
    // what is left: only stalled calls whose request reached the stub after their timeout
    tally.attempts.forEach(
        (index, count) -> {
          assertThat(Call.of(index).fault)
              .as("late attempts of call %s", index)
              .isEqualTo(Fault.STALL);
          assertThat(count.get()).isEqualTo(1);
        });
    AfterClose.assertThreadsEnd(threadsBefore);
    long heapAfter = usedHeap();
    System.out.printf(
        "soak: %d requests (%d stub attempts, %d connections) in %.1f s, %.0f/s; outcomes %s;"
            + " faults %s; heap %d MB before, %d MB after%n",
        requests,
        tally.stubAttempts.sum(),
        proxyConnections,
        elapsedNanos / 1e9,
        requests / (elapsedNanos / 1e9),
        tally.outcomes(),
        new TreeMap<>(
            tally.faults.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))),
        heapBefore >> 20,
        heapAfter >> 20);
    assertThat(requests).isPositive();
    assertThat(heapAfter).as("used heap after the soak").isLessThan(heapBefore + HEAP_SLACK_BYTES);
  }

  private static URI via(StubServer stub, CountingProxy proxy) {
    return URI.create("http://127.0.0.1:" + proxy.port() + stub.dialect().chatPath());
  }

  /** The stub's side: scripts each call's attempts by its marker, and counts them. */
  private static @Nullable Reply respond(RecordedRequest request, Tally tally) {
    Matcher marker = MARKER.matcher(request.body());
    if (!marker.find()) {
      return Reply.error(400, "{\"error\":{\"message\":\"no soak marker\"}}");
    }
    int index = Integer.parseInt(marker.group(1));
    tally.stubAttempts.increment();
    int attempt = tally.attempts.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet();
    return Call.of(index).reply(attempt);
  }

  /** In a method of its own, so that nothing keeps the clients reachable afterwards. */
  private static void run(Map<Dialect, URI> endpoints, Tally tally) throws InterruptedException {
    long soakSeconds = Long.getLong("inference.soak.seconds", 0);
    long maxRequests =
        soakSeconds > 0
            ? Long.MAX_VALUE
            : Long.getLong("inference.soak.requests", DEFAULT_REQUESTS);
    long deadline =
        System.nanoTime()
            + TimeUnit.SECONDS.toNanos(soakSeconds > 0 ? soakSeconds : DEFAULT_CAP_SECONDS);
    Map<Dialect, InferenceClient> clients = new EnumMap<>(Dialect.class);
    clients.put(Dialect.OPENAI, client("openai_chat_completions", endpoints.get(Dialect.OPENAI)));
    clients.put(Dialect.OLLAMA, client("ollama_chat", endpoints.get(Dialect.OLLAMA)));
    clients.put(Dialect.ANTHROPIC, client("anthropic_messages", endpoints.get(Dialect.ANTHROPIC)));
    clients.put(Dialect.INFERD, client("inferd", endpoints.get(Dialect.INFERD)));
    ExecutorService callers = Executors.newFixedThreadPool(CONCURRENCY);
    Semaphore slots = new Semaphore(CONCURRENCY);
    try {
      for (int index = 0; index < maxRequests && System.nanoTime() < deadline; index++) {
        slots.acquire();
        Call call = Call.of(index);
        InferenceClient client = clients.get(call.dialect);
        tally.started.increment();
        tally.faults.computeIfAbsent(call.fault, f -> new LongAdder()).increment();
        tally.inFlight.add(index);
        if (call.mode == Mode.ASYNC) {
          CompletableFuture<InferenceResponse> future;
          try {
            future = client.inferAsync(call.request());
          } catch (RuntimeException thrown) {
            end(call, null, thrown, tally);
            slots.release();
            continue;
          }
          future.whenComplete(
              (response, error) -> {
                try {
                  end(call, response, error, tally);
                } finally {
                  slots.release();
                }
              });
        } else {
          callers.execute(
              () -> {
                try {
                  call(client, call, tally);
                } finally {
                  slots.release();
                }
              });
        }
      }
      assertThat(slots.tryAcquire(CONCURRENCY, 2, TimeUnit.MINUTES))
          .as("all calls ended within 2 minutes of the last start")
          .isTrue();
    } finally {
      callers.shutdownNow();
      clients.values().forEach(InferenceClient::close);
    }
  }

  private static InferenceClient client(String driver, URI endpoint) {
    ProviderSettings.Builder settings = ProviderSettings.builder(driver);
    if (driver.equals("anthropic_messages")) {
      settings.apiKey(Secret.of("soak-key")); // the driver needs one; loopback takes it over http
    }
    return Inference.connect(
        settings
            .model("soak-model")
            .baseUrl(endpoint)
            .requestTimeout(Duration.ofSeconds(60))
            .maxRetries(MAX_RETRIES)
            .retryInitialBackoff(Duration.ofMillis(5))
            .retryMaxBackoff(Duration.ofMillis(100))
            // the breaker judges the last 1000 attempts and opens only when all of them failed:
            // with half of the calls healthy it never opens, so every outcome is the fault's own
            .circuitBreakerFailureRate(100)
            .circuitBreakerMinimumCalls(1000)
            .build());
  }

  private static void call(InferenceClient client, Call call, Tally tally) {
    InferenceRequest request = call.request();
    if (call.mode == Mode.BLOCKING) {
      try {
        end(call, client.infer(request), null, tally);
      } catch (RuntimeException failure) {
        end(call, null, failure, tally);
      }
      return;
    }
    StringBuilder text = new StringBuilder();
    List<InferenceResponse> completed = new ArrayList<>(1);
    try (InferenceStream stream = client.stream(request)) {
      for (StreamEvent event : stream) {
        if (event instanceof StreamEvent.TextDelta delta) {
          text.append(delta.text());
        } else if (event instanceof StreamEvent.Completed done) {
          completed.add(done.response());
        }
      }
    } catch (RuntimeException failure) {
      if (failure instanceof InferenceException known
          && known.partialText().isPresent()
          && !known.partialText().get().equals(text.toString())) {
        tally.problem(
            call, "partial text " + known.partialText().get() + " but the deltas were " + text);
      }
      end(call, null, failure, tally);
      return;
    }
    if (completed.size() != 1) {
      tally.problem(call, "a stream with " + completed.size() + " Completed events");
    } else if (!completed.get(0).text().equals(text.toString())) {
      tally.problem(call, "deltas " + text + " but the response says " + completed.get(0).text());
    }
    end(call, completed.isEmpty() ? null : completed.get(0), null, tally);
  }

  /** Checks one call's outcome against its fault; must run exactly once per call. */
  private static void end(
      Call call, @Nullable InferenceResponse response, @Nullable Throwable error, Tally tally) {
    tally.ended.increment();
    if (!tally.inFlight.remove(call.index)) {
      tally.problem(call, "ended twice");
    }
    AtomicInteger attempts = tally.attempts.remove(call.index);
    int seen = attempts == null ? 0 : attempts.get();
    if (seen < call.fault.minAttempts || seen > call.fault.maxAttempts) {
      tally.problem(call, "the stub saw " + seen + " attempts");
    }
    Throwable failure =
        error instanceof java.util.concurrent.CompletionException wrapped
            ? wrapped.getCause()
            : error;
    String outcome;
    if (failure == null && response != null) {
      outcome = "ok";
      if (call.expected() != null) {
        tally.problem(call, "succeeded, expected " + call.expected());
      }
      if (!response.text().equals(call.expectedText())) {
        tally.problem(call, "answered " + response.text());
      }
      if (!response.requestId().equals("soak-" + call.index)) {
        tally.problem(call, "the response of request " + response.requestId());
      }
    } else if (failure instanceof InferenceException known) {
      outcome = known.kind().name();
      if (known.kind() != call.expected()) {
        tally.problem(
            call,
            "failed with "
                + known.kind()
                + ", expected "
                + call.expected()
                + ": "
                + known.getMessage());
      }
      if (!known.requestId().equals(Optional.of("soak-" + call.index))) {
        tally.problem(call, "a failure of request " + known.requestId());
      }
      known
          .partialText()
          .filter(partial -> !call.expectedText().startsWith(partial))
          .ifPresent(partial -> tally.problem(call, "partial text of another call: " + partial));
      checkDetails(call, known, tally);
    } else {
      outcome = "untyped " + (failure == null ? "nothing" : failure.getClass().getSimpleName());
      tally.problem(call, "ended with " + failure);
    }
    tally.outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
  }

  private static void checkDetails(Call call, InferenceException failure, Tally tally) {
    switch (call.fault) {
      case RATE_LIMITED -> {
        if (call.dialect != Dialect.INFERD // queue_full carries no Retry-After
            && !failure.retryAfter().equals(Optional.of(Duration.ofMillis(10)))) {
          tally.problem(call, "retryAfter " + failure.retryAfter());
        }
      }
      case TRUNCATED_STREAM, MID_STREAM_ERROR -> {
        if (!failure.partialText().equals(Optional.of(call.expectedText()))) {
          tally.problem(call, "partial text " + failure.partialText());
        }
      }
      case STALL -> {
        if (!failure.timeoutPhase().equals(Optional.of(InferenceException.TimeoutPhase.TOTAL))) {
          tally.problem(call, "timeout phase " + failure.timeoutPhase());
        }
      }
      default -> {}
    }
  }

  /** The smallest used heap of three, each after a collection (System.gc() returns after it). */
  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
