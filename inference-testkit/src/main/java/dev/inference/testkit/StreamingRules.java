package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.assertSameCounts;
import static dev.inference.testkit.KitCalls.completed;
import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;
import static dev.inference.testkit.KitCalls.readInto;
import static dev.inference.testkit.KitCalls.request;
import static dev.inference.testkit.KitCalls.textDeltas;
import static dev.inference.testkit.KitContext.DELTAS;
import static dev.inference.testkit.KitContext.STREAMED_TEXT;
import static dev.inference.testkit.KitContext.USAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * The rules of section 8 (streaming): deltas, the one {@code Completed}, cancellation, errors and
 * truncation inside a stream, and bodies split anywhere.
 */
final class StreamingRules {

  private final KitContext kit;

  private final Scenario.StreamedText answer =
      new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.of(USAGE));

  StreamingRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 8.1. */
  void deltasInOrderJoinToTheText() {
    kit.stub(answer);
    List<StreamEvent> events = readAll(kit.client(), InferenceRequest.of("hi"));
    assertThat(textDeltas(events)).as("the text deltas").containsExactlyElementsOf(DELTAS);
    assertThat(completed(events).text())
        .as("the Completed text against the joined deltas")
        .isEqualTo(STREAMED_TEXT);
  }

  /** Rule 8.2. */
  void exactlyOneCompletedWithUsageAndFinishReason() {
    kit.stub(answer);
    List<StreamEvent> events = readAll(kit.client(), InferenceRequest.of("hi"));
    assertThat(events.stream().filter(StreamEvent.Completed.class::isInstance).count())
        .as("Completed events in %s", events)
        .isEqualTo(1);
    InferenceResponse response = completed(events);
    assertThat(response.text()).as("the Completed text").isEqualTo(STREAMED_TEXT);
    assertThat(response.finishReason().map(FinishReason::kind))
        .as("the Completed finish reason (the provider sent STOP)")
        .contains(FinishReason.Kind.STOP);
    if (kit.factory().capabilities().usageReporting()) {
      assertThat(response.usage())
          .as("the Completed usage (the provider sent %s)", USAGE)
          .isPresent();
      assertSameCounts(response.usage().get(), USAGE);
    }
  }

  /** Rule 8.3. */
  void closeCancelsOnTheWire() throws Exception {
    try (KitWire.Held raw = kit.firstDeltaThenHold()) {
      InferenceClient client = kit.client(raw.endpoint(), UnaryOperator.identity());
      InferenceStream stream = client.stream(InferenceRequest.of("never ends"));
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).as("the first event").isEqualTo(new StreamEvent.TextDelta("first"));
      assertThat(raw.clientConnected()).as("the connection is open before close()").isTrue();
      stream.close();
      assertThat(raw.awaitClientGone(kit.config().closeWait()))
          .as(
              "the server saw the connection closed within %s of close(); a stream must cancel"
                  + " its call on the wire",
              kit.config().closeWait())
          .isTrue();
      InferenceException failure = failureOf(events::hasNext);
      assertThat(failure.kind()).as("the kind after close()").isEqualTo(ErrorKind.CANCELLED);
    }
  }

  /** Rule 8.7. */
  void closeFromAnotherThreadUnblocksTheReader() throws Exception {
    try (KitWire.Held raw = kit.firstDeltaThenHold()) {
      InferenceClient client = kit.client(raw.endpoint(), UnaryOperator.identity());
      InferenceStream stream = client.stream(InferenceRequest.of("never ends"));
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).as("the first event").isEqualTo(new StreamEvent.TextDelta("first"));
      // the reader waits for a second event that never comes, unless close() is quicker still;
      // either way it must end CANCELLED
      CompletableFuture<InferenceException> reader = new CompletableFuture<>();
      Thread readerThread =
          new Thread(
              () -> {
                try {
                  reader.complete(failureOf(events::hasNext));
                } catch (Throwable unexpected) {
                  reader.completeExceptionally(unexpected);
                }
              },
              "inference-testkit-reader");
      readerThread.setDaemon(true);
      readerThread.start();
      stream.close();
      InferenceException failure;
      try {
        failure = reader.get(kit.config().closeWait().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillBlocked) {
        throw new AssertionError(
            "the reader was still waiting for the next event "
                + kit.config().closeWait()
                + " after close() from another thread",
            stillBlocked);
      }
      assertThat(failure.kind())
          .as("the reader's kind after close()")
          .isEqualTo(ErrorKind.CANCELLED);
      assertThat(failure.partialText()).as("partialText()").contains("first");
      assertThat(raw.awaitClientGone(kit.config().closeWait()))
          .as("the server saw the connection closed within %s of close()", kit.config().closeWait())
          .isTrue();
    }
  }

  /** Rule 8.4. */
  void midStreamErrorSurfacesWithPartialText() {
    kit.stub(new Scenario.MidStreamError(List.of("par", "tial"), "the model runner crashed"));
    List<StreamEvent> seen = new ArrayList<>();
    InferenceException failure =
        failureOf(() -> readInto(kit.client(), InferenceRequest.of("hi"), seen));
    assertThat(textDeltas(seen)).as("the deltas before the error").containsExactly("par", "tial");
    assertThat(failure.kind()).as("kind").isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(failure.isRetryable()).as("isRetryable()").isTrue();
    assertThat(failure.partialText()).as("partialText()").contains("partial");
    assertThat(failure.getMessage()).as("the message").contains("the model runner crashed");
  }

  /** Rule 8.5. */
  void truncatedStreamIsStreamTruncated() {
    kit.stub(new Scenario.Truncated(List.of("half", " way")));
    List<StreamEvent> seen = new ArrayList<>();
    InferenceException failure =
        failureOf(() -> readInto(kit.client(), InferenceRequest.of("hi"), seen));
    assertThat(textDeltas(seen)).as("the deltas before the cut").containsExactly("half", " way");
    assertThat(failure.kind()).as("kind").isEqualTo(ErrorKind.STREAM_TRUNCATED);
    assertThat(failure.partialText()).as("partialText()").contains("half way");
  }

  /** Rule 8.8. */
  void bodyCutMidFrameIsStreamTruncated() {
    Scenario.Truncated whole = new Scenario.Truncated(List.of("one"));
    Scenario.Truncated longer = new Scenario.Truncated(List.of("one", "two, and then more"));
    String cannotCut =
        "the fixture's body with one more delta does not extend the shorter one, so the kit"
            + " cannot cut it inside a frame";
    Assumptions.assumeTrue(kit.wire().stubCutInsideFrame(whole, longer), cannotCut);
    List<StreamEvent> seen = new ArrayList<>();
    InferenceException failure =
        failureOf(() -> readInto(kit.client(), InferenceRequest.of("hi"), seen));
    Assumptions.assumeTrue(kit.wire().cutsServed(), cannotCut);
    assertThat(textDeltas(seen)).as("the deltas of the whole frames").containsExactly("one");
    assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.STREAM_TRUNCATED);
    assertThat(failure.isRetryable()).as("isRetryable()").isTrue();
    assertThat(failure.partialText()).as("partialText()").hasValue("one");
  }

  /** Rule 8.6. */
  void byteSplitBodiesGiveTheSameResult() {
    InferenceClient client = kit.client();
    InferenceRequest request =
        InferenceRequest.builder().userPrompt("hi").requestId("split").build();
    kit.stub(answer);
    List<StreamEvent> whole = readAll(client, request);
    for (int chunkBytes : new int[] {1, 7}) {
      kit.wire().stubSplit(answer, chunkBytes);
      assertThat(readAll(client, request))
          .as("the events of the body in %d-byte chunks", chunkBytes)
          .isEqualTo(whole);
    }
  }
}
