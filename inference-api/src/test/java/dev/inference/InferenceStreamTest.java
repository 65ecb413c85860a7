package dev.inference;

import static dev.inference.QueueSource.completed;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inference.spi.InferenceStreams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferenceStreamTest {

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, SECONDS)).isTrue();
  }

  private static List<StreamEvent> drain(InferenceStream stream) {
    List<StreamEvent> events = new ArrayList<>();
    for (StreamEvent event : stream) {
      events.add(event);
    }
    return events;
  }

  @Test
  void iteratesTheEventsInOrderAndClosesOnceOnCompletion() {
    StreamEvent.Completed done = completed("Hello, world");
    QueueSource source =
        QueueSource.of(
            new StreamEvent.ReasoningDelta("thinking"),
            new StreamEvent.TextDelta("Hello"),
            new StreamEvent.TextDelta(", world"),
            done);

    try (InferenceStream stream = source.stream()) {
      assertThat(drain(stream))
          .containsExactly(
              new StreamEvent.ReasoningDelta("thinking"),
              new StreamEvent.TextDelta("Hello"),
              new StreamEvent.TextDelta(", world"),
              done);
      assertThat(source.closeCount()).isEqualTo(1);
    }
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void hasNextIsIdempotentAndNextAfterTheEndThrows() {
    QueueSource source = QueueSource.of(new StreamEvent.TextDelta("a"), completed("a"));
    Iterator<StreamEvent> events = source.stream().iterator();

    assertThat(events.hasNext()).isTrue();
    assertThat(events.hasNext()).isTrue();
    assertThat(events.next()).isEqualTo(new StreamEvent.TextDelta("a"));
    assertThat(events.next()).isInstanceOf(StreamEvent.Completed.class);
    assertThat(events.hasNext()).isFalse();
    assertThatThrownBy(events::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void eventsAfterCompletedAreDropped() {
    QueueSource source =
        QueueSource.of(
            new StreamEvent.TextDelta("a"),
            completed("a"),
            new StreamEvent.TextDelta("late"),
            completed("again"));

    assertThat(drain(source.stream())).hasSize(2).last().isEqualTo(completed("a"));
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void aSourceEndingWithoutCompletedIsTruncatedWithThePartialText() {
    QueueSource source =
        QueueSource.of(
            new StreamEvent.TextDelta("Hel"),
            new StreamEvent.ReasoningDelta("not text"),
            new StreamEvent.TextDelta("lo"));
    InferenceStream stream = source.stream();
    List<StreamEvent> seen = new ArrayList<>();

    InferenceException failure =
        catchThrowableOfType(
            InferenceException.class,
            () -> {
              for (StreamEvent event : stream) {
                seen.add(event);
              }
            });

    assertThat(seen).hasSize(3);
    assertThat(failure.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
    assertThat(failure.partialText()).contains("Hello");
    assertThat(failure.isRetryable()).isTrue();
    assertThat(source.closeCount()).isEqualTo(1);
    stream.close();
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void anEmptySourceIsTruncatedWithoutPartialText() {
    QueueSource source = QueueSource.of();

    InferenceException failure =
        catchThrowableOfType(InferenceException.class, () -> source.stream().iterator().hasNext());

    assertThat(failure.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
    assertThat(failure.partialText()).isEmpty();
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void closeRunsOnCloseExactlyOnceEvenWhenCalledTwiceAndReadingAfterwardsIsCancelled() {
    QueueSource source = QueueSource.throwingWhenClosed().text("unread");
    InferenceStream stream = source.stream();

    stream.close();
    stream.close();

    assertThat(source.closeCount()).isEqualTo(1);
    InferenceException failure =
        catchThrowableOfType(InferenceException.class, () -> stream.iterator().hasNext());
    assertThat(failure.kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(failure.isRetryable()).isFalse();
  }

  @Test
  void concurrentClosesRunOnCloseOnce() throws Exception {
    QueueSource source = QueueSource.throwingWhenClosed();
    InferenceStream stream = source.stream();
    List<Future<?>> closers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      closers.add(pool.submit(stream::close));
    }
    for (Future<?> closer : closers) {
      closer.get(5, SECONDS);
    }
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void iteratingTwiceIsRefused() {
    InferenceStream stream = QueueSource.of(completed("")).stream();
    stream.iterator();

    assertThatThrownBy(stream::iterator)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only once");
  }

  @Test
  void closeFromAnotherThreadWakesABlockedReaderWithCancelledAndThePartialText() throws Exception {
    QueueSource source = QueueSource.throwingWhenClosed().text("par", "tial");
    InferenceStream stream = source.stream();
    List<StreamEvent> seen = new ArrayList<>();

    Future<Throwable> reader =
        pool.submit(
            () -> {
              try {
                for (StreamEvent event : stream) {
                  seen.add(event);
                }
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    assertThat(source.awaitReaderBlocked()).isTrue();
    stream.close();

    Throwable failure = reader.get(5, SECONDS);
    assertThat(failure).isInstanceOf(InferenceException.class);
    InferenceException cancelled = (InferenceException) failure;
    assertThat(cancelled.kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(cancelled.partialText()).contains("partial");
    assertThat(cancelled.getCause()).hasMessage("the connection was closed");
    assertThat(seen).hasSize(2);
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void closeFromAnotherThreadIsCancelledEvenWhenTheSourceJustEnds() throws Exception {
    // Closing a body often looks like EOF to the reader; that is the caller's cancel, not a
    // provider that stopped early, so it must not be reported as a (retryable) truncation.
    QueueSource source = QueueSource.endingWhenClosed().text("par", "tial");
    InferenceStream stream = source.stream();

    Future<Throwable> reader =
        pool.submit(
            () -> {
              try {
                for (StreamEvent ignored : stream) {
                  // read everything
                }
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    assertThat(source.awaitReaderBlocked()).isTrue();
    stream.close();

    Throwable failure = reader.get(5, SECONDS);
    assertThat(failure).isInstanceOf(InferenceException.class);
    InferenceException cancelled = (InferenceException) failure;
    assertThat(cancelled.kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(cancelled.partialText()).contains("partial");
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void aRuntimeExceptionFromTheSourceBecomesTransportWithItsCause() {
    IllegalStateException broken = new IllegalStateException("connection reset");
    QueueSource source = QueueSource.throwingWhenClosed().text("so far");
    source.add(broken);
    InferenceStream stream = source.stream();
    Iterator<StreamEvent> events = stream.iterator();
    events.next();

    InferenceException failure = catchThrowableOfType(InferenceException.class, events::hasNext);

    assertThat(failure.kind()).isEqualTo(ErrorKind.TRANSPORT);
    assertThat(failure.getCause()).isSameAs(broken);
    assertThat(failure.getMessage()).contains("connection reset");
    assertThat(failure.partialText()).contains("so far");
    assertThat(source.closeCount()).isEqualTo(1);
    stream.close();
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void askingAgainAfterAFailureRethrowsTheSameFailure() {
    QueueSource source = QueueSource.throwingWhenClosed().text("so far");
    source.add(new IllegalStateException("connection reset"));
    InferenceStream stream = source.stream();
    Iterator<StreamEvent> events = stream.iterator();
    events.next();
    InferenceException failure = catchThrowableOfType(InferenceException.class, events::hasNext);

    assertThatThrownBy(events::hasNext).isSameAs(failure);
    assertThatThrownBy(events::next).isSameAs(failure);
    assertThat(failure.kind()).isEqualTo(ErrorKind.TRANSPORT);
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void askingAgainAfterTruncationRethrowsTheSameTruncation() {
    InferenceStream stream = QueueSource.of(new StreamEvent.TextDelta("cut")).stream();
    Iterator<StreamEvent> events = stream.iterator();
    events.next();
    InferenceException failure = catchThrowableOfType(InferenceException.class, events::hasNext);

    assertThat(failure.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
    assertThatThrownBy(events::hasNext).isSameAs(failure);
  }

  @Test
  void anErrorFromTheSourceClosesTheStreamOnceAndIsRethrown() {
    StackOverflowError fatal = new StackOverflowError("driver bug");
    int[] closes = {0};
    InferenceStream stream =
        InferenceStreams.of(
            new Iterator<StreamEvent>() {
              @Override
              public boolean hasNext() {
                throw fatal;
              }

              @Override
              public StreamEvent next() {
                throw new NoSuchElementException();
              }
            },
            () -> closes[0]++);
    Iterator<StreamEvent> events = stream.iterator();

    assertThatThrownBy(events::hasNext).isSameAs(fatal);
    assertThat(closes[0]).isEqualTo(1);
    assertThatThrownBy(events::hasNext).isSameAs(fatal);
    stream.close();
    assertThat(closes[0]).isEqualTo(1);
  }

  @Test
  void aDriversInferenceExceptionKeepsItsDataAndGetsThePartialText() {
    InferenceException fromDriver =
        InferenceException.builder(ErrorKind.SERVER_ERROR, "upstream said no")
            .httpStatus(502)
            .providerCode("server_error")
            .requestId("req-9")
            .providerName("openai")
            .build();
    QueueSource source = QueueSource.throwingWhenClosed().text("a", "b");
    source.add(fromDriver);

    InferenceException failure =
        catchThrowableOfType(InferenceException.class, () -> drain(source.stream()));

    assertThat(failure.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(failure.getMessage()).isEqualTo("upstream said no");
    assertThat(failure.httpStatus()).hasValue(502);
    assertThat(failure.providerCode()).contains("server_error");
    assertThat(failure.requestId()).contains("req-9");
    assertThat(failure.providerName()).contains("openai");
    assertThat(failure.partialText()).contains("ab");
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void aDriversPartialTextIsKept() {
    InferenceException fromDriver =
        InferenceException.builder(ErrorKind.SERVER_ERROR, "mid-stream error")
            .partialText("driver's own")
            .build();
    QueueSource source = QueueSource.throwingWhenClosed().text("delivered");
    source.add(fromDriver);

    InferenceException failure =
        catchThrowableOfType(InferenceException.class, () -> drain(source.stream()));

    assertThat(failure).isSameAs(fromDriver);
  }

  @Test
  void aNullEventFromTheDriverIsATransportFailure() {
    Iterator<StreamEvent> nulls =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public StreamEvent next() {
            return null;
          }
        };
    int[] closes = {0};
    InferenceStream stream = InferenceStreams.of(nulls, () -> closes[0]++);

    InferenceException failure =
        catchThrowableOfType(InferenceException.class, () -> stream.iterator().next());

    assertThat(failure.kind()).isEqualTo(ErrorKind.TRANSPORT);
    assertThat(failure.getCause()).hasMessageContaining("null event");
    assertThat(closes[0]).isEqualTo(1);
  }

  // ---- forEachAsync ----

  @Test
  void forEachAsyncHandsOverEveryEventAndCompletesWithTheResponse() throws Exception {
    StreamEvent.Completed done = completed("xy");
    QueueSource source =
        QueueSource.of(new StreamEvent.TextDelta("x"), new StreamEvent.TextDelta("y"), done);
    List<StreamEvent> seen = new ArrayList<>();

    CompletableFuture<InferenceResponse> result = source.stream().forEachAsync(seen::add, pool);

    assertThat(result.get(5, SECONDS)).isSameAs(done.response());
    assertThat(seen)
        .containsExactly(new StreamEvent.TextDelta("x"), new StreamEvent.TextDelta("y"), done);
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void forEachAsyncOnItsOwnThreadCompletes() throws Exception {
    QueueSource source = QueueSource.of(new StreamEvent.TextDelta("x"), completed("x"));
    List<String> threads = new ArrayList<>();

    CompletableFuture<InferenceResponse> result =
        source.stream().forEachAsync(event -> threads.add(Thread.currentThread().getName()));

    assertThat(result.get(5, SECONDS).text()).isEqualTo("x");
    assertThat(threads).containsOnly("inference-stream");
  }

  @Test
  void forEachAsyncFailsWithTheCallbacksExceptionAndClosesTheStream() throws Exception {
    QueueSource source = QueueSource.throwingWhenClosed().text("x", "never seen");
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    List<StreamEvent> seen = new ArrayList<>();

    CompletableFuture<InferenceResponse> result =
        source.stream()
            .forEachAsync(
                event -> {
                  seen.add(event);
                  throw boom;
                },
                pool);

    assertThat(result)
        .failsWithin(5, SECONDS)
        .withThrowableOfType(Exception.class)
        .havingCause()
        .isSameAs(boom);
    assertThat(source.closeCount()).isEqualTo(1);
    assertThat(seen).hasSize(1);
  }

  @Test
  void forEachAsyncFailsWithTheStreamsFailure() {
    QueueSource source = QueueSource.of(new StreamEvent.TextDelta("cut"));

    CompletableFuture<InferenceResponse> result =
        source.stream().forEachAsync(event -> {}, Runnable::run);

    assertThat(result).isCompletedExceptionally();
    Throwable cause = result.handle((response, failure) -> failure).join();
    assertThat(cause).isInstanceOf(InferenceException.class);
    assertThat(((InferenceException) cause).kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
    assertThat(((InferenceException) cause).partialText()).contains("cut");
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void forEachAsyncOnAnIteratedStreamFailsWithoutClosingIt() {
    QueueSource source = QueueSource.of(new StreamEvent.TextDelta("x"), completed("x"));
    InferenceStream stream = source.stream();
    Iterator<StreamEvent> reading = stream.iterator();

    CompletableFuture<InferenceResponse> result = stream.forEachAsync(event -> {}, Runnable::run);

    assertThat(result).isCompletedExceptionally();
    Throwable cause = result.handle((response, failure) -> failure).join();
    assertThat(cause).isInstanceOf(IllegalStateException.class);
    assertThat(source.closeCount()).isZero();
    assertThat(reading.next()).isEqualTo(new StreamEvent.TextDelta("x"));
  }

  @Test
  void forEachAsyncWithARejectingExecutorFailsTheFutureAndClosesTheStream() {
    QueueSource source = QueueSource.of(new StreamEvent.TextDelta("x"), completed("x"));
    RejectedExecutionException rejected = new RejectedExecutionException("queue full");

    CompletableFuture<InferenceResponse> result =
        source.stream()
            .forEachAsync(
                event -> {},
                task -> {
                  throw rejected;
                });

    assertThat(result).isCompletedExceptionally();
    assertThat(result.handle((response, failure) -> failure).join()).isSameAs(rejected);
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void cancellingTheFutureClosesTheStreamAndStopsTheReader() throws Exception {
    QueueSource source = QueueSource.throwingWhenClosed().text("first");
    List<StreamEvent> seen = new ArrayList<>();
    CompletableFuture<Void> readerDone = new CompletableFuture<>();

    CompletableFuture<InferenceResponse> result =
        source.stream()
            .forEachAsync(
                seen::add,
                task ->
                    pool.execute(
                        () -> {
                          task.run();
                          readerDone.complete(null);
                        }));
    assertThat(source.awaitReaderBlocked()).isTrue();

    assertThat(result.cancel(true)).isTrue();

    assertThat(source.awaitClosed()).isTrue();
    readerDone.get(5, SECONDS); // the reading task ended instead of blocking forever
    assertThat(source.closeCount()).isEqualTo(1);
    assertThat(result).isCancelled();
    assertThat(seen).containsExactly(new StreamEvent.TextDelta("first"));
  }
}
