package dev.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The canonical answer to an {@link InferenceRequest}, the same for every provider and for
 * blocking, asynchronous and streaming calls.
 *
 * @since 0.1
 */
public final class InferenceResponse {

  private final String text;
  private final @Nullable JsonValue parsedJson;
  private final @Nullable Usage usage;
  private final @Nullable FinishReason finishReason;
  private final @Nullable String reasoning;
  private final String providerName;
  private final String modelName;
  private final String requestId;
  private final @Nullable String providerRequestId;
  private final @Nullable String responseId;
  private final Map<String, String> rateLimits;
  private final List<Part.ToolCall> toolCalls;

  private InferenceResponse(Builder builder) {
    this.text = Objects.requireNonNull(builder.text, "text was not set");
    this.parsedJson = builder.parsedJson;
    this.usage = builder.usage;
    this.finishReason = builder.finishReason;
    this.reasoning = builder.reasoning;
    this.providerName = Objects.requireNonNull(builder.providerName, "providerName was not set");
    this.modelName = Objects.requireNonNull(builder.modelName, "modelName was not set");
    this.requestId = Objects.requireNonNull(builder.requestId, "requestId was not set");
    this.providerRequestId = builder.providerRequestId;
    this.responseId = builder.responseId;
    this.rateLimits =
        builder.rateLimits == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(builder.rateLimits));
    this.toolCalls = List.copyOf(builder.toolCalls);
  }

  /**
   * A new builder; drivers use it.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this response's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.text = text;
    builder.parsedJson = parsedJson;
    builder.usage = usage;
    builder.finishReason = finishReason;
    builder.reasoning = reasoning;
    builder.providerName = providerName;
    builder.modelName = modelName;
    builder.requestId = requestId;
    builder.providerRequestId = providerRequestId;
    builder.responseId = responseId;
    rateLimits.forEach(builder::rateLimit);
    builder.toolCalls = toolCalls;
    return builder;
  }

  /**
   * The generated text, exactly as the provider sent it (in JSON modes too).
   *
   * @return the text, never {@code null}; may be empty
   */
  public String text() {
    return text;
  }

  /**
   * The tools the model asked to call, in the order it gave them. A call whose arguments are not
   * valid JSON is here too, with its raw text ({@link Part.ToolCall#argumentsValid()}).
   *
   * @return an unmodifiable list; empty when the model answered in text
   * @since 0.2
   */
  public List<Part.ToolCall> toolCalls() {
    return toolCalls;
  }

  /**
   * This answer as the assistant turn of a conversation: its text (when there is any) and its tool
   * calls, ready to be sent back with the tools' results.
   *
   * @return the assistant message
   * @since 0.2
   */
  public Message message() {
    List<Part> parts = new ArrayList<>();
    if (!text.isEmpty() || toolCalls.isEmpty()) {
      parts.add(new Part.Text(text));
    }
    parts.addAll(toolCalls);
    return Message.of(Role.ASSISTANT, parts);
  }

  /**
   * The JSON object found in the text, for requests whose {@link ResponseFormat} is JSON.
   *
   * @return the object, or empty in text mode
   */
  public Optional<JsonValue> parsedJson() {
    return Optional.ofNullable(parsedJson);
  }

  /**
   * Token counts, when the provider sent them; never invented.
   *
   * @return the usage, or empty
   */
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  /**
   * Why generation stopped, when the provider said.
   *
   * @return the finish reason, or empty
   */
  public Optional<FinishReason> finishReason() {
    return Optional.ofNullable(finishReason);
  }

  /**
   * The model's reasoning ({@code reasoning_content}, {@code reasoning}, Ollama {@code thinking}),
   * never mixed into {@link #text()}.
   *
   * @return the reasoning, or empty
   */
  public Optional<String> reasoning() {
    return Optional.ofNullable(reasoning);
  }

  /**
   * Who served the answer ({@code openai}, {@code ollama}, {@code bitloops}).
   *
   * @return the provider name, never {@code null}
   */
  public String providerName() {
    return providerName;
  }

  /**
   * The model that answered, as the provider named it, else the configured model.
   *
   * @return the model name, never {@code null}
   */
  public String modelName() {
    return modelName;
  }

  /**
   * The id of the request this answers.
   *
   * @return the request id, never {@code null}
   */
  public String requestId() {
    return requestId;
  }

  /**
   * The provider's id for the call (its {@code x-request-id} header).
   *
   * @return the provider's request id, or empty
   */
  public Optional<String> providerRequestId() {
    return Optional.ofNullable(providerRequestId);
  }

  /**
   * The provider's id of the answer in its body: OpenAI's {@code chatcmpl-...}, Anthropic's {@code
   * msg_...}; Ollama gives none.
   *
   * @return the answer's id, or empty
   * @since 0.2
   */
  public Optional<String> responseId() {
    return Optional.ofNullable(responseId);
  }

  /**
   * The rate-limit headers the provider sent ({@code x-ratelimit-remaining-requests} and the like),
   * names in lower case.
   *
   * @return an unmodifiable map, possibly empty
   */
  public Map<String, String> rateLimits() {
    return rateLimits;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InferenceResponse that
        && text.equals(that.text)
        && Objects.equals(parsedJson, that.parsedJson)
        && Objects.equals(usage, that.usage)
        && Objects.equals(finishReason, that.finishReason)
        && Objects.equals(reasoning, that.reasoning)
        && providerName.equals(that.providerName)
        && modelName.equals(that.modelName)
        && requestId.equals(that.requestId)
        && Objects.equals(providerRequestId, that.providerRequestId)
        && Objects.equals(responseId, that.responseId)
        && rateLimits.equals(that.rateLimits)
        && toolCalls.equals(that.toolCalls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, parsedJson, usage, finishReason, providerName, modelName, requestId);
  }

  @Override
  public String toString() {
    String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return "InferenceResponse{requestId="
        + requestId
        + ", provider="
        + providerName
        + ", model="
        + modelName
        + ", finishReason="
        + (finishReason == null ? "none" : finishReason.raw())
        + ", usage="
        + usage
        + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls)
        + ", text="
        + JsonValue.of(shown).toJson()
        + '}';
  }

  /** Builds an {@link InferenceResponse}. */
  public static final class Builder {
    private @Nullable String text;
    private @Nullable JsonValue parsedJson;
    private @Nullable Usage usage;
    private @Nullable FinishReason finishReason;
    private @Nullable String reasoning;
    private @Nullable String providerName;
    private @Nullable String modelName;
    private @Nullable String requestId;
    private @Nullable String providerRequestId;
    private @Nullable String responseId;
    private @Nullable Map<String, String> rateLimits; // most responses have none
    private List<Part.ToolCall> toolCalls = List.of(); // immutable: replaced, never added to

    private Builder() {}

    /**
     * Sets the text.
     *
     * @param text the generated text
     * @return this builder
     */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Sets the tool calls the model asked for.
     *
     * @param toolCalls the calls, in order
     * @return this builder
     * @since 0.2
     */
    public Builder toolCalls(List<Part.ToolCall> toolCalls) {
      this.toolCalls = List.copyOf(toolCalls);
      return this;
    }

    /**
     * Sets the parsed JSON object.
     *
     * @param parsedJson the object
     * @return this builder
     */
    public Builder parsedJson(JsonValue parsedJson) {
      this.parsedJson = Objects.requireNonNull(parsedJson, "parsedJson");
      return this;
    }

    /**
     * Sets the usage.
     *
     * @param usage the counts
     * @return this builder
     */
    public Builder usage(Usage usage) {
      this.usage = Objects.requireNonNull(usage, "usage");
      return this;
    }

    /**
     * Sets the finish reason.
     *
     * @param finishReason the reason
     * @return this builder
     */
    public Builder finishReason(FinishReason finishReason) {
      this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
      return this;
    }

    /**
     * Sets the reasoning.
     *
     * @param reasoning the reasoning text
     * @return this builder
     */
    public Builder reasoning(String reasoning) {
      this.reasoning = Objects.requireNonNull(reasoning, "reasoning");
      return this;
    }

    /**
     * Sets the provider name.
     *
     * @param providerName the provider
     * @return this builder
     */
    public Builder providerName(String providerName) {
      this.providerName = Objects.requireNonNull(providerName, "providerName");
      return this;
    }

    /**
     * Sets the model name.
     *
     * @param modelName the model
     * @return this builder
     */
    public Builder modelName(String modelName) {
      this.modelName = Objects.requireNonNull(modelName, "modelName");
      return this;
    }

    /**
     * Sets the request id.
     *
     * @param requestId the id
     * @return this builder
     */
    public Builder requestId(String requestId) {
      this.requestId = Objects.requireNonNull(requestId, "requestId");
      return this;
    }

    /**
     * Sets the provider's request id.
     *
     * @param providerRequestId the id
     * @return this builder
     */
    public Builder providerRequestId(String providerRequestId) {
      this.providerRequestId = Objects.requireNonNull(providerRequestId, "providerRequestId");
      return this;
    }

    /**
     * Sets the provider's id of the answer.
     *
     * @param responseId the id from the body
     * @return this builder
     * @since 0.2
     */
    public Builder responseId(String responseId) {
      this.responseId = Objects.requireNonNull(responseId, "responseId");
      return this;
    }

    /**
     * Adds a rate-limit header.
     *
     * @param name the header name, stored in lower case
     * @param value the value
     * @return this builder
     */
    public Builder rateLimit(String name, String value) {
      if (rateLimits == null) {
        rateLimits = new LinkedHashMap<>();
      }
      rateLimits.put(
          name.toLowerCase(java.util.Locale.ROOT), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the response.
     *
     * @return the response
     * @throws NullPointerException if text, provider name, model name or request id is missing
     */
    public InferenceResponse build() {
      return new InferenceResponse(this);
    }
  }
}
