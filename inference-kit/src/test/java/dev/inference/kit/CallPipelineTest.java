package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import dev.inference.Tool;
import dev.inference.spi.DriverContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The call pipeline over a transport that is not HTTP: an in-memory one whose attempts are
 * scripted. What the pipeline owns (retry before the first event only, truncation, the deadline and
 * close() stopping a blocking attempt, the capability check before any attempt) holds whatever the
 * transport is.
 */
class CallPipelineTest {

  private static final ProviderSettings SETTINGS =
      ProviderSettings.builder("memory")
          .model("m")
          .retryInitialBackoff(Duration.ofMillis(1))
          .retryMaxBackoff(Duration.ofMillis(2))
          .build();

  /** A transport whose stream attempts come from a queue of scripts, one per attempt. */
  static final class Scripted implements CallTransport {
    final Deque<List<Consumer<ResponseSink>>> streams = new ArrayDeque<>();
    final AtomicInteger prepared = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    final CountDownLatch sendStarted = new CountDownLatch(1);
    volatile boolean sendInterrupted;
    volatile Attempt last;

    Scripted stream(List<Consumer<ResponseSink>> reads) {
      streams.add(reads);
      return this;
    }

    @Override
    public Call prepare(InferenceRequest request, boolean stream) {
      prepared.incrementAndGet();
      return new Call() {
        @Override
        public InferenceResponse send() {
          sendStarted.countDown();
          try {
            new CountDownLatch(1).await(); // a provider that never answers
          } catch (InterruptedException interrupted) {
            sendInterrupted = true;
            Thread.currentThread().interrupt();
          }
          throw InferenceException.builder(ErrorKind.TRANSPORT, "aborted").build();
        }

        @Override
        public StreamAttempt open() {
          opened.incrementAndGet();
          List<Consumer<ResponseSink>> reads = streams.poll();
          if (reads == null) {
            throw InferenceException.builder(ErrorKind.UNAVAILABLE, "no script").build();
          }
          Attempt attempt = new Attempt(reads);
          last = attempt;
          return attempt;
        }
      };
    }
  }

  /** One attempt: each read runs the next step of its script; then the stream ends. */
  static final class Attempt implements StreamAttempt {
    private final List<Consumer<ResponseSink>> reads;
    private int next;
    volatile boolean aborted;

    Attempt(List<Consumer<ResponseSink>> reads) {
      this.reads = reads;
    }

    @Override
    public int read(ResponseSink sink) throws IOException {
      if (aborted) {
        throw new InterruptedIOException("aborted");
      }
      if (next == reads.size()) {
        return -1;
      }
      reads.get(next++).accept(sink);
      return 1;
    }

    @Override
    public void abort() {
      aborted = true;
    }

    @Override
    public InferenceException failure(IOException failure) {
      return InferenceException.builder(ErrorKind.TRANSPORT, "broke").build();
    }

    @Override
    public InferenceResponse response(ResponseSink sink) {
      return sink.toResponse(InferenceRequest.of("hi"), "memory", "m", Map.of(), Redactor.NONE);
    }
  }

  private static CallPipeline pipeline(CallTransport transport, Capabilities capabilities) {
    return new CallPipeline(
        SETTINGS,
        DriverContext.defaults(),
        new ProviderDescription("memory", "memory", "m", "memory:", capabilities),
        threads -> transport);
  }

  private static CallPipeline pipeline(CallTransport transport) {
    return pipeline(transport, Capabilities.builder().streaming(true).build());
  }

  private static Consumer<ResponseSink> text(String delta) {
    return sink -> sink.text(delta);
  }

  static final Consumer<ResponseSink> DONE =
      sink -> {
        sink.finishReason(FinishReason.Kind.STOP.name().toLowerCase(java.util.Locale.ROOT));
        sink.complete();
      };

  private static final Consumer<ResponseSink> UNAVAILABLE =
      sink -> {
        throw InferenceException.builder(ErrorKind.UNAVAILABLE, "busy").build();
      };

  static List<String> read(InferenceStream stream) {
    List<String> seen = new ArrayList<>();
    try (stream) {
      for (StreamEvent event : stream) {
        if (event instanceof StreamEvent.TextDelta delta) {
          seen.add(delta.text());
        } else if (event instanceof StreamEvent.Completed completed) {
          seen.add("completed " + completed.response().text());
        }
      }
    }
    return seen;
  }

  @Test
  void aStreamThatFailsBeforeItsFirstEventIsRetriedOnANewAttempt() {
    Scripted transport =
        new Scripted().stream(List.of(UNAVAILABLE)).stream(List.of(text("fi"), text("ne"), DONE));
    try (CallPipeline pipeline = pipeline(transport)) {
      assertThat(read(pipeline.stream(InferenceRequest.of("hi"))))
          .containsExactly("fi", "ne", "completed fine");
    }
    assertThat(transport.opened).hasValue(2);
    assertThat(transport.prepared).as("the request is prepared once for every attempt").hasValue(1);
  }

  @Test
  void aStreamThatFailsAfterItsFirstEventFailsWithItsPartialTextAndIsNotRetried() {
    Scripted transport =
        new Scripted()
            .stream(List.of(text("fi"), UNAVAILABLE)).stream(List.of(text("again"), DONE));
    List<String> seen = new ArrayList<>();
    InferenceException failure;
    try (CallPipeline pipeline = pipeline(transport);
        InferenceStream stream = pipeline.stream(InferenceRequest.of("hi"))) {
      failure =
          catchThrowableOfType(
              InferenceException.class, () -> stream.forEach(event -> seen.add(event.toString())));
    }
    assertThat(seen).hasSize(1);
    assertThat(failure.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(failure.partialText()).contains("fi");
    assertThat(transport.opened).hasValue(1);
  }

  @Test
  void thePartialTextIsWhatTheCallerWasHandedNotWhatWasReadAhead() {
    Scripted transport =
        new Scripted()
            .stream(
                List.of(
                    sink -> {
                      sink.text("one ");
                      sink.text("two"); // read in the same frame, not handed yet
                    },
                    text(" three")));
    InferenceException failure;
    try (CallPipeline pipeline = pipeline(transport)) {
      InferenceStream stream = pipeline.stream(InferenceRequest.of("hi"));
      java.util.Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).isEqualTo(new StreamEvent.TextDelta("one "));
      stream.close();
      failure = catchThrowableOfType(InferenceException.class, events::hasNext);
    }
    assertThat(failure.kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(failure.partialText()).contains("one ");
  }

  @Test
  void aStreamThatEndsWithoutCompletingIsTruncatedWithItsPartialText() {
    Scripted transport = new Scripted().stream(List.of(text("half")));
    InferenceException failure;
    try (CallPipeline pipeline = pipeline(transport)) {
      failure =
          catchThrowableOfType(
              InferenceException.class, () -> read(pipeline.stream(InferenceRequest.of("hi"))));
    }
    assertThat(failure.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
    assertThat(failure.partialText()).contains("half");
    assertThat(failure.providerName()).contains("memory");
  }

  @Test
  void aTransportThatThrowsSomethingElseFailsTheStreamAndIsAborted() {
    Scripted transport =
        new Scripted()
            .stream(
                List.of(
                    text("fi"),
                    sink -> {
                      throw new IllegalArgumentException("usage counts overflow");
                    }));
    InferenceException failure;
    try (CallPipeline pipeline = pipeline(transport)) {
      failure =
          catchThrowableOfType(
              InferenceException.class, () -> read(pipeline.stream(InferenceRequest.of("hi"))));
    }
    assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(failure.partialText()).contains("fi");
    assertThat(failure.getCause()).isInstanceOf(IllegalArgumentException.class);
    assertThat(transport.last.aborted).as("the connection is not left open").isTrue();
  }

  @Test
  void closingThePipelineStopsABlockingAttemptByInterruptingTheCaller() throws Exception {
    Scripted transport = new Scripted();
    CallPipeline pipeline = pipeline(transport);
    CompletableFuture<Throwable> call =
        CompletableFuture.supplyAsync(
            () ->
                catchThrowableOfType(
                    InferenceException.class, () -> pipeline.infer(InferenceRequest.of("hi"))));
    assertThat(transport.sendStarted.await(10, TimeUnit.SECONDS)).isTrue();
    pipeline.close();
    InferenceException failure = (InferenceException) call.get(10, TimeUnit.SECONDS);
    assertThat(failure.kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(failure).hasMessageContaining("the client was closed");
    assertThat(transport.sendInterrupted).isTrue();
  }

  @Test
  void theTotalDeadlineStopsABlockingAttempt() {
    Scripted transport = new Scripted();
    InferenceException failure;
    try (CallPipeline pipeline = pipeline(transport)) {
      failure =
          catchThrowableOfType(
              InferenceException.class,
              () ->
                  pipeline.infer(
                      InferenceRequest.builder()
                          .userPrompt("hi")
                          .timeout(Duration.ofMillis(50))
                          .build()));
    }
    assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(failure.timeoutPhase()).contains(InferenceException.TimeoutPhase.TOTAL);
    assertThat(transport.sendInterrupted).isTrue();
    assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left behind").isFalse();
  }

  @Test
  void aRequestNeedingWhatTheDriverLacksFailsBeforeTheTransportSeesIt() {
    Scripted transport = new Scripted();
    record Args(String city) {}
    InferenceRequest withTools =
        InferenceRequest.builder()
            .userPrompt("weather?")
            .tools(List.of(Tool.of("weather", "the weather", Args.class)))
            .build();
    InferenceException failure;
    try (CallPipeline pipeline = pipeline(transport)) {
      failure = catchThrowableOfType(InferenceException.class, () -> pipeline.infer(withTools));
    }
    assertThat(failure.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
    assertThat(transport.prepared).hasValue(0);
  }
}
