package dev.inference.testkit;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import dev.inference.spi.InferenceStreams;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory {@link InferenceClient} for application tests: it answers from a script, in order,
 * and records every request it got. Thread-safe.
 *
 * <pre>{@code
 * ScriptedInferenceClient client = ScriptedInferenceClient.create()
 *     .thenAnswer("A terse summary.")
 *     .thenFail(InferenceException.builder(ErrorKind.RATE_LIMITED, "slow down").build())
 *     .thenStream(List.of("Hel", "lo"));
 * new Summariser(client).summarise(diff);
 * assertThat(client.requests()).hasSize(1);
 * }</pre>
 *
 * <p>Each call takes the next entry, whether it is {@link #infer}, {@link #inferAsync} or {@link
 * #stream}: a streamed entry given to {@code infer} answers with its whole text, a text entry given
 * to {@code stream} arrives as one delta. Answers carry the request's id. In a JSON mode the text
 * must be one JSON object (no prose around it), which becomes {@link
 * InferenceResponse#parsedJson()}; otherwise the call fails with {@link
 * ErrorKind#MALFORMED_RESPONSE}. A call with nothing left in the script fails with an {@link
 * IllegalStateException} that shows the request and its last message.
 *
 * @since 0.1
 */
public final class ScriptedInferenceClient implements InferenceClient {

  /** The provider name of scripted answers and of {@link #describe()}. */
  public static final String PROVIDER_NAME = "scripted";

  /** The model name of scripted answers and of {@link #describe()}. */
  public static final String MODEL_NAME = "scripted-model";

  private static final Capabilities CAPABILITIES =
      Capabilities.builder()
          .responseFormats(EnumSet.allOf(ResponseFormat.Kind.class))
          .usageReporting(true)
          .streaming(true)
          .reasoning(true)
          .build();

  private final Deque<Entry> script = new ArrayDeque<>();
  private final List<InferenceRequest> requests = new ArrayList<>();
  private int scripted;
  private boolean closed;

  private ScriptedInferenceClient() {}

  /**
   * A client with an empty script.
   *
   * @return the client
   */
  public static ScriptedInferenceClient create() {
    return new ScriptedInferenceClient();
  }

  /**
   * Adds an answer with this text, finished with {@code STOP}, without usage.
   *
   * @param text the text
   * @return this client
   */
  public ScriptedInferenceClient thenAnswer(String text) {
    return add(new Entry(List.of(Objects.requireNonNull(text, "text")), null, null));
  }

  /**
   * Adds an answer; its request id is replaced by the request's.
   *
   * @param response the answer
   * @return this client
   */
  public ScriptedInferenceClient thenAnswer(InferenceResponse response) {
    Objects.requireNonNull(response, "response");
    return add(new Entry(List.of(response.text()), response, null));
  }

  /**
   * Adds a streamed answer: the deltas in order, then a {@code Completed} event with their joined
   * text, finished with {@code STOP}.
   *
   * @param deltas the text pieces
   * @return this client
   */
  public ScriptedInferenceClient thenStream(List<String> deltas) {
    return add(new Entry(List.copyOf(deltas), null, null));
  }

  /**
   * Adds a stream that delivers the deltas and then fails; {@code infer} fails at once. The failure
   * gets the delivered text as its partial text unless it has one.
   *
   * @param deltas the text before the failure
   * @param failure the failure
   * @return this client
   */
  public ScriptedInferenceClient thenStreamFailing(
      List<String> deltas, InferenceException failure) {
    return add(new Entry(List.copyOf(deltas), null, Objects.requireNonNull(failure, "failure")));
  }

  /**
   * Adds a failure: {@code infer} throws it, {@code stream} throws it before the stream opens.
   *
   * @param failure the failure
   * @return this client
   */
  public ScriptedInferenceClient thenFail(InferenceException failure) {
    return add(new Entry(List.of(), null, Objects.requireNonNull(failure, "failure")));
  }

  /**
   * The requests received so far, in order.
   *
   * @return a snapshot
   */
  public synchronized List<InferenceRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * How many entries of the script are left.
   *
   * @return the count
   */
  public synchronized int remaining() {
    return script.size();
  }

  @Override
  public InferenceResponse infer(InferenceRequest request) {
    Entry entry = next(request);
    if (entry.failure != null) {
      throw entry.failure;
    }
    return entry.response(request);
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
    Entry entry = next(request);
    if (entry.failure != null && entry.deltas.isEmpty()) {
      throw entry.failure;
    }
    List<StreamEvent> events = new ArrayList<>();
    for (String delta : entry.deltas) {
      events.add(new StreamEvent.TextDelta(delta));
    }
    InferenceException failure = entry.failure;
    InferenceResponse response = failure == null ? entry.response(request) : null;
    Iterator<StreamEvent> deltas = events.iterator();
    Iterator<StreamEvent> source =
        new Iterator<>() {
          private boolean ended;

          @Override
          public boolean hasNext() {
            if (deltas.hasNext()) {
              return true;
            }
            if (failure != null) {
              throw failure;
            }
            return !ended;
          }

          @Override
          public StreamEvent next() {
            if (deltas.hasNext()) {
              return deltas.next();
            }
            if (!hasNext()) {
              throw new java.util.NoSuchElementException();
            }
            ended = true;
            return new StreamEvent.Completed(Objects.requireNonNull(response));
          }
        };
    return InferenceStreams.of(source, () -> {});
  }

  @Override
  public ProviderDescription describe() {
    return new ProviderDescription(
        PROVIDER_NAME, PROVIDER_NAME, MODEL_NAME, "memory:scripted", CAPABILITIES);
  }

  /** Makes every later call fail with {@link ErrorKind#CANCELLED}. */
  @Override
  public synchronized void close() {
    closed = true;
  }

  @Override
  public synchronized String toString() {
    return "ScriptedInferenceClient{requests="
        + requests.size()
        + ", remaining="
        + script.size()
        + '}';
  }

  private synchronized ScriptedInferenceClient add(Entry entry) {
    script.add(entry);
    scripted++;
    return this;
  }

  private synchronized Entry next(InferenceRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw InferenceException.builder(ErrorKind.CANCELLED, "the client was closed")
          .providerName(PROVIDER_NAME)
          .requestId(request.requestId())
          .build();
    }
    requests.add(request);
    Entry entry = script.poll();
    if (entry == null) {
      throw new IllegalStateException(
          "the script is used up: "
              + scripted
              + " entries scripted, call "
              + requests.size()
              + " was "
              + request
              + " asking "
              + JsonValue.of(shortened(lastMessage(request))).toJson());
    }
    return entry;
  }

  private static String lastMessage(InferenceRequest request) {
    List<dev.inference.Message> messages = request.messages();
    return messages.isEmpty() ? "" : messages.get(messages.size() - 1).text();
  }

  private static String shortened(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static final class Entry {
    final List<String> deltas;
    final @Nullable InferenceResponse response;
    final @Nullable InferenceException failure;

    Entry(
        List<String> deltas,
        @Nullable InferenceResponse response,
        @Nullable InferenceException failure) {
      this.deltas = deltas;
      this.response = response;
      this.failure = failure;
    }

    InferenceResponse response(InferenceRequest request) {
      InferenceResponse.Builder builder;
      if (response != null) {
        builder = response.toBuilder();
      } else {
        builder =
            InferenceResponse.builder()
                .text(String.join("", deltas))
                .providerName(PROVIDER_NAME)
                .modelName(MODEL_NAME)
                .finishReason(FinishReason.fromProvider("stop"));
      }
      builder.requestId(request.requestId());
      InferenceResponse answer = builder.build();
      if (request.responseFormat().kind() != ResponseFormat.Kind.TEXT
          && answer.parsedJson().isEmpty()) {
        JsonValue object;
        try {
          object = JsonValue.parse(answer.text());
        } catch (IllegalArgumentException notJson) {
          object = null;
        }
        if (!(object instanceof JsonValue.ObjectValue)) {
          throw InferenceException.builder(
                  ErrorKind.MALFORMED_RESPONSE,
                  "the scripted answer is not one JSON object, as "
                      + request.responseFormat().kind().wireName()
                      + " needs; the text is in partialText()")
              .partialText(answer.text())
              .providerName(PROVIDER_NAME)
              .requestId(request.requestId())
              .build();
        }
        answer = answer.toBuilder().parsedJson(object).build();
      }
      return answer;
    }
  }
}
