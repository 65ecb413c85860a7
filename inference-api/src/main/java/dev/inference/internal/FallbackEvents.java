package dev.inference.internal;

import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The events of a fallback stream: opens the clients' streams in order until one delivers its first
 * event, then sticks to that one. Once an event has reached the caller, a failure is the caller's,
 * never a reason to move on.
 */
final class FallbackEvents implements Iterator<StreamEvent> {

  private final FallbackClient fallback;
  private final InferenceRequest request;
  private final List<Integer> order;
  private final List<InferenceException> earlier = new ArrayList<>();
  private int position;
  private volatile boolean closed;
  private volatile @Nullable InferenceStream current;
  private @Nullable Iterator<StreamEvent> events;
  private boolean committed;

  FallbackEvents(FallbackClient fallback, InferenceRequest request, List<Integer> order) {
    this.fallback = fallback;
    this.request = request;
    this.order = order;
  }

  @Override
  public boolean hasNext() {
    while (true) {
      try {
        Iterator<StreamEvent> source = events != null ? events : open();
        boolean more = source.hasNext();
        if (!committed) {
          committed = true; // the first event (or the end) is here: no more hops
          fallback.succeeded(order.get(position));
        }
        return more;
      } catch (InferenceException failure) {
        if (committed || closed) {
          throw failure;
        }
        closeCurrent();
        events = null;
        if (!fallback.failOver(request, order, position, failure)) {
          throw FallbackClient.withEarlier(failure, earlier);
        }
        earlier.add(failure);
        position++;
      }
    }
  }

  private Iterator<StreamEvent> open() {
    InferenceStream stream = fallback.client(order.get(position)).stream(request);
    current = stream;
    if (closed) {
      stream.close();
    }
    Iterator<StreamEvent> opened = stream.iterator();
    events = opened;
    return opened;
  }

  @Override
  public StreamEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has no more events");
    }
    return events.next();
  }

  private void closeCurrent() {
    InferenceStream stream = current;
    if (stream != null) {
      stream.close();
    }
  }

  void close() {
    closed = true;
    closeCurrent();
  }
}
