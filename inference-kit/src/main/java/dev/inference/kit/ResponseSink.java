package dev.inference.kit;

import dev.inference.JsonValue;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where a driver puts what it reads from a response body or from stream frames: text, reasoning,
 * finish reason, usage, model, completion and error payloads. In a stream, every non-empty delta is
 * also handed on as a {@link StreamEvent} at once, so the stream's events and its final response
 * are assembled in one place. Not thread-safe: one sink per call.
 *
 * @since 0.2
 */
public final class ResponseSink {

  private final Consumer<StreamEvent> deltas;

  /** The text while it is one delta (a non-streamed body): kept as is, never copied. */
  private String firstText = "";

  /** The text once a second delta came. */
  private @Nullable StringBuilder text;

  private @Nullable StringBuilder reasoning;
  private boolean sawContent;
  private @Nullable String finishReason;
  private @Nullable Usage usage;
  private @Nullable String model;
  private boolean complete;
  private @Nullable JsonValue error;

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
   * @param deltas receives text and reasoning deltas in order
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
      if (text != null) {
        text.append(delta);
      } else if (firstText.isEmpty()) {
        firstText = delta;
      } else {
        text = new StringBuilder(Math.max(256, 2 * (firstText.length() + delta.length())));
        text.append(firstText).append(delta);
        firstText = "";
      }
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
      if (reasoning == null) {
        reasoning = new StringBuilder();
      }
      reasoning.append(delta);
      deltas.accept(new StreamEvent.ReasoningDelta(delta));
    }
  }

  /**
   * Records the provider's finish reason; a later one replaces an earlier one.
   *
   * @param raw the provider's word
   */
  public void finishReason(String raw) {
    finishReason = raw;
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
    return text == null ? firstText : text.toString();
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
    return reasoning == null ? Optional.empty() : Optional.of(reasoning.toString());
  }

  /**
   * The finish reason.
   *
   * @return the raw reason, or empty
   */
  public Optional<String> finishReason() {
    return Optional.ofNullable(finishReason);
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
}
