package dev.inference.kit;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where a driver puts what it reads from a response body or from stream frames: text, reasoning,
 * tool calls, finish reason, usage, model, completion and error payloads. In a stream, every
 * non-empty delta is also handed on as a {@link StreamEvent} at once, so the stream's events and
 * its final response are assembled in one place. Not thread-safe: one sink per call.
 *
 * @since 0.2
 */
public final class ResponseSink {

  private final Consumer<StreamEvent> deltas;

  /** The answer's text; one delta (a non-streamed body) is kept as is, never copied. */
  private final TextParts text = new TextParts();

  private final TextParts reasoning = new TextParts();
  private boolean sawContent;
  private @Nullable FinishReason finishReason;
  private @Nullable Usage usage;
  private @Nullable String model;
  private @Nullable String responseId;
  private boolean complete;
  private @Nullable JsonValue error;
  // tool calls by index, in index order; null until the first one
  private @Nullable TreeMap<Integer, CallParts> calls;

  /** One tool call being assembled from its pieces. */
  private static final class CallParts {
    private String id = "";
    private String name = "";
    private final StringBuilder arguments = new StringBuilder();
  }

  private ResponseSink(Consumer<StreamEvent> deltas) {
    this.deltas = deltas;
  }

  /**
   * An accumulator for a whole body.
   *
   * @return the accumulator
   */
  public static ResponseSink forBody() {
    return new ResponseSink(event -> {});
  }

  /**
   * An accumulator for a stream that hands each delta on.
   *
   * @param deltas receives text, reasoning and tool-call deltas in order
   * @return the accumulator
   */
  public static ResponseSink forStream(Consumer<StreamEvent> deltas) {
    return new ResponseSink(deltas);
  }

  /**
   * Adds answer text; an empty string still counts as content being present.
   *
   * @param delta the text
   */
  public void text(String delta) {
    sawContent = true;
    if (!delta.isEmpty()) {
      text.add(delta);
      deltas.accept(new StreamEvent.TextDelta(delta));
    }
  }

  /**
   * Adds reasoning text.
   *
   * @param delta the reasoning
   */
  public void reasoning(String delta) {
    if (!delta.isEmpty()) {
      reasoning.add(delta);
      deltas.accept(new StreamEvent.ReasoningDelta(delta));
    }
  }

  /**
   * Adds a piece of a tool call: the first piece of a call carries its id and name, later ones
   * fragments of its arguments' JSON text, which are joined per index and parsed only in {@link
   * #toResponse}. An id or name given again on a later piece is ignored (some servers repeat it). A
   * whole call is one piece with all its arguments. Counts as content being present.
   *
   * @param index the call's index in the answer, from 0
   * @param id the call's id, or empty
   * @param name the tool's name, or empty
   * @param argumentsFragment the next piece of the arguments' text, or empty
   */
  public void toolCall(int index, String id, String name, String argumentsFragment) {
    sawContent = true;
    if (calls == null) {
      calls = new TreeMap<>();
    }
    CallParts call = calls.computeIfAbsent(index, ignored -> new CallParts());
    String newId = call.id.isEmpty() ? id : "";
    String newName = call.name.isEmpty() ? name : "";
    if (!newId.isEmpty()) {
      call.id = newId;
    }
    if (!newName.isEmpty()) {
      call.name = newName;
    }
    call.arguments.append(argumentsFragment);
    if (!newId.isEmpty() || !newName.isEmpty() || !argumentsFragment.isEmpty()) {
      deltas.accept(new StreamEvent.ToolCallDelta(index, newId, newName, argumentsFragment));
    }
  }

  /**
   * Adds a whole tool call whose arguments came as a JSON value (Ollama), at the next index.
   *
   * @param id the call's id, or empty
   * @param name the tool's name
   * @param arguments the arguments
   */
  public void toolCall(String id, String name, JsonValue arguments) {
    toolCall(nextToolCallIndex(), id, name, arguments.toJson());
  }

  /**
   * The index after the last tool call so far, for a wire that numbers calls by arrival.
   *
   * @return 0 when there is none yet
   */
  public int nextToolCallIndex() {
    return calls == null ? 0 : calls.lastKey() + 1;
  }

  /**
   * The id of the last tool call so far, to tell a continued call from a new one on a wire whose
   * pieces carry no index.
   *
   * @return the id; empty when there is no call yet or it came without one
   */
  public String lastToolCallId() {
    return calls == null ? "" : calls.lastEntry().getValue().id;
  }

  /**
   * The tool calls so far, assembled and parsed, in index order.
   *
   * @return the calls; empty when there are none
   */
  public List<Part.ToolCall> toolCalls() {
    if (calls == null) {
      return List.of();
    }
    List<Part.ToolCall> assembled = new ArrayList<>(calls.size());
    for (CallParts call : calls.values()) {
      assembled.add(Part.ToolCall.parse(call.id, call.name, call.arguments.toString()));
    }
    return assembled;
  }

  /**
   * Records the provider's finish reason, normalised by {@link FinishReason#fromProvider}; a later
   * one replaces an earlier one.
   *
   * @param raw the provider's word
   */
  public void finishReason(String raw) {
    finishReason(FinishReason.fromProvider(raw));
  }

  /**
   * Records a finish reason the dialect normalised itself, for a provider whose words the library
   * does not know ({@code new FinishReason(Kind.STOP, "end")}); a later one replaces an earlier
   * one.
   *
   * @param reason the reason, with the provider's word as {@link FinishReason#raw()}
   */
  public void finishReason(FinishReason reason) {
    finishReason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Records usage; a later report replaces an earlier one.
   *
   * @param usage the counts
   */
  public void usage(Usage usage) {
    this.usage = usage;
  }

  /**
   * Records the provider's id of the answer (OpenAI's {@code id}, Anthropic's message id); an empty
   * one is ignored.
   *
   * @param id the id
   * @since 0.2
   */
  public void responseId(String id) {
    if (!id.isEmpty()) {
      this.responseId = id;
    }
  }

  /**
   * The provider's id of the answer.
   *
   * @return the id, or empty
   * @since 0.2
   */
  public Optional<String> responseId() {
    return Optional.ofNullable(responseId);
  }

  /**
   * Records the model the provider named.
   *
   * @param model the model
   */
  public void model(String model) {
    if (!model.isEmpty()) {
      this.model = model;
    }
  }

  /** Records that the provider said the answer is complete (a finish reason, Ollama's done). */
  public void complete() {
    complete = true;
  }

  /**
   * Records an error payload (the whole top-level object that holds it).
   *
   * @param payload the payload
   */
  public void error(JsonValue payload) {
    if (error == null) {
      error = payload;
    }
  }

  /**
   * The answer text so far.
   *
   * @return the text
   */
  public String text() {
    return text.toString();
  }

  /**
   * Whether any content, even empty, was present.
   *
   * @return {@code true} once {@link #text(String)} was called
   */
  public boolean sawContent() {
    return sawContent;
  }

  /**
   * The reasoning so far.
   *
   * @return the reasoning, or empty
   */
  public Optional<String> reasoning() {
    return reasoning.isEmpty() ? Optional.empty() : Optional.of(reasoning.toString());
  }

  /**
   * The finish reason.
   *
   * @return the raw reason, or empty
   */
  public Optional<String> finishReason() {
    return Optional.ofNullable(finishReason).map(FinishReason::raw);
  }

  /**
   * The usage.
   *
   * @return the usage, or empty
   */
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  /**
   * The model the provider named.
   *
   * @return the model, or empty
   */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /**
   * Whether the provider said the answer is complete.
   *
   * @return {@code true} after {@link #complete()}
   */
  public boolean isComplete() {
    return complete;
  }

  /**
   * Whether an error payload was seen; {@link #error()} without an {@code Optional}.
   *
   * @return whether {@link #error(JsonValue)} was called
   */
  public boolean hasError() {
    return error != null;
  }

  /**
   * The first error payload seen.
   *
   * @return the payload, or empty
   */
  public Optional<JsonValue> error() {
    return Optional.ofNullable(error);
  }

  /**
   * The canonical response from what was collected: text, reasoning, usage, finish reason, model
   * (the provider's, else the profile's), request ids and rate-limit headers, and in a JSON mode
   * the object found in the text. A stream's {@code Completed} event and a whole body's answer are
   * built here alike.
   *
   * @param request the call
   * @param providerName the provider name the response carries
   * @param defaultModel the profile's model, for when the provider named none
   * @param headers response metadata by name, any case: {@code x-request-id} or {@code request-id}
   *     (Anthropic) as the provider's request id, and every rate-limit header ({@code
   *     x-ratelimit-*}, {@code anthropic-ratelimit-*}, the IETF draft's {@code RateLimit-*}: any
   *     name holding {@code ratelimit-}) are kept
   * @param redactor hides secrets in the partial text of a failure
   * @return the response, never {@code null}
   * @throws InferenceException MALFORMED_RESPONSE when a JSON mode's text holds no JSON object
   */
  public InferenceResponse toResponse(
      InferenceRequest request,
      String providerName,
      String defaultModel,
      Map<String, List<String>> headers,
      Redactor redactor) {
    String all = text();
    InferenceResponse.Builder response =
        InferenceResponse.builder()
            .text(all)
            .providerName(providerName)
            .modelName(model == null ? defaultModel : model)
            .requestId(request.requestId());
    reasoning().ifPresent(response::reasoning);
    if (responseId != null) {
      response.responseId(responseId);
    }
    if (usage != null) {
      response.usage(usage);
    }
    List<Part.ToolCall> toolCalls = toolCalls();
    response.toolCalls(toolCalls);
    if (finishReason != null) {
      // a provider that says "stop" for an answer of tool calls (Ollama) is normalised as /v1 does
      response.finishReason(
          !toolCalls.isEmpty() && finishReason.kind() == FinishReason.Kind.STOP
              ? new FinishReason(FinishReason.Kind.TOOL_CALLS, finishReason.raw())
              : finishReason);
    }
    headers.forEach(
        (name, values) -> {
          if (values.isEmpty()) {
            return;
          }
          if (name.equalsIgnoreCase("x-request-id") || name.equalsIgnoreCase("request-id")) {
            response.providerRequestId(values.get(0));
          } else if (name.toLowerCase(Locale.ROOT).contains("ratelimit-")) {
            response.rateLimit(name, values.get(0));
          }
        });
    boolean json = request.responseFormat().kind() != ResponseFormat.Kind.TEXT;
    // an answer of tool calls is not the JSON answer yet, whatever text came with the calls
    if (json && toolCalls.isEmpty()) {
      JsonValue object =
          JsonObjects.extractObject(all)
              .orElseThrow(
                  () ->
                      InferenceException.builder(
                              ErrorKind.MALFORMED_RESPONSE,
                              providerName
                                  + " did not return a valid JSON object for the "
                                  + request.responseFormat().kind().wireName()
                                  + " response format; the text is in partialText()")
                          .providerName(providerName)
                          .requestId(request.requestId())
                          .partialText(redactor.redact(all))
                          .build());
      response.parsedJson(object);
    }
    return response.build();
  }
}
