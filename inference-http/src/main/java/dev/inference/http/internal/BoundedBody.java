package dev.inference.http.internal;

import dev.inference.http.BodyTooLargeException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body subscriber that holds at most {@code limit} bytes, enforced while the body is read rather
 * than after it was buffered: past the limit it cancels the subscription, which closes the
 * connection, and either fails with {@link BodyTooLargeException} or, for error bodies that are
 * only quoted, completes with the first {@code limit} bytes. A {@code Content-Length} above the
 * limit fails before any of the body is read.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

  private final long limit;
  private final boolean truncate;
  private final long declaredLength;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final List<byte[]> chunks = new ArrayList<>();
  private long size;
  private Flow.@org.jspecify.annotations.Nullable Subscription subscription;

  /**
   * @param limit the most bytes kept
   * @param truncate whether a longer body is cut at the limit (error bodies) or fails
   * @param declaredLength the {@code Content-Length}, or -1
   */
  BoundedBody(long limit, boolean truncate, long declaredLength) {
    this.limit = limit;
    this.truncate = truncate;
    this.declaredLength = declaredLength;
  }

  /**
   * A handler that bounds 2xx bodies by {@code limit} and cuts other bodies at {@code quoted}. A
   * body whose {@code Content-Length} is within the bound is read by the JDK's own byte-array
   * subscriber: the JDK reads no more than the declared length, so the bound holds, and it hands
   * the bytes of a subscriber of its own to it on its selector thread, where this one, like every
   * subscriber it does not know, gets them through the client's executor (one thread hand-off per
   * call more; {@code bench/notes.md}, "The extra thread hand-off per call").
   */
  static HttpResponse.BodyHandler<byte[]> handler(long limit, long quoted) {
    return info -> {
      boolean success = info.statusCode() / 100 == 2;
      long bound = success ? limit : quoted;
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1L);
      if (declared >= 0 && declared <= bound) {
        return HttpResponse.BodySubscribers.ofByteArray();
      }
      return new BoundedBody(bound, !success, declared);
    };
  }

  /** How many bytes this subscriber holds now; never more than the limit. */
  long held() {
    return size;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (!truncate && declaredLength > limit) {
      subscription.cancel();
      result.completeExceptionally(new BodyTooLargeException(limit));
      return;
    }
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      int count = item.remaining();
      if (size + count > limit) {
        Flow.Subscription current = subscription;
        if (current != null) {
          current.cancel();
        }
        if (truncate) {
          byte[] head = new byte[(int) (limit - size)];
          item.get(head);
          chunks.add(head);
          size += head.length;
          result.complete(join());
        } else {
          chunks.clear();
          result.completeExceptionally(new BodyTooLargeException(limit));
        }
        return;
      }
      byte[] copy = new byte[count];
      item.get(copy);
      chunks.add(copy);
      size += count;
    }
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(join());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  private byte[] join() {
    if (chunks.size() == 1) {
      byte[] only = chunks.get(0);
      chunks.clear();
      return only;
    }
    byte[] body = new byte[(int) size];
    int at = 0;
    for (byte[] chunk : chunks) {
      System.arraycopy(chunk, 0, body, at, chunk.length);
      at += chunk.length;
    }
    chunks.clear();
    return body;
  }
}
