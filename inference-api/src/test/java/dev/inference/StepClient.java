package dev.inference;

import dev.inference.spi.InferenceStreams;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client for middleware and fallback tests: each call takes the next step of its script (an
 * answer, a failure, or deltas possibly followed by a failure) and records the request.
 */
final class StepClient implements InferenceClient {

  private final String model;
  private final Deque<Step> steps = new ArrayDeque<>();
  final List<InferenceRequest> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger closed = new AtomicInteger();

  private record Step(List<String> deltas, InferenceException failure, boolean stream) {}

  StepClient(String model) {
    this.model = model;
  }

  synchronized StepClient answer(String text) {
    steps.add(new Step(List.of(text), null, false));
    return this;
  }

  synchronized StepClient fail(ErrorKind kind) {
    steps.add(
        new Step(List.of(), InferenceException.builder(kind, model + " failed").build(), false));
    return this;
  }

  /** Deltas, then a failure when {@code kind} is not null, else the Completed event. */
  synchronized StepClient streamThen(ErrorKind kind, String... deltas) {
    steps.add(
        new Step(
            List.of(deltas),
            kind == null ? null : InferenceException.builder(kind, model + " broke").build(),
            true));
    return this;
  }

  private synchronized Step next(InferenceRequest request) {
    requests.add(request);
    Step step = steps.poll();
    if (step == null) {
      throw new IllegalStateException(model + ": nothing left in the script");
    }
    return step;
  }

  InferenceResponse response(InferenceRequest request, String text) {
    return InferenceResponse.builder()
        .text(text)
        .providerName("step")
        .modelName(model)
        .requestId(request.requestId())
        .build();
  }

  @Override
  public InferenceResponse infer(InferenceRequest request) {
    Step step = next(request);
    if (step.failure() != null) {
      throw step.failure();
    }
    return response(request, String.join("", step.deltas()));
  }

  @Override
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    try {
      return CompletableFuture.completedFuture(infer(request));
    } catch (InferenceException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  @Override
  public InferenceStream stream(InferenceRequest request) {
    Step step = next(request);
    if (!step.stream() && step.failure() != null) {
      throw step.failure();
    }
    List<StreamEvent> events = new ArrayList<>();
    step.deltas().forEach(text -> events.add(new StreamEvent.TextDelta(text)));
    Iterator<StreamEvent> source = events.iterator();
    return InferenceStreams.of(
        new Iterator<>() {
          private boolean done;

          @Override
          public boolean hasNext() {
            if (source.hasNext()) {
              return true;
            }
            if (step.failure() != null) {
              throw step.failure();
            }
            return !done;
          }

          @Override
          public StreamEvent next() {
            if (source.hasNext()) {
              return source.next();
            }
            done = true;
            return new StreamEvent.Completed(response(request, String.join("", step.deltas())));
          }
        },
        () -> {});
  }

  @Override
  public ProviderDescription describe() {
    return new ProviderDescription(
        "step_chat", "step", model, "http://127.0.0.1/" + model, Capabilities.builder().build());
  }

  @Override
  public void close() {
    closed.incrementAndGet();
  }

  static List<StreamEvent> drain(InferenceStream stream) {
    List<StreamEvent> events = new ArrayList<>();
    try (stream) {
      stream.forEach(events::add);
    }
    return events;
  }
}
