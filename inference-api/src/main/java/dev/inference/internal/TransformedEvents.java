package dev.inference.internal;

import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.Middleware;
import dev.inference.StreamEvent;
import dev.inference.spi.InferenceStreams;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The events of a stream as one middleware passes them on: each delta through {@link
 * Middleware#transformEvent}, the final response through {@link Middleware#transformResponse} with
 * its text set to the text of the deltas delivered, so the contract holds whatever the middleware
 * does.
 */
final class TransformedEvents implements Iterator<StreamEvent> {

  private final InferenceStream inner;
  private final InferenceRequest request;
  private final Middleware middleware;
  private final StringBuilder delivered = new StringBuilder();
  private @Nullable Iterator<StreamEvent> events;

  private TransformedEvents(
      InferenceStream inner, InferenceRequest request, Middleware middleware) {
    this.inner = inner;
    this.request = request;
    this.middleware = middleware;
  }

  /**
   * The stream of the inner one's events as the middleware transforms them.
   *
   * @param inner the stream of the rest of the chain
   * @param request the transformed request
   * @param middleware the middleware
   * @return the stream; closing it closes the inner one
   */
  static InferenceStream of(
      InferenceStream inner, InferenceRequest request, Middleware middleware) {
    TransformedEvents events = new TransformedEvents(inner, request, middleware);
    return InferenceStreams.of(events, inner::close, events::deliveredText);
  }

  private String deliveredText() {
    synchronized (delivered) {
      return delivered.toString();
    }
  }

  private Iterator<StreamEvent> events() {
    Iterator<StreamEvent> current = events;
    if (current == null) {
      current = inner.iterator();
      events = current;
    }
    return current;
  }

  @Override
  public boolean hasNext() {
    return events().hasNext();
  }

  @Override
  public StreamEvent next() {
    Iterator<StreamEvent> source = events();
    if (!source.hasNext()) {
      throw new NoSuchElementException("the stream has no more events");
    }
    StreamEvent event = source.next();
    if (event instanceof StreamEvent.Completed done) {
      InferenceResponse response =
          Objects.requireNonNull(
              middleware.transformResponse(request, done.response()),
              () -> "middleware " + middleware.name() + " returned null from transformResponse");
      String text = deliveredText();
      if (!response.text().equals(text)) {
        response = response.toBuilder().text(text).build();
      }
      return new StreamEvent.Completed(response);
    }
    StreamEvent out =
        Objects.requireNonNull(
            middleware.transformEvent(request, event),
            () -> "middleware " + middleware.name() + " returned null from transformEvent");
    if (out instanceof StreamEvent.Completed) {
      throw new IllegalStateException(
          "middleware "
              + middleware.name()
              + " turned a delta into a Completed event; only the provider ends a stream");
    }
    if (out instanceof StreamEvent.TextDelta delta) {
      synchronized (delivered) {
        delivered.append(delta.text());
      }
    }
    return out;
  }
}
