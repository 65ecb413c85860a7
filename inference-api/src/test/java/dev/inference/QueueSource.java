package dev.inference;

import dev.inference.spi.InferenceStreams;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A driver-like event source for tests: {@code hasNext()} blocks on a queue the test feeds, like a
 * response body; {@link #closeAction()} wakes it up the way closing a connection does.
 */
final class QueueSource implements Iterator<StreamEvent> {

  private static final Object END = new Object();
  private static final Object CLOSED = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final boolean throwWhenClosed;
  private final AtomicInteger closeCount = new AtomicInteger();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private final CountDownLatch waiting = new CountDownLatch(1);
  private Object head;

  private QueueSource(boolean throwWhenClosed) {
    this.throwWhenClosed = throwWhenClosed;
  }

  /** A source whose blocked read throws when the connection is closed, as a socket read does. */
  static QueueSource throwingWhenClosed() {
    return new QueueSource(true);
  }

  /** A source whose blocked read just ends when the connection is closed, as EOF does. */
  static QueueSource endingWhenClosed() {
    return new QueueSource(false);
  }

  /** A source that already holds the given items and then ends. */
  static QueueSource of(Object... items) {
    QueueSource source = throwingWhenClosed();
    for (Object item : items) {
      source.add(item);
    }
    source.end();
    return source;
  }

  QueueSource add(Object item) {
    queue.add(item);
    return this;
  }

  QueueSource text(String... deltas) {
    for (String delta : deltas) {
      queue.add(new StreamEvent.TextDelta(delta));
    }
    return this;
  }

  void end() {
    queue.add(END);
  }

  /** The stream's onClose: counts the calls and wakes a blocked reader. */
  Runnable closeAction() {
    return () -> {
      closeCount.incrementAndGet();
      closedLatch.countDown();
      queue.add(CLOSED);
    };
  }

  InferenceStream stream() {
    return InferenceStreams.of(this, closeAction());
  }

  int closeCount() {
    return closeCount.get();
  }

  boolean awaitClosed() throws InterruptedException {
    return closedLatch.await(5, TimeUnit.SECONDS);
  }

  /** Waits until a reader is blocked in {@code hasNext()} on an empty queue. */
  boolean awaitReaderBlocked() throws InterruptedException {
    return waiting.await(5, TimeUnit.SECONDS);
  }

  @Override
  public boolean hasNext() {
    if (head == null) {
      Object item = queue.poll();
      if (item == null) {
        waiting.countDown();
        try {
          item = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      head = item;
    }
    if (head instanceof RuntimeException failure) {
      head = null;
      throw failure;
    }
    if (head == CLOSED) {
      if (throwWhenClosed) {
        throw new IllegalStateException("the connection was closed");
      }
      return false;
    }
    return head != END;
  }

  @Override
  public StreamEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    StreamEvent event = (StreamEvent) head;
    head = null;
    return event;
  }

  static InferenceResponse response(String text) {
    return InferenceResponse.builder()
        .text(text)
        .providerName("fake")
        .modelName("fake-model")
        .requestId("req-1")
        .finishReason(FinishReason.fromProvider("stop"))
        .build();
  }

  static StreamEvent.Completed completed(String text) {
    return new StreamEvent.Completed(response(text));
  }
}
