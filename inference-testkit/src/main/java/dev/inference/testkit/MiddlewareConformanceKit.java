package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.Middleware;
import dev.inference.StreamEvent;
import dev.inference.spi.InferenceStreams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link Middleware} keeps (section 17 of the kit's {@code SPEC.md}), played around
 * a {@link ScriptedInferenceClient}: a test extends this class and provides the middleware.
 *
 * <pre>{@code
 * class MyMiddlewareConformanceTest extends MiddlewareConformanceKit {
 *   @Override
 *   protected Middleware middleware() {
 *     return new MyMiddleware();
 *   }
 * }
 * }</pre>
 *
 * <p>Whatever a middleware does, a wrapped stream delivers deltas, then exactly one {@code
 * Completed}, or fails with an {@link InferenceException}; failures keep their kind; closing
 * reaches the wrapped client. Each test is named after its rule ({@code required_s17_1_...}), and
 * every failure message starts with the rule's number.
 *
 * @since 0.2
 */
public abstract class MiddlewareConformanceKit {

  /** For subclasses. */
  protected MiddlewareConformanceKit() {}

  /**
   * The middleware under test; asked for again before each rule.
   *
   * @return a new or shared middleware
   */
  protected abstract Middleware middleware();

  /**
   * Whether the middleware changes {@code describe()} or {@code operations()} on purpose; rule 17.7
   * is then skipped.
   *
   * @return {@code false} unless overridden
   */
  protected boolean changesDescription() {
    return false;
  }

  private final ScriptedInferenceClient scripted = ScriptedInferenceClient.create();
  private final AtomicBoolean innerClosed = new AtomicBoolean();

  /** Innermost: notes when the wrapped client's stream is closed. */
  private final Middleware probe =
      new Middleware() {
        @Override
        public InferenceStream wrapStream(InferenceRequest request, Next<InferenceStream> next) {
          InferenceStream inner = next.call(request);
          Iterator<StreamEvent> events = inner.iterator();
          return InferenceStreams.of(
              events,
              () -> {
                innerClosed.set(true);
                inner.close();
              });
        }
      };

  private InferenceClient wrapped() {
    return Inference.wrap(scripted, middleware(), probe);
  }

  private static InferenceRequest request(String prompt) {
    return InferenceRequest.builder().userPrompt(prompt).temperature(0).build();
  }

  private static List<StreamEvent> drain(InferenceStream stream, List<StreamEvent> into) {
    try (stream) {
      for (StreamEvent event : stream) {
        into.add(event);
      }
    }
    return into;
  }

  @Test
  @DisplayName(
      "17.1 a wrapped stream delivers deltas, then exactly one Completed whose text joins them")
  void required_s17_1_deltasThenExactlyOneCompleted() {
    scripted.thenStream(List.of("Hel", "lo, ", "world"));
    List<StreamEvent> events = drain(wrapped().stream(request("s17.1")), new ArrayList<>());
    String rule = "17.1: events " + events;
    assertThat(events).as(rule).isNotEmpty();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < events.size() - 1; i++) {
      assertThat(events.get(i)).as(rule).isNotInstanceOf(StreamEvent.Completed.class);
      if (events.get(i) instanceof StreamEvent.TextDelta delta) {
        text.append(delta.text());
      }
    }
    StreamEvent last = events.get(events.size() - 1);
    assertThat(last).as(rule).isInstanceOf(StreamEvent.Completed.class);
    assertThat(((StreamEvent.Completed) last).response().text())
        .as(rule)
        .isEqualTo(text.toString());
  }

  @Test
  @DisplayName(
      "17.2 a failure inside the wrapped stream reaches the caller with its kind, after the deltas"
          + " before it and without a Completed")
  void required_s17_2_aMidStreamFailureKeepsItsKind() {
    scripted.thenStreamFailing(
        List.of("par", "tial"),
        InferenceException.builder(ErrorKind.SERVER_ERROR, "the provider broke").build());
    List<StreamEvent> events = new ArrayList<>();
    InferenceException failure =
        catchThrowableOfType(
            InferenceException.class, () -> drain(wrapped().stream(request("s17.2")), events));
    assertThat(failure).as("17.2: the stream must fail").isNotNull();
    assertThat(failure.kind()).as("17.2: the kind").isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(events).as("17.2: no Completed").noneMatch(StreamEvent.Completed.class::isInstance);
  }

  @Test
  @DisplayName("17.3 close() of a wrapped stream mid-way closes the wrapped client's stream")
  void required_s17_3_closeReachesTheWrappedStream() {
    scripted.thenStream(List.of("one", "two", "three"));
    try (InferenceStream stream = wrapped().stream(request("s17.3"))) {
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.hasNext()).as("17.3: a first event").isTrue();
      events.next();
    }
    assertThat(innerClosed).as("17.3: the wrapped stream was closed").isTrue();
  }

  @Test
  @DisplayName("17.4 infer, inferAsync and stream of one request give the same answer text")
  void required_s17_4_everyModeGivesTheSameAnswer() {
    scripted.thenAnswer("same").thenAnswer("same").thenStream(List.of("sa", "me"));
    InferenceClient client = wrapped();
    InferenceRequest request = request("s17.4");
    String blocking = client.infer(request).text();
    String async = client.inferAsync(request).join().text();
    List<StreamEvent> events = drain(client.stream(request), new ArrayList<>());
    String streamed = ((StreamEvent.Completed) events.get(events.size() - 1)).response().text();
    assertThat(List.of(blocking, async, streamed)).as("17.4").containsOnly(blocking);
  }

  @Test
  @DisplayName(
      "17.5 a failure of the wrapped client reaches the caller with its kind, in every mode")
  void required_s17_5_failuresKeepTheirKind() {
    for (int i = 0; i < 3; i++) {
      scripted.thenFail(InferenceException.builder(ErrorKind.RATE_LIMITED, "slow down").build());
    }
    InferenceClient client = wrapped();
    InferenceException blocking =
        catchThrowableOfType(InferenceException.class, () -> client.infer(request("s17.5 a")));
    CompletionException async =
        catchThrowableOfType(
            CompletionException.class, () -> client.inferAsync(request("s17.5 b")).join());
    InferenceException streamed =
        catchThrowableOfType(
            InferenceException.class,
            () -> drain(client.stream(request("s17.5 c")), new ArrayList<>()));
    assertThat(blocking).as("17.5: infer").isNotNull();
    assertThat(blocking.kind()).as("17.5: infer").isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(async).as("17.5: inferAsync").isNotNull();
    assertThat(async.getCause()).as("17.5: inferAsync").isInstanceOf(InferenceException.class);
    assertThat(((InferenceException) async.getCause()).kind())
        .as("17.5: inferAsync")
        .isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(streamed).as("17.5: stream").isNotNull();
    assertThat(streamed.kind()).as("17.5: stream").isEqualTo(ErrorKind.RATE_LIMITED);
  }

  @Test
  @DisplayName("17.6 a response carries its request's id")
  void required_s17_6_theResponseCarriesTheRequestId() {
    scripted.thenAnswer("id");
    InferenceRequest request =
        InferenceRequest.builder().userPrompt("s17.6").requestId("req-17-6").build();
    assertThat(wrapped().infer(request).requestId()).as("17.6").isEqualTo("req-17-6");
  }

  @Test
  @DisplayName("17.7 a wrapped client keeps the describe() and operations() of the one it wraps")
  void required_s17_7_describeAndOperationsAreKept() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        changesDescription(), "the middleware changes describe() or operations() on purpose");
    InferenceClient client = wrapped();
    assertThat(client.describe()).as("17.7: describe").isEqualTo(scripted.describe());
    assertThat(client.operations()).as("17.7: operations").isEqualTo(scripted.operations());
  }

  @Test
  @DisplayName("17.8 closing a wrapped client closes the client it wraps")
  void required_s17_8_closeReachesTheWrappedClient() {
    wrapped().close();
    InferenceException failure =
        catchThrowableOfType(InferenceException.class, () -> scripted.infer(request("s17.8")));
    assertThat(failure).as("17.8: the wrapped client must be closed").isNotNull();
    assertThat(failure.kind()).as("17.8").isEqualTo(ErrorKind.CANCELLED);
  }
}
