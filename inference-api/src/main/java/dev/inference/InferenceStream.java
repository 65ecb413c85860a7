package dev.inference;

import dev.inference.internal.StreamAccess;
import dev.inference.internal.StreamPublisher;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A streamed answer: a blocking, closeable, single-use sequence of {@link StreamEvent}s ending in
 * exactly one {@link StreamEvent.Completed}.
 *
 * <pre>{@code
 * try (InferenceStream stream = client.stream(request)) {
 *   for (StreamEvent event : stream) {
 *     if (event instanceof StreamEvent.TextDelta delta) {
 *       System.out.print(delta.text());
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #close()} cancels the call and closes its connection, from any thread. Failures are
 * thrown from iteration as {@link InferenceException}s whose {@link
 * InferenceException#partialText()} holds the text already delivered. A stream that ends without a
 * {@code Completed} event fails with {@link ErrorKind#STREAM_TRUNCATED}. {@link #toPublisher()} and
 * {@link #forEachAsync} adapt the stream to push styles. Drivers make streams with {@link
 * dev.inference.spi.InferenceStreams#of}.
 *
 * @since 0.1
 */
public final class InferenceStream implements Iterable<StreamEvent>, AutoCloseable {

  private final Iterator<? extends StreamEvent> source;
  private final Runnable onClose;
  private final AtomicBoolean iterated = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** The delivered text, when the driver keeps it; else {@link #delivered} keeps it here. */
  private final @Nullable Supplier<String> deliveredBySource;

  private final @Nullable StringBuilder delivered;
  private @Nullable StreamEvent pending;
  private boolean completed;
  private @Nullable Throwable
      failure; // a RuntimeException or an Error; thrown again by later reads

  static {
    StreamAccess.register(InferenceStream::new);
  }

  private InferenceStream(
      Iterator<? extends StreamEvent> source,
      Runnable onClose,
      @Nullable Supplier<String> deliveredBySource) {
    this.source = source;
    this.onClose = onClose;
    this.deliveredBySource = deliveredBySource;
    this.delivered = deliveredBySource == null ? new StringBuilder() : null;
  }

  /**
   * The events, for one iteration only.
   *
   * <p>Once the iterator has thrown a failure, every later {@code hasNext()} and {@code next()}
   * throws that same failure again.
   *
   * @return the iterator; its {@code hasNext()} blocks until the next event arrives
   * @throws IllegalStateException if the stream was already iterated
   */
  @Override
  public Iterator<StreamEvent> iterator() {
    if (!iterated.compareAndSet(false, true)) {
      throw new IllegalStateException("an InferenceStream can be iterated only once");
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return advance();
      }

      @Override
      public StreamEvent next() {
        if (!advance()) {
          throw new NoSuchElementException("the stream has no more events");
        }
        StreamEvent event = Objects.requireNonNull(pending);
        pending = null;
        return event;
      }
    };
  }

  /**
   * A {@link Flow.Publisher} of the events that reads the stream on a new daemon thread per
   * subscription. It accepts one subscriber; cancelling the subscription closes the stream.
   *
   * <p>The stream is single-use across all its publishers and its iterator: a subscriber that comes
   * after the first one (through any publisher of this stream) or after the stream was iterated
   * gets {@code onSubscribe} and then {@code onError} with an {@link IllegalStateException}; its
   * subscription does nothing, so it cannot close the stream.
   *
   * @return the publisher
   */
  public Flow.Publisher<StreamEvent> toPublisher() {
    return toPublisher(StreamPublisher.NEW_THREAD);
  }

  /**
   * A {@link Flow.Publisher} of the events that reads the stream on the given executor. It accepts
   * one subscriber per stream, as {@link #toPublisher()} describes; cancelling the subscription
   * closes the stream.
   *
   * @param executor runs the blocking reads and the subscriber's signals, one task at a time
   * @return the publisher
   */
  public Flow.Publisher<StreamEvent> toPublisher(Executor executor) {
    return new StreamPublisher(this, Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Reads the stream on a new daemon thread and hands each event to the callback.
   *
   * @param onEvent receives each event in order; an exception it throws closes the stream and fails
   *     the future
   * @return a future completed with the final response; cancelling it closes the stream
   */
  public CompletableFuture<InferenceResponse> forEachAsync(Consumer<? super StreamEvent> onEvent) {
    return forEachAsync(onEvent, StreamPublisher.NEW_THREAD);
  }

  /**
   * Reads the stream on the executor and hands each event to the callback.
   *
   * @param onEvent receives each event in order; an exception it throws closes the stream and fails
   *     the future
   * @param executor runs the blocking reads; if it rejects the task, the stream is closed and the
   *     future fails with the {@link java.util.concurrent.RejectedExecutionException}
   * @return a future completed with the final response; cancelling it closes the stream. On a
   *     stream that was already iterated or subscribed to, the future fails with an {@link
   *     IllegalStateException} and the stream is left as it is.
   */
  public CompletableFuture<InferenceResponse> forEachAsync(
      Consumer<? super StreamEvent> onEvent, Executor executor) {
    Objects.requireNonNull(onEvent, "onEvent");
    Objects.requireNonNull(executor, "executor");
    Iterator<StreamEvent> events;
    try {
      events = iterator(); // claimed here, so a stream that is already in use is left untouched
    } catch (IllegalStateException alreadyUsed) {
      return CompletableFuture.failedFuture(alreadyUsed);
    }
    CompletableFuture<InferenceResponse> result = new CompletableFuture<>();
    result.whenComplete(
        (response, failure) -> {
          if (result.isCancelled()) {
            close();
          }
        });
    Runnable task =
        () -> {
          try {
            InferenceResponse response = null;
            while (events.hasNext()) {
              StreamEvent event = events.next();
              onEvent.accept(event);
              if (event instanceof StreamEvent.Completed done) {
                response = done.response();
              }
            }
            result.complete(Objects.requireNonNull(response));
          } catch (RuntimeException | Error failure) {
            close();
            result.completeExceptionally(failure);
          }
        };
    try {
      executor.execute(task);
    } catch (RuntimeException rejected) { // RejectedExecutionException, as Executor documents
      close();
      result.completeExceptionally(rejected);
    }
    return result;
  }

  /**
   * Cancels the call: closes the response body and its connection. Idempotent, callable from any
   * thread; a reader blocked in {@code hasNext()} then fails with {@link ErrorKind#CANCELLED}.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }

  private boolean advance() {
    if (pending != null) {
      return true;
    }
    if (completed) {
      return false;
    }
    if (failure instanceof Error fatal) {
      throw fatal;
    }
    if (failure != null) {
      throw (RuntimeException) failure;
    }
    try {
      return read();
    } catch (RuntimeException | Error readFailure) {
      failure = readFailure;
      throw readFailure;
    }
  }

  private boolean read() {
    if (closed.get()) {
      throw cancelled(null);
    }
    boolean more;
    StreamEvent event = null;
    try {
      more = source.hasNext();
      if (more) {
        event = Objects.requireNonNull(source.next(), "the driver returned a null event");
      }
    } catch (RuntimeException sourceFailure) {
      if (!closed.compareAndSet(false, true)) {
        throw cancelled(sourceFailure); // closed by the caller while the read was blocked
      }
      onClose.run();
      throw withPartialText(
          sourceFailure instanceof InferenceException known
              ? known
              : InferenceException.builder(
                      ErrorKind.TRANSPORT, "the stream failed: " + sourceFailure)
                  .cause(sourceFailure)
                  .build());
    } catch (Error fatal) {
      // Not wrapped, but the call is still released, once.
      if (closed.compareAndSet(false, true)) {
        try {
          onClose.run();
        } catch (RuntimeException | Error closeFailure) {
          fatal.addSuppressed(closeFailure);
        }
      }
      throw fatal;
    }
    if (event == null) {
      if (!closed.compareAndSet(false, true)) {
        throw cancelled(null); // closed by the caller; the source saw that as the end
      }
      onClose.run();
      throw withPartialText(
          InferenceException.builder(
                  ErrorKind.STREAM_TRUNCATED,
                  "the stream ended before the provider said it was finished")
              .build());
    }
    if (event instanceof StreamEvent.TextDelta delta) {
      if (delivered != null) {
        delivered.append(delta.text());
      }
    } else if (event instanceof StreamEvent.Completed) {
      completed = true;
      close();
    }
    pending = event;
    return true;
  }

  private InferenceException cancelled(@Nullable Throwable cause) {
    InferenceException.Builder builder =
        InferenceException.builder(ErrorKind.CANCELLED, "the stream was closed");
    if (cause != null) {
      builder.cause(cause);
    }
    return withPartialText(builder.build());
  }

  private InferenceException withPartialText(InferenceException failure) {
    if (failure.partialText().isPresent()) {
      return failure;
    }
    String text = delivered != null ? delivered.toString() : deliveredText();
    return text.isEmpty() ? failure : failure.toBuilder().partialText(text).build();
  }

  private String deliveredText() {
    try {
      return Objects.requireNonNull(deliveredBySource).get();
    } catch (RuntimeException broken) {
      return ""; // a failure is being reported; a driver's broken supplier must not hide it
    }
  }
}
