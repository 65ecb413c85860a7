package dev.inference.stub;

import dev.inference.JsonValue;
import dev.inference.Part;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One scripted answer of a {@link StubServer} to a chat request. Immutable; the {@code with...}
 * methods return copies.
 *
 * <p>A content reply ({@link #text}, {@link #json}, {@link #stream}, {@link #repeated}, {@link
 * #toolCalls}) adapts to the request: a streaming request gets its deltas as SSE events (OpenAI,
 * Anthropic {@code content_block_delta}) or NDJSON lines (Ollama), one per delta, with the
 * {@linkplain #withDelay delay} between them; a non-streaming request gets one JSON body holding
 * the deltas joined (Anthropic: one {@code text} block). An {@link #error} is sent as written, with
 * its status, headers and body. A {@link #stall} accepts the request and never answers (or not for
 * a while); a {@link #drop} drops the connection. A streamed answer can also end badly after its
 * deltas: {@linkplain #stallingAfterDeltas stalled}, {@linkplain #truncatedAfterDeltas truncated},
 * {@linkplain #droppingAfterDeltas dropped} or {@linkplain #failingAfterDeltas failing}.
 *
 * <p>The bytes of a reply are encoded once per model and usage and then served from memory, and a
 * {@linkplain #repeated repeated} reply is written piece by piece, so a big answer is never built
 * in memory: the stub can serve as the server of a benchmark.
 *
 * @since 0.1
 */
public final class Reply {

  enum Kind {
    CONTENT,
    ERROR,
    STALL,
    DROP
  }

  /** How a streamed content reply ends after its deltas. */
  enum Ending {
    /** With the dialect's finish: the last chunk and {@code [DONE]}, or {@code "done":true}. */
    FINISH,
    /** Not at all: the server holds the stream open until it closes. */
    STALL,
    /** The stream ends cleanly (last chunk of the HTTP body) without the dialect's finish. */
    TRUNCATE,
    /** The connection is dropped: the HTTP body ends without its last chunk. */
    DROP,
    /** With an error frame of the dialect, then the end of the body. */
    ERROR
  }

  private final ReplyParts parts;

  Reply(ReplyParts parts) {
    this.parts = parts;
  }

  /** What the server reads of this reply. */
  ReplyParts parts() {
    return parts;
  }

  private static Reply content(List<String> deltas, long repeat) {
    ReplyParts.Draft draft = new ReplyParts.Draft(Kind.CONTENT);
    draft.deltas = deltas;
    draft.repeat = repeat;
    draft.usage = true;
    return draft.reply();
  }

  /** A copy with the changes made to a draft of this reply. */
  private Reply change(Consumer<ReplyParts.Draft> change) {
    ReplyParts.Draft draft = parts.draft();
    change.accept(draft);
    return draft.reply();
  }

  /**
   * A text answer; a streaming request gets it in word-sized deltas.
   *
   * @param text the answer
   * @return the reply
   */
  public static Reply text(String text) {
    return content(DefaultReplies.words(Objects.requireNonNull(text, "text")), 1);
  }

  /**
   * An answer whose text is the given JSON (for JSON modes).
   *
   * @param json the JSON text, sent as the message content
   * @return the reply
   */
  public static Reply json(String json) {
    return text(json);
  }

  /**
   * An answer whose text is the given JSON value.
   *
   * @param json the value
   * @return the reply
   */
  public static Reply json(JsonValue json) {
    return text(json.toJson());
  }

  /**
   * A streamed answer with exactly these deltas.
   *
   * @param deltas the deltas, in order
   * @return the reply
   */
  public static Reply stream(String... deltas) {
    return stream(List.of(deltas));
  }

  /**
   * A streamed answer with exactly these deltas.
   *
   * @param deltas the deltas, in order
   * @return the reply
   */
  public static Reply stream(List<String> deltas) {
    return content(deltas, 1);
  }

  /**
   * A big answer: {@code delta} sent {@code count} times, written piece by piece and never built in
   * memory.
   *
   * @param delta one delta
   * @param count how many times, at least 1
   * @return the reply
   */
  public static Reply repeated(String delta, long count) {
    Objects.requireNonNull(delta, "delta");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, but was " + count);
    }
    return content(List.of(delta), count);
  }

  /**
   * An answer that calls tools, with no text: OpenAI's {@code tool_calls} with {@code content:
   * null} and finish reason {@code tool_calls}, streamed as one delta naming each call and then its
   * arguments in fragments, by {@code index}, as the real API sends them; Ollama's whole {@code
   * tool_calls} with the arguments as an object (as a string when they are not valid JSON),
   * streamed in a line before the {@code done} line, with {@code done_reason} {@code stop};
   * Anthropic's {@code tool_use} blocks with {@code stop_reason} {@code tool_use}, streamed as
   * {@code input_json_delta} fragments (the first one empty) after each block's start.
   *
   * @param calls the calls, in order; at least one
   * @return the reply
   */
  public static Reply toolCalls(List<Part.ToolCall> calls) {
    return content(List.of(), 1).withToolCalls(calls);
  }

  /**
   * An answer that calls tools, with no text; see {@link #toolCalls(List)}.
   *
   * @param calls the calls, in order; at least one
   * @return the reply
   */
  public static Reply toolCalls(Part.ToolCall... calls) {
    return toolCalls(List.of(calls));
  }

  /**
   * An HTTP error answer, sent as written.
   *
   * @param status the HTTP status, 100 to 599
   * @param body the body; {@code application/json} when it starts with <code>{</code> or {@code [},
   *     else {@code text/plain}
   * @return the reply
   */
  public static Reply error(int status, String body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be between 100 and 599, but was " + status);
    }
    Objects.requireNonNull(body, "body");
    ReplyParts.Draft draft = new ReplyParts.Draft(Kind.ERROR);
    draft.status = status;
    draft.body = body;
    return draft.reply();
  }

  /**
   * An HTTP error answer whose body is the dialect's own error shape for this status: OpenAI's
   * {@code {"error":{"message","type","param","code"}}} with the type and code the real API sends
   * for the status, Ollama's {@code {"error":"<message>"}}, Anthropic's {@code
   * {"type":"error","error":{"type","message"},"request_id"}}.
   *
   * @param status the HTTP status, 400 to 599
   * @param message the error message
   * @return the reply
   * @since 0.2
   */
  public static Reply apiError(int status, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be between 400 and 599, but was " + status);
    }
    ReplyParts.Draft draft = new ReplyParts.Draft(Kind.ERROR);
    draft.status = status;
    draft.body = Objects.requireNonNull(message, "message");
    draft.dialectError = true;
    return draft.reply();
  }

  /**
   * An inferd {@code error} frame with this code ({@code queue_full}, {@code backend_unavailable},
   * {@code invalid_request}, {@code frame_too_large}, {@code internal}, or any other); on an HTTP
   * dialect, the error of status 429, 503, 400, 413 (else 500) with a body {@code {code,message}}.
   *
   * @param code the code
   * @param message the message
   * @return the reply
   * @since 0.2
   */
  public static Reply inferdError(String code, String message) {
    return error(InferdWire.status(code), InferdWire.errorBody(code, message));
  }

  /**
   * A reply that accepts the request and never answers, until the client gives up or the server
   * closes: for timeout tests.
   *
   * @return the reply
   */
  public static Reply stall() {
    return new ReplyParts.Draft(Kind.STALL).reply();
  }

  /**
   * A reply that accepts the request and does not answer for this long, then drops the connection
   * (or ends sooner when the server closes): a stall that frees the server's thread, for soak tests
   * that stall many calls past a client's timeout.
   *
   * @param duration how long to stall, positive
   * @return the reply
   */
  public static Reply stall(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("duration must be positive, but was " + duration);
    }
    ReplyParts.Draft draft = new ReplyParts.Draft(Kind.STALL);
    draft.delay = duration;
    return draft.reply();
  }

  /**
   * A reply that accepts the request and drops the connection without any answer, as a reset
   * connection looks to the client.
   *
   * @return the reply
   */
  public static Reply drop() {
    return new ReplyParts.Draft(Kind.DROP).reply();
  }

  /**
   * A reply from its JSON form, as the control endpoint {@code POST /_stub/replies} takes it:
   * {@code {"type":"text","text":..}}, {@code {"type":"json","json":..}}, {@code
   * {"type":"stream","deltas":[..]}}, {@code {"type":"error","status":429,"body":..,
   * "headers":{..}}} (an inferd code: {@code {"type":"error","code":..,"message":..}}), {@code
   * {"type":"stall"}} (with {@code "ms"} for a {@linkplain #stall(Duration) bounded stall}) or
   * {@code {"type":"drop"}}; an error without a {@code body} is an {@linkplain #apiError API error}
   * with its {@code message}; any reply takes {@code headers}; content replies also take {@code
   * delay_ms}, {@code reasoning}, {@code reasoning_field} ({@code reasoning_content}, {@code
   * reasoning} or {@code content_parts}), {@code finish_reason}, {@code model}, {@code id}, {@code
   * created} (Unix seconds or RFC 3339), {@code usage: {"prompt_tokens","completion_tokens"}} (or
   * {@code false}) and {@code end}: {@code stall}, {@code truncate}, {@code drop} or {@code error}
   * (with the message in {@code error}) for how a stream ends after its deltas.
   *
   * @param spec the JSON object
   * @return the reply
   * @throws IllegalArgumentException for an unknown type or a missing field
   */
  public static Reply fromJson(JsonValue spec) {
    return ReplySpecs.parse(spec);
  }

  /**
   * A copy that waits this long before each delta of a streamed answer.
   *
   * @param delay the pause, {@code >= 0}
   * @return the copy
   */
  public Reply withDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must be >= 0, but was " + delay);
    }
    return change(draft -> draft.delay = delay);
  }

  /**
   * A copy that sends reasoning ({@code reasoning_content}, Ollama {@code thinking}, an Anthropic
   * {@code thinking} block with a signature) before the text.
   *
   * @param reasoning the reasoning
   * @return the copy
   */
  public Reply withReasoning(String reasoning) {
    Objects.requireNonNull(reasoning, "reasoning");
    return change(draft -> draft.reasoning = reasoning);
  }

  /**
   * A copy of a content reply that also calls these tools, after its text.
   *
   * @param calls the calls, in order; at least one
   * @return the copy
   */
  public Reply withToolCalls(List<Part.ToolCall> calls) {
    List<Part.ToolCall> copy = List.copyOf(calls);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a tool call reply needs at least one call");
    }
    if (parts.kind() != Kind.CONTENT || parts.repeat() != 1) {
      throw new IllegalStateException("only a text or stream reply calls tools, not " + this);
    }
    return change(draft -> draft.toolCalls = copy);
  }

  /**
   * A copy with this finish reason ({@code stop} by default, {@code tool_calls} for an OpenAI reply
   * that calls tools; Ollama's {@code done_reason}; Anthropic's {@code stop_reason}, by default
   * {@code end_turn} or {@code tool_use}; inferd's {@code stop_reason}, by default {@code end}).
   *
   * @param finishReason the raw finish reason
   * @return the copy
   */
  public Reply withFinishReason(String finishReason) {
    Objects.requireNonNull(finishReason, "finishReason");
    return change(draft -> draft.finishReason = finishReason);
  }

  /**
   * A copy that reports this usage instead of the counts derived from the words.
   *
   * @param promptTokens prompt tokens
   * @param completionTokens completion tokens
   * @return the copy
   */
  public Reply withUsage(long promptTokens, long completionTokens) {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must be >= 0, but were " + promptTokens + " and " + completionTokens);
    }
    return change(
        draft -> {
          draft.promptTokens = promptTokens;
          draft.completionTokens = completionTokens;
          draft.usage = true;
        });
  }

  /**
   * A copy that reports no usage at all.
   *
   * @return the copy
   */
  public Reply withoutUsage() {
    return change(draft -> draft.usage = false);
  }

  /**
   * A copy that names this model instead of the requested one.
   *
   * @param model the model name
   * @return the copy
   */
  public Reply withModel(String model) {
    Objects.requireNonNull(model, "model");
    return change(draft -> draft.model = model);
  }

  /**
   * A copy whose answer carries this id ({@code id} of an OpenAI completion, of an Anthropic
   * message) instead of one the server numbers per answer ({@code chatcmpl-stub-00000001}, {@code
   * msg_stub_00000001}).
   *
   * @param id the id
   * @return the copy
   * @since 0.2
   */
  public Reply withId(String id) {
    Objects.requireNonNull(id, "id");
    return change(draft -> draft.id = id);
  }

  /**
   * A copy whose answer was created at this instant (OpenAI's {@code created}, Ollama's {@code
   * created_at}) instead of the server clock's now.
   *
   * @param created the instant
   * @return the copy
   * @since 0.2
   */
  public Reply withCreated(Instant created) {
    Objects.requireNonNull(created, "created");
    return change(draft -> draft.created = created);
  }

  /**
   * A copy that sends its {@linkplain #withReasoning reasoning} in this OpenAI-dialect field
   * ({@link ReasoningField#REASONING_CONTENT} by default); the other dialects have one way each.
   *
   * @param field where the reasoning goes
   * @return the copy
   * @since 0.2
   */
  public Reply withReasoningField(ReasoningField field) {
    Objects.requireNonNull(field, "field");
    return change(draft -> draft.reasoningField = field);
  }

  /**
   * A copy with one more response header (for example {@code Retry-After} on an error, or a
   * scripted {@code x-request-id}, which then replaces the one the server makes up).
   *
   * @param name the header name
   * @param value the value
   * @return the copy
   */
  public Reply withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, String> more = new LinkedHashMap<>(parts.headers());
    more.put(name, value);
    return change(draft -> draft.headers = more);
  }

  /**
   * A copy of a content reply that, when streamed, sends its deltas and then stalls without ending
   * the stream: for idle-timeout and cancellation tests.
   *
   * @return the copy
   */
  public Reply stallingAfterDeltas() {
    return ending(Ending.STALL, parts.bodyText());
  }

  /**
   * A copy of a content reply that, when streamed, sends its deltas and then ends the body cleanly
   * without the dialect's finish (no finish reason and no {@code [DONE]}, or no {@code
   * "done":true}): a truncated stream.
   *
   * @return the copy
   */
  public Reply truncatedAfterDeltas() {
    return ending(Ending.TRUNCATE, parts.bodyText());
  }

  /**
   * A copy of a content reply that, when streamed, sends its deltas and then drops the connection
   * in the middle of the chunked body, as a reset connection looks to the client.
   *
   * @return the copy
   */
  public Reply droppingAfterDeltas() {
    return ending(Ending.DROP, parts.bodyText());
  }

  /**
   * A copy of a content reply that, when streamed, sends its deltas and then an error in the
   * stream, as providers report a failure after the HTTP 200: {@code data:
   * {"error":{"message":..,"type":"server_error"}}} (OpenAI), {@code {"error":..}} (Ollama) or
   * {@code event: error} with an {@code api_error} (Anthropic).
   *
   * @param message the error message
   * @return the copy
   */
  public Reply failingAfterDeltas(String message) {
    return ending(Ending.ERROR, Objects.requireNonNull(message, "message"));
  }

  private Reply ending(Ending ending, String body) {
    if (parts.kind() != Kind.CONTENT) {
      throw new IllegalStateException("only a content reply ends after its deltas, not " + this);
    }
    return change(
        draft -> {
          draft.ending = ending;
          draft.body = body;
        });
  }

  @Override
  public String toString() {
    return parts.toString();
  }
}
