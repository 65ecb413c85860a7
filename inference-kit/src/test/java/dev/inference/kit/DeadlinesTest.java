package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One timer for the deadlines of every call in flight, armed only for an earlier deadline. */
@Timeout(30) // a hang guard only
class DeadlinesTest {

  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  /** A real timer that counts what is put on it. */
  private static final class CountingTimer extends ScheduledThreadPoolExecutor {
    final AtomicInteger scheduled = new AtomicInteger();
    volatile boolean refuseNext;

    CountingTimer() {
      super(1);
      setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      if (refuseNext) {
        refuseNext = false;
        throw new RejectedExecutionException("refused for the test");
      }
      scheduled.incrementAndGet();
      return super.schedule(command, delay, unit);
    }
  }

  private final CountingTimer timer = new CountingTimer();
  private final Ticker ticker =
      new Ticker() {
        @Override
        public long nanos() {
          return System.nanoTime();
        }
      };
  private final Deadlines deadlines = new Deadlines(timer, ticker);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  /** A deadline that runs {@code onExpiry}, as a call's own entry would abort the call. */
  private static Deadlines.Entry entry(long deadlineNanos, Runnable onExpiry) {
    return new Deadlines.Entry(deadlineNanos) {
      @Override
      void expire() {
        onExpiry.run();
      }
    };
  }

  private long in(long millis) {
    return ticker.nanos() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void callsWithTheUsualTimeoutShareOneTimerAndCloseLeavesNothingQueued() {
    long start = ticker.nanos();
    for (int call = 0; call < 100; call++) {
      deadlines.remove(deadlines.add(entry(start + MINUTE + call, () -> {})));
    }
    assertThat(timer.scheduled).hasValue(1);
    assertThat(timer.getQueue()).hasSize(1);
    deadlines.close();
    assertThat(timer.getQueue()).isEmpty();
  }

  @Test
  void anEarlierDeadlineArmsItsOwnTimerAndOnlyTheDueCallEnds() throws Exception {
    AtomicInteger late = new AtomicInteger();
    deadlines.add(entry(in(60_000), late::incrementAndGet));
    CountDownLatch soon = new CountDownLatch(1);
    deadlines.add(entry(in(30), soon::countDown));
    assertThat(timer.scheduled).hasValue(2);
    assertThat(soon.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(late).hasValue(0);
  }

  @Test
  void whenTheTimerFiresItArmsItselfForTheEarliestOfTheRest() throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(1);
    deadlines.add(entry(in(20), first::countDown));
    deadlines.add(entry(in(60), second::countDown)); // later: no timer of its own
    assertThat(timer.scheduled).hasValue(1);
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(timer.scheduled).hasValue(2);
  }

  @Test
  void aDeadlineRemovedBeforeItIsDueNeverRuns() throws Exception {
    AtomicInteger removed = new AtomicInteger();
    deadlines.remove(deadlines.add(entry(in(20), removed::incrementAndGet)));
    CountDownLatch kept = new CountDownLatch(1);
    deadlines.add(entry(in(40), kept::countDown));
    assertThat(kept.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(removed).hasValue(0);
  }

  @Test
  void aRefusedDeadlineLeavesNothingArmedSoTheNextCallArmsAgain() throws Exception {
    timer.refuseNext = true;
    assertThatThrownBy(() -> deadlines.add(entry(in(20), () -> {})))
        .isInstanceOf(RejectedExecutionException.class);
    // later than the refused one: it would wait for a timer that was never set, were it remembered
    CountDownLatch due = new CountDownLatch(1);
    deadlines.add(entry(in(40), due::countDown));
    assertThat(due.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
