package dev.inference.stub;

import dev.inference.Part;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the server reads of a {@link Reply}: its parts, with the defaults that depend on the request
 * or the dialect, and the bytes encoded from them, kept per model and usage (a bounded cache).
 */
final class ReplyParts {

  private static final int CACHE_LIMIT = 64;

  private final Reply.Kind kind;
  private final List<String> deltas;
  private final long repeat;
  private final @Nullable String reasoning;
  private final Duration delay;
  private final @Nullable String finishReason;
  private final List<Part.ToolCall> toolCalls;
  private final long promptTokens;
  private final long completionTokens;
  private final boolean usage;
  private final Reply.Ending ending;
  private final @Nullable String model;
  private final int status;
  private final String body;
  private final Map<String, String> headers;
  private final @Nullable String id;
  private final @Nullable Instant created;
  private final ReasoningField reasoningField;
  private final boolean dialectError;
  private final Map<String, Object> encoded = new ConcurrentHashMap<>();

  ReplyParts(Draft draft) {
    this.kind = draft.kind;
    this.deltas = List.copyOf(draft.deltas);
    this.repeat = draft.repeat;
    this.reasoning = draft.reasoning;
    this.delay = draft.delay;
    this.finishReason = draft.finishReason;
    this.toolCalls = List.copyOf(draft.toolCalls);
    this.promptTokens = draft.promptTokens;
    this.completionTokens = draft.completionTokens;
    this.usage = draft.usage;
    this.ending = draft.ending;
    this.model = draft.model;
    this.status = draft.status;
    this.body = draft.body;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(draft.headers));
    this.id = draft.id;
    this.created = draft.created;
    this.reasoningField = draft.reasoningField;
    this.dialectError = draft.dialectError;
  }

  /** The fields of a reply being made: those of a bare reply until they are set. */
  static final class Draft {
    final Reply.Kind kind;
    List<String> deltas = List.of();
    long repeat = 1;
    @Nullable String reasoning;
    Duration delay = Duration.ZERO;
    @Nullable String finishReason;
    List<Part.ToolCall> toolCalls = List.of();
    long promptTokens = -1;
    long completionTokens = -1;
    boolean usage;
    Reply.Ending ending = Reply.Ending.FINISH;
    @Nullable String model;
    int status = 200;
    String body = "";
    Map<String, String> headers = Map.of();
    @Nullable String id;
    @Nullable Instant created;
    ReasoningField reasoningField = ReasoningField.REASONING_CONTENT;
    boolean dialectError;

    Draft(Reply.Kind kind) {
      this.kind = kind;
    }

    Reply reply() {
      return new Reply(new ReplyParts(this));
    }
  }

  /** A draft holding these parts, to change into another reply. */
  Draft draft() {
    Draft draft = new Draft(kind);
    draft.deltas = deltas;
    draft.repeat = repeat;
    draft.reasoning = reasoning;
    draft.delay = delay;
    draft.finishReason = finishReason;
    draft.toolCalls = toolCalls;
    draft.promptTokens = promptTokens;
    draft.completionTokens = completionTokens;
    draft.usage = usage;
    draft.ending = ending;
    draft.model = model;
    draft.status = status;
    draft.body = body;
    draft.headers = headers;
    draft.id = id;
    draft.created = created;
    draft.reasoningField = reasoningField;
    draft.dialectError = dialectError;
    return draft;
  }

  Reply.Kind kind() {
    return kind;
  }

  List<String> deltas() {
    return deltas;
  }

  long repeat() {
    return repeat;
  }

  Optional<String> reasoning() {
    return Optional.ofNullable(reasoning);
  }

  Duration delay() {
    return delay;
  }

  String finishReason(Dialect dialect) {
    return finishReason != null ? finishReason : dialect.finishReason(!toolCalls.isEmpty());
  }

  List<Part.ToolCall> toolCalls() {
    return toolCalls;
  }

  boolean usage() {
    return usage;
  }

  long promptTokens(long derived) {
    return promptTokens >= 0 ? promptTokens : derived;
  }

  long completionTokens() {
    return completionTokens >= 0 ? completionTokens : (long) deltas.size() * repeat;
  }

  Reply.Ending ending() {
    return ending;
  }

  /** The message of an {@link Reply.Ending#ERROR} ending. */
  String errorMessage() {
    return body;
  }

  String model(String requested) {
    return model != null ? model : requested;
  }

  int status() {
    return status;
  }

  String bodyText() {
    return body;
  }

  byte[] body() {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  Map<String, String> headers() {
    return headers;
  }

  Optional<String> id() {
    return Optional.ofNullable(id);
  }

  Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  ReasoningField reasoningField() {
    return reasoningField;
  }

  /** Whether the body of an error is a message to put in the dialect's error shape. */
  boolean dialectError() {
    return dialectError;
  }

  /** The encoded bytes for a key, computed once; a bounded cache. */
  @SuppressWarnings("unchecked")
  <T> T encoded(String key, java.util.function.Supplier<T> encoder) {
    Object found = encoded.get(key);
    if (found != null) {
      return (T) found;
    }
    T value = encoder.get();
    if (encoded.size() < CACHE_LIMIT) {
      encoded.putIfAbsent(key, value);
    }
    return value;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case CONTENT ->
          "Reply[content, "
              + deltas.size()
              + " delta(s)"
              + (repeat > 1 ? " x" + repeat : "")
              + (toolCalls.isEmpty() ? "" : ", " + toolCalls.size() + " tool call(s)")
              + "]";
      case ERROR -> "Reply[error " + status + "]";
      case STALL -> "Reply[stall" + (delay.isZero() ? "" : " " + delay.toMillis() + " ms") + "]";
      case DROP -> "Reply[drop]";
    };
  }
}
