package dev.inference;

import static dev.inference.QueueSource.completed;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.internal.StreamPublisher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link InferenceStream#toPublisher} against the rules of Reactive Streams / {@link Flow}. */
class InferenceStreamPublisherTest {

  private static final Executor DIRECT = Runnable::run;
  private static final String ON_SUBSCRIBE = "onSubscribe";
  private static final String ON_COMPLETE = "onComplete";

  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, SECONDS)).isTrue();
  }

  /** Records every signal in order and checks that signals never overlap. */
  static class Recorder implements Flow.Subscriber<StreamEvent> {
    final List<Object> signals = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch terminated = new CountDownLatch(1);
    final AtomicInteger inFlight = new AtomicInteger();
    volatile boolean overlapped;
    volatile Flow.Subscription subscription;
    long initialRequest;
    Consumer<StreamEvent> onNextAction = event -> {};
    Runnable onCompleteAction = () -> {};

    Recorder requesting(long n) {
      initialRequest = n;
      return this;
    }

    private void enter() {
      if (inFlight.incrementAndGet() != 1) {
        overlapped = true;
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      enter();
      try {
        signals.add(ON_SUBSCRIBE);
        this.subscription = subscription;
        if (initialRequest > 0) {
          subscription.request(initialRequest);
        }
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void onNext(StreamEvent item) {
      enter();
      try {
        signals.add(item);
        onNextAction.accept(item);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      enter();
      try {
        signals.add(throwable);
        terminated.countDown();
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void onComplete() {
      enter();
      try {
        signals.add(ON_COMPLETE);
        terminated.countDown();
        onCompleteAction.run();
      } finally {
        inFlight.decrementAndGet();
      }
    }

    List<Object> snapshot() {
      synchronized (signals) {
        return List.copyOf(signals);
      }
    }

    Throwable error() {
      Object last = snapshot().get(snapshot().size() - 1);
      assertThat(last).isInstanceOf(Throwable.class);
      return (Throwable) last;
    }

    boolean awaitTerminated() throws InterruptedException {
      return terminated.await(5, SECONDS);
    }
  }

  private static QueueSource threeEvents() {
    return QueueSource.of(
        new StreamEvent.TextDelta("a"), new StreamEvent.TextDelta("b"), completed("ab"));
  }

  @Test
  void signalsOnSubscribeFirstAndReadsNothingWithoutDemand() {
    QueueSource source = threeEvents();
    Recorder recorder = new Recorder();

    source.stream().toPublisher(DIRECT).subscribe(recorder);

    assertThat(recorder.snapshot()).containsExactly(ON_SUBSCRIBE);
    assertThat(source.closeCount()).isZero();
  }

  @Test
  void deliversOneEventPerRequestedElementThenCompletes() {
    QueueSource source = threeEvents();
    Recorder recorder = new Recorder();
    source.stream().toPublisher(DIRECT).subscribe(recorder);

    recorder.subscription.request(1);
    assertThat(recorder.snapshot()).containsExactly(ON_SUBSCRIBE, new StreamEvent.TextDelta("a"));
    recorder.subscription.request(1);
    assertThat(recorder.snapshot())
        .containsExactly(
            ON_SUBSCRIBE, new StreamEvent.TextDelta("a"), new StreamEvent.TextDelta("b"));
    assertThat(source.closeCount()).isZero();
    recorder.subscription.request(1);
    assertThat(recorder.snapshot())
        .containsExactly(
            ON_SUBSCRIBE,
            new StreamEvent.TextDelta("a"),
            new StreamEvent.TextDelta("b"),
            completed("ab"),
            ON_COMPLETE);
    assertThat(source.closeCount()).isEqualTo(1);

    recorder.subscription.request(1);
    recorder.subscription.cancel();
    assertThat(recorder.snapshot()).hasSize(5);
    assertThat(recorder.overlapped).isFalse();
  }

  @Test
  void requestingOneAtATimeFromOnNextOnAThreadPoolDeliversEverythingInOrder() throws Exception {
    QueueSource source = QueueSource.throwingWhenClosed();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      source.text(Integer.toString(i));
      expected.append(i);
    }
    source.add(completed(expected.toString()));
    source.end();
    Recorder recorder = new Recorder().requesting(1);
    recorder.onNextAction = event -> recorder.subscription.request(1);

    source.stream().toPublisher(pool).subscribe(recorder);

    assertThat(recorder.awaitTerminated()).isTrue();
    List<Object> signals = recorder.snapshot();
    assertThat(signals).hasSize(503).startsWith(ON_SUBSCRIBE).endsWith(ON_COMPLETE);
    StringBuilder text = new StringBuilder();
    for (Object signal : signals.subList(1, 501)) {
      text.append(((StreamEvent.TextDelta) signal).text());
    }
    assertThat(text.toString()).isEqualTo(expected.toString());
    assertThat(recorder.overlapped).isFalse();
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void noSignalCanRaceOnSubscribeEvenWhenItRequests() {
    // Rule 1.3: a request made inside onSubscribe must not let the executor call onNext before
    // onSubscribe has returned. A manual executor shows whether a read was scheduled meanwhile.
    QueueSource source = threeEvents();
    ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    int[] scheduledDuringOnSubscribe = {-1};
    Recorder recorder =
        new Recorder() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            super.onSubscribe(subscription);
            subscription.request(Long.MAX_VALUE);
            scheduledDuringOnSubscribe[0] = tasks.size();
          }
        };

    source.stream().toPublisher(tasks::add).subscribe(recorder);

    assertThat(scheduledDuringOnSubscribe[0]).isZero();
    while (!tasks.isEmpty()) {
      tasks.poll().run();
    }
    assertThat(recorder.snapshot()).hasSize(5).endsWith(ON_COMPLETE);
  }

  @Test
  void unboundedDemandRequestedTwiceDoesNotOverflow() throws Exception {
    QueueSource source =
        QueueSource.of(
            new StreamEvent.TextDelta("a"),
            new StreamEvent.TextDelta("b"),
            new StreamEvent.TextDelta("c"),
            completed("abc"));
    Recorder recorder = new Recorder();
    AtomicInteger seen = new AtomicInteger();
    recorder.onNextAction =
        event -> {
          if (seen.incrementAndGet() == 1) {
            recorder.subscription.request(Long.MAX_VALUE); // demand is Long.MAX_VALUE - 1 here
          }
        };
    source.stream().toPublisher(DIRECT).subscribe(recorder);

    recorder.subscription.request(Long.MAX_VALUE);

    assertThat(recorder.awaitTerminated()).isTrue();
    assertThat(recorder.snapshot()).hasSize(6).endsWith(completed("abc"), ON_COMPLETE);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void aNonPositiveRequestSignalsIllegalArgumentAndClosesTheStream(long n) {
    QueueSource source = threeEvents();
    Recorder recorder = new Recorder();
    source.stream().toPublisher(DIRECT).subscribe(recorder);

    recorder.subscription.request(n);

    assertThat(recorder.snapshot()).hasSize(2).first().isEqualTo(ON_SUBSCRIBE);
    assertThat(recorder.error())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3.9")
        .hasMessageContaining("but was " + n);
    assertThat(source.closeCount()).isEqualTo(1);

    recorder.subscription.request(5);
    assertThat(recorder.snapshot()).hasSize(2);
  }

  @Test
  void aNonPositiveRequestDuringUnboundedDeliveryStillSignalsTheError() {
    QueueSource source =
        QueueSource.of(
            new StreamEvent.TextDelta("a"),
            new StreamEvent.TextDelta("b"),
            new StreamEvent.TextDelta("c"),
            completed("abc"));
    Recorder recorder = new Recorder().requesting(Long.MAX_VALUE);
    recorder.onNextAction = event -> recorder.subscription.request(-1);

    source.stream().toPublisher(DIRECT).subscribe(recorder);

    List<Object> signals = recorder.snapshot();
    assertThat(signals).doesNotContain(ON_COMPLETE);
    assertThat(recorder.error()).isInstanceOf(IllegalArgumentException.class);
    assertThat(signals.stream().filter(Throwable.class::isInstance)).hasSize(1);
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void cancelClosesTheStreamAndStopsAllSignals() {
    QueueSource source = threeEvents();
    Recorder recorder = new Recorder();
    source.stream().toPublisher(DIRECT).subscribe(recorder);
    recorder.subscription.request(1);

    recorder.subscription.cancel();
    recorder.subscription.cancel();
    recorder.subscription.request(10);
    recorder.subscription.request(0);

    assertThat(recorder.snapshot()).containsExactly(ON_SUBSCRIBE, new StreamEvent.TextDelta("a"));
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void cancelInOnSubscribeClosesTheStreamAndSignalsNothing() {
    QueueSource source = threeEvents();
    Recorder recorder =
        new Recorder() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            super.onSubscribe(subscription);
            subscription.cancel();
            subscription.request(1);
          }
        };

    source.stream().toPublisher(DIRECT).subscribe(recorder);

    assertThat(recorder.snapshot()).containsExactly(ON_SUBSCRIBE);
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void cancelWhileTheReaderIsBlockedClosesTheStreamWithoutAnErrorSignal() throws Exception {
    QueueSource source = QueueSource.throwingWhenClosed().text("a");
    CountDownLatch drainEnded = new CountDownLatch(1);
    Executor tracked =
        task ->
            pool.execute(
                () -> {
                  try {
                    task.run();
                  } finally {
                    drainEnded.countDown();
                  }
                });
    Recorder recorder = new Recorder().requesting(Long.MAX_VALUE);
    source.stream().toPublisher(tracked).subscribe(recorder);
    assertThat(source.awaitReaderBlocked()).isTrue();

    recorder.subscription.cancel();

    assertThat(source.awaitClosed()).isTrue();
    assertThat(drainEnded.await(5, SECONDS)).isTrue();
    assertThat(recorder.snapshot()).containsExactly(ON_SUBSCRIBE, new StreamEvent.TextDelta("a"));
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void aSecondSubscriberGetsOnSubscribeThenIllegalState() {
    QueueSource source = threeEvents();
    Flow.Publisher<StreamEvent> publisher = source.stream().toPublisher(DIRECT);
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    publisher.subscribe(first);

    publisher.subscribe(second);

    assertThat(second.snapshot()).hasSize(2).first().isEqualTo(ON_SUBSCRIBE);
    assertThat(second.error())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one subscriber");
    second.subscription.request(1);
    second.subscription.cancel();
    assertThat(second.snapshot()).hasSize(2);

    // the first subscription is untouched
    assertThat(source.closeCount()).isZero();
    first.subscription.request(Long.MAX_VALUE);
    assertThat(first.snapshot()).hasSize(5).endsWith(ON_COMPLETE);
  }

  @Test
  void aSecondPublisherOfTheSameStreamIsRefusedAndCannotCloseIt() {
    QueueSource source = threeEvents();
    InferenceStream stream = source.stream();
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    stream.toPublisher(DIRECT).subscribe(first);

    stream.toPublisher(DIRECT).subscribe(second);

    assertThat(second.snapshot()).hasSize(2).first().isEqualTo(ON_SUBSCRIBE);
    assertThat(second.error())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one subscriber");
    second.subscription.request(1);
    second.subscription.cancel();
    assertThat(second.snapshot()).hasSize(2);
    assertThat(source.closeCount()).isZero();
    first.subscription.request(Long.MAX_VALUE);
    assertThat(first.snapshot()).hasSize(5).endsWith(ON_COMPLETE);
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void aSecondPublisherIsRefusedEvenBeforeTheFirstReadsAnything() {
    QueueSource source = threeEvents();
    InferenceStream stream = source.stream();
    ArrayDeque<Runnable> held = new ArrayDeque<>();
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    stream.toPublisher(held::add).subscribe(first); // its drain loop has not run yet

    stream.toPublisher(DIRECT).subscribe(second);

    assertThat(second.snapshot()).hasSize(2);
    assertThat(second.error()).isInstanceOf(IllegalStateException.class);
    second.subscription.cancel();
    assertThat(source.closeCount()).isZero();
    first.subscription.request(Long.MAX_VALUE);
    while (!held.isEmpty()) {
      held.poll().run();
    }
    assertThat(first.snapshot()).hasSize(5).endsWith(ON_COMPLETE);
  }

  @Test
  void aSubscriberOfAnIteratedStreamCannotCloseIt() {
    QueueSource source = threeEvents();
    InferenceStream stream = source.stream();
    Iterator<StreamEvent> reading = stream.iterator();
    Recorder late = new Recorder();

    stream.toPublisher(DIRECT).subscribe(late);
    late.subscription.cancel();

    assertThat(late.error()).isInstanceOf(IllegalStateException.class);
    assertThat(source.closeCount()).isZero();
    assertThat(reading.next()).isEqualTo(new StreamEvent.TextDelta("a"));
  }

  @Test
  void aNullSubscriberIsRefused() {
    Flow.Publisher<StreamEvent> publisher = threeEvents().stream().toPublisher(DIRECT);

    assertThatThrownBy(() -> publisher.subscribe(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aTruncatedStreamSignalsOnErrorWithTheInferenceException() throws Exception {
    QueueSource source = QueueSource.of(new StreamEvent.TextDelta("half"));
    Recorder recorder = new Recorder().requesting(Long.MAX_VALUE);

    source.stream().toPublisher(pool).subscribe(recorder);

    assertThat(recorder.awaitTerminated()).isTrue();
    assertThat(recorder.snapshot()).hasSize(3).doesNotContain(ON_COMPLETE);
    Throwable failure = recorder.error();
    assertThat(failure).isInstanceOf(InferenceException.class);
    assertThat(((InferenceException) failure).kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
    assertThat(((InferenceException) failure).partialText()).contains("half");
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void aDriverFailureSignalsOnErrorWithTheInferenceException() throws Exception {
    QueueSource source = QueueSource.throwingWhenClosed().text("x");
    source.add(InferenceException.builder(ErrorKind.RATE_LIMITED, "slow down").build());
    Recorder recorder = new Recorder().requesting(Long.MAX_VALUE);

    source.stream().toPublisher().subscribe(recorder);

    assertThat(recorder.awaitTerminated()).isTrue();
    InferenceException failure = (InferenceException) recorder.error();
    assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(failure.partialText()).contains("x");
  }

  @Test
  void aSubscriberThrowingFromOnNextIsTreatedAsCancelled() {
    QueueSource source = threeEvents();
    Recorder recorder = new Recorder().requesting(Long.MAX_VALUE);
    recorder.onNextAction =
        event -> {
          throw new IllegalStateException("subscriber bug");
        };

    try (LogCapture log = LogCapture.of(StreamPublisher.class)) {
      source.stream().toPublisher(DIRECT).subscribe(recorder);

      assertThat(recorder.snapshot()).containsExactly(ON_SUBSCRIBE, new StreamEvent.TextDelta("a"));
      assertThat(source.closeCount()).isEqualTo(1);
      recorder.subscription.request(1);
      assertThat(recorder.snapshot()).hasSize(2);
      assertThat(log.records())
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).contains("threw from onNext");
                assertThat(record.getThrown()).hasMessage("subscriber bug");
              });
    }
  }

  @Test
  void aSubscriberThrowingFromOnCompleteGetsNoFurtherSignal() {
    QueueSource source = threeEvents();
    Recorder recorder = new Recorder().requesting(Long.MAX_VALUE);
    recorder.onCompleteAction =
        () -> {
          throw new IllegalStateException("subscriber bug in onComplete");
        };

    try (LogCapture log = LogCapture.of(StreamPublisher.class)) {
      source.stream().toPublisher(DIRECT).subscribe(recorder);

      assertThat(recorder.snapshot()).hasSize(5).last().isEqualTo(ON_COMPLETE);
      assertThat(log.records())
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).contains("threw from a terminal signal");
                assertThat(record.getThrown()).hasMessage("subscriber bug in onComplete");
              });
    }
  }

  @Test
  void aRejectingExecutorSignalsTheRejectionAndClosesTheStream() {
    QueueSource source = threeEvents();
    RejectedExecutionException rejected = new RejectedExecutionException("full");
    Recorder recorder = new Recorder();

    source.stream()
        .toPublisher(
            task -> {
              throw rejected;
            })
        .subscribe(recorder);

    assertThat(recorder.snapshot()).containsExactly(ON_SUBSCRIBE, rejected);
    assertThat(source.closeCount()).isEqualTo(1);
  }

  @Test
  void publisherAndIterationShareTheSingleUse() {
    InferenceStream stream = threeEvents().stream();
    stream.iterator();
    Recorder recorder = new Recorder();

    stream.toPublisher(DIRECT).subscribe(recorder);

    assertThat(recorder.snapshot()).hasSize(2);
    assertThat(recorder.error()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theDefaultPublisherDeliversOnADaemonThread() throws Exception {
    QueueSource source = threeEvents();
    CompletableFuture<Thread> readerThread = new CompletableFuture<>();
    Recorder recorder = new Recorder().requesting(Long.MAX_VALUE);
    recorder.onNextAction = event -> readerThread.complete(Thread.currentThread());

    source.stream().toPublisher().subscribe(recorder);

    assertThat(recorder.awaitTerminated()).isTrue();
    assertThat(readerThread.get(5, SECONDS).isDaemon()).isTrue();
    assertThat(recorder.snapshot()).endsWith(ON_COMPLETE);
  }
}
