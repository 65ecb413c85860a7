package dev.inference;

import dev.inference.internal.RequestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One request for generated text: the conversation, the response format, the tools the model may
 * call and the sampling options.
 *
 * <p>Options left unset fall back to the client's profile (temperature, maximum output tokens) or
 * to the provider's default. A request the builder accepts may still be refused by the provider; a
 * request the builder rejects never reaches the network.
 *
 * <pre>{@code
 * InferenceRequest request = InferenceRequest.builder()
 *     .systemPrompt("You write terse summaries.")
 *     .userPrompt("Summarise this diff.")
 *     .responseFormat(ResponseFormat.jsonObject())
 *     .temperature(0.1)
 *     .maxOutputTokens(200)
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class InferenceRequest {

  /** The largest output-token limit, as in the bitloops protocol (an unsigned 32-bit integer). */
  public static final long MAX_OUTPUT_TOKENS_LIMIT = 4_294_967_295L;

  private final List<Message> messages;
  // The shorthand the request was built with, if any, so that toBuilder() can hand it back.
  private final @Nullable String systemPrompt;
  private final @Nullable String userPrompt;
  private final ResponseFormat responseFormat;
  private final List<Tool> tools;
  private final ToolChoice toolChoice;
  private final @Nullable Boolean parallelToolCalls;
  // kept as the accessors return them: no box, and nothing made per read
  private final OptionalDouble temperature;
  private final OptionalLong maxOutputTokens;
  private final List<String> stop;
  private final @Nullable Long seed;
  private final @Nullable Double topP;
  private final String requestId;
  // an id the library made up is this request's alone: toBuilder() does not hand it on
  private final boolean requestIdGenerated;
  private final Map<String, JsonValue> metadata;
  private final @Nullable Duration timeout;

  private InferenceRequest(Builder builder, List<Message> messages) {
    this.messages = List.copyOf(messages);
    this.systemPrompt = builder.conversation.shorthandSystemPrompt();
    this.userPrompt = builder.conversation.shorthandUserPrompt();
    this.responseFormat = builder.responseFormat;
    this.tools = List.copyOf(builder.tools);
    this.toolChoice = builder.toolChoice;
    this.parallelToolCalls = builder.parallelToolCalls;
    this.temperature = builder.temperature;
    this.maxOutputTokens = builder.maxOutputTokens;
    this.stop = List.copyOf(builder.stop);
    this.seed = builder.seed;
    this.topP = builder.topP;
    this.requestIdGenerated = builder.requestId == null;
    this.requestId = requestIdGenerated ? RequestIds.next() : builder.requestId;
    this.metadata =
        builder.metadata.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
    this.timeout = builder.timeout;
  }

  /**
   * A new, empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A request with just a user prompt and every other option at its default.
   *
   * @param userPrompt the prompt
   * @return the request
   */
  public static InferenceRequest of(String userPrompt) {
    return builder().userPrompt(userPrompt).build();
  }

  /**
   * A builder holding this request's values: {@code request.toBuilder().userPrompt("next").build()}
   * asks the next question under the same system prompt, as a new call with a new id (a request id
   * the caller set is kept; one the library generated is not). See {@link Builder} for how the
   * shorthand and messages combine.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.conversation.inherit(systemPrompt, userPrompt, messages);
    builder.responseFormat = responseFormat;
    builder.tools.addAll(tools);
    builder.toolChoice = toolChoice;
    builder.parallelToolCalls = parallelToolCalls;
    builder.temperature = temperature;
    builder.maxOutputTokens = maxOutputTokens;
    builder.stop = stop;
    builder.seed = seed;
    builder.topP = topP;
    builder.requestId = requestIdGenerated ? null : requestId;
    if (!metadata.isEmpty()) {
      builder.metadata = new LinkedHashMap<>(metadata);
    }
    builder.timeout = timeout;
    return builder;
  }

  /**
   * The conversation, in order.
   *
   * @return an unmodifiable list, never empty
   */
  public List<Message> messages() {
    return messages;
  }

  /**
   * The requested shape of answer.
   *
   * @return the format, {@link ResponseFormat#text()} unless set
   * @since 0.2
   */
  public ResponseFormat responseFormat() {
    return responseFormat;
  }

  /**
   * The tools the model may call.
   *
   * @return an unmodifiable list, possibly empty
   * @since 0.2
   */
  public List<Tool> tools() {
    return tools;
  }

  /**
   * Whether and which tool the model must call.
   *
   * @return the choice, {@link ToolChoice#auto()} unless set
   * @since 0.2
   */
  public ToolChoice toolChoice() {
    return toolChoice;
  }

  /**
   * Whether the model may ask for several tool calls in one answer; empty means the provider's
   * default (which is yes for the providers that have the option).
   *
   * @return the flag, or empty
   * @since 0.2
   */
  public Optional<Boolean> parallelToolCalls() {
    return Optional.ofNullable(parallelToolCalls);
  }

  /**
   * The sampling temperature; empty means the profile's default.
   *
   * @return the temperature, or empty
   */
  public OptionalDouble temperature() {
    return temperature;
  }

  /**
   * The output-token limit; empty means the profile's default.
   *
   * @return the limit, or empty
   */
  public OptionalLong maxOutputTokens() {
    return maxOutputTokens;
  }

  /**
   * Stop sequences.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<String> stop() {
    return stop;
  }

  /**
   * The sampling seed, for providers that support one.
   *
   * @return the seed, or empty
   */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /**
   * Nucleus sampling probability.
   *
   * @return top-p, or empty
   */
  public OptionalDouble topP() {
    return topP == null ? OptionalDouble.empty() : OptionalDouble.of(topP);
  }

  /**
   * The id that ties this request to its response, errors and listener events; generated when not
   * set.
   *
   * @return the id, never {@code null}
   */
  public String requestId() {
    return requestId;
  }

  /**
   * Caller metadata; passed to listeners, not sent to the provider.
   *
   * @return an unmodifiable map, possibly empty
   */
  public Map<String, JsonValue> metadata() {
    return metadata;
  }

  /**
   * A deadline for this call that replaces the client's total timeout.
   *
   * @return the timeout, or empty
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * Compares by value: every value above, the request id included, so two requests are equal only
   * when they are the same call. How the conversation was given (shorthand or messages) is not part
   * of the value.
   *
   * @param other the object to compare with
   * @return whether {@code other} is a request with the same values
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof InferenceRequest that
        && messages.equals(that.messages)
        && responseFormat.equals(that.responseFormat)
        && tools.equals(that.tools)
        && toolChoice.equals(that.toolChoice)
        && Objects.equals(parallelToolCalls, that.parallelToolCalls)
        && Objects.equals(temperature, that.temperature)
        && Objects.equals(maxOutputTokens, that.maxOutputTokens)
        && stop.equals(that.stop)
        && Objects.equals(seed, that.seed)
        && Objects.equals(topP, that.topP)
        && requestId.equals(that.requestId)
        && metadata.equals(that.metadata)
        && Objects.equals(timeout, that.timeout);
  }

  @Override
  public int hashCode() {
    // equal requests share their id and messages; the id alone tells calls apart
    return 31 * requestId.hashCode() + messages.hashCode();
  }

  @Override
  public String toString() {
    return "InferenceRequest{requestId="
        + requestId
        + ", messages="
        + messages.size()
        + ", responseFormat="
        + responseFormat.kind().wireName()
        + (tools.isEmpty() ? "" : ", tools=" + tools.size())
        + (temperature.isPresent() ? ", temperature=" + temperature.getAsDouble() : "")
        + (maxOutputTokens.isPresent() ? ", maxOutputTokens=" + maxOutputTokens.getAsLong() : "")
        + '}';
  }

  /**
   * Builds an {@link InferenceRequest}; each setter checks its value.
   *
   * <p>The conversation is given either with the shorthand ({@link #systemPrompt}, {@link
   * #userPrompt}) or as messages ({@link #messages}, {@link #addMessage}), not both: a builder that
   * holds messages and is given a prompt, or the other way round, fails in {@link #build()}.
   *
   * <p>A builder from {@link InferenceRequest#toBuilder()} holds what the request was built with.
   * For a shorthand request, setting a prompt replaces that prompt and keeps the other ({@code
   * request.toBuilder().userPrompt("next")}), while adding or setting messages first turns the
   * inherited shorthand into the system and user messages, so the conversation can go on ({@code
   * request.toBuilder().addMessage(Message.assistant(answer)).addMessage(Message.user("more"))}).
   * For a request built with messages, setting a prompt is the "not both" error above.
   */
  public static final class Builder {
    private final ConversationDraft conversation = new ConversationDraft();
    private ResponseFormat responseFormat = ResponseFormat.text();
    private final List<Tool> tools = new ArrayList<>();
    private ToolChoice toolChoice = ToolChoice.auto();
    private @Nullable Boolean parallelToolCalls;
    private OptionalDouble temperature = OptionalDouble.empty();
    private OptionalLong maxOutputTokens = OptionalLong.empty();
    private List<String> stop = List.of(); // immutable: replaced, never added to
    private @Nullable Long seed;
    private @Nullable Double topP;
    private @Nullable String requestId;
    private Map<String, JsonValue> metadata = Map.of(); // a map of its own once an entry comes
    private @Nullable Duration timeout;

    private Builder() {}

    /**
     * Sets the system prompt of the shorthand form; it goes before the user prompt.
     *
     * @param systemPrompt the instructions; may be empty
     * @return this builder
     */
    public Builder systemPrompt(String systemPrompt) {
      conversation.systemPrompt(systemPrompt);
      return this;
    }

    /**
     * Sets the user prompt of the shorthand form.
     *
     * @param userPrompt the question or task
     * @return this builder
     */
    public Builder userPrompt(String userPrompt) {
      conversation.userPrompt(userPrompt);
      return this;
    }

    /**
     * Replaces the conversation; use it instead of the system and user prompts for multi-turn
     * conversations.
     *
     * @param messages the messages, in order
     * @return this builder
     */
    public Builder messages(List<Message> messages) {
      conversation.messages(messages);
      return this;
    }

    /**
     * Appends one message to the conversation.
     *
     * @param message the message
     * @return this builder
     */
    public Builder addMessage(Message message) {
      conversation.add(message);
      return this;
    }

    /**
     * Sets the response format.
     *
     * @param responseFormat the format, such as {@link ResponseFormat#jsonObject()}
     * @return this builder
     * @since 0.2
     */
    public Builder responseFormat(ResponseFormat responseFormat) {
      this.responseFormat = Objects.requireNonNull(responseFormat, "responseFormat");
      return this;
    }

    /**
     * Replaces the tools the model may call.
     *
     * @param tools the tools; names must differ
     * @return this builder
     * @since 0.2
     */
    public Builder tools(List<Tool> tools) {
      List<Tool> copy = List.copyOf(tools);
      this.tools.clear();
      copy.forEach(this::addTool);
      return this;
    }

    /**
     * Adds one tool the model may call.
     *
     * @param tool the tool; its name must differ from the others'
     * @return this builder
     * @since 0.2
     */
    public Builder addTool(Tool tool) {
      Objects.requireNonNull(tool, "tool");
      for (Tool known : tools) {
        if (known.name().equals(tool.name())) {
          throw new IllegalArgumentException("two tools are named " + tool.name());
        }
      }
      tools.add(tool);
      return this;
    }

    /**
     * Sets whether and which tool the model must call.
     *
     * @param toolChoice the choice; a named or required choice needs the tools declared
     * @return this builder
     * @since 0.2
     */
    public Builder toolChoice(ToolChoice toolChoice) {
      this.toolChoice = Objects.requireNonNull(toolChoice, "toolChoice");
      return this;
    }

    /**
     * Sets whether the model may ask for several tool calls in one answer.
     *
     * @param parallelToolCalls the flag
     * @return this builder
     * @since 0.2
     */
    public Builder parallelToolCalls(boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    /**
     * Sets the sampling temperature.
     *
     * @param temperature a finite value, {@code >= 0}
     * @return this builder
     */
    public Builder temperature(double temperature) {
      if (!Double.isFinite(temperature) || temperature < 0) {
        throw new IllegalArgumentException(
            "temperature must be a finite value >= 0, but was " + temperature);
      }
      this.temperature = OptionalDouble.of(temperature);
      return this;
    }

    /**
     * Sets the output-token limit.
     *
     * @param maxOutputTokens from 1 to {@value InferenceRequest#MAX_OUTPUT_TOKENS_LIMIT}
     * @return this builder
     */
    public Builder maxOutputTokens(long maxOutputTokens) {
      if (maxOutputTokens < 1 || maxOutputTokens > MAX_OUTPUT_TOKENS_LIMIT) {
        throw new IllegalArgumentException(
            "maxOutputTokens must be between 1 and "
                + MAX_OUTPUT_TOKENS_LIMIT
                + ", but was "
                + maxOutputTokens);
      }
      this.maxOutputTokens = OptionalLong.of(maxOutputTokens);
      return this;
    }

    /**
     * Sets the stop sequences.
     *
     * @param stop non-empty strings
     * @return this builder
     */
    public Builder stop(List<String> stop) {
      List<String> copy = List.copyOf(stop);
      for (String sequence : copy) {
        if (sequence.isEmpty()) {
          throw new IllegalArgumentException("stop sequences must not be empty, but was " + copy);
        }
      }
      this.stop = copy;
      return this;
    }

    /**
     * Sets the sampling seed.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets nucleus sampling.
     *
     * @param topP a value from 0 to 1
     * @return this builder
     */
    public Builder topP(double topP) {
      if (!(topP >= 0 && topP <= 1)) {
        throw new IllegalArgumentException("topP must be between 0 and 1, but was " + topP);
      }
      this.topP = topP;
      return this;
    }

    /**
     * Sets the request id; one is generated when none is set.
     *
     * @param requestId a non-blank id
     * @return this builder
     */
    public Builder requestId(String requestId) {
      Objects.requireNonNull(requestId, "requestId");
      if (requestId.isBlank()) {
        throw new IllegalArgumentException(
            "requestId must not be blank, but was '" + requestId + "'");
      }
      this.requestId = requestId;
      return this;
    }

    /**
     * Adds one metadata entry.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder metadata(String key, JsonValue value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (metadata.isEmpty()) {
        metadata = new LinkedHashMap<>();
      }
      metadata.put(key, value);
      return this;
    }

    /**
     * Replaces the metadata, keeping the map's iteration order.
     *
     * @param metadata the entries; no null keys or values
     * @return this builder
     * @throws NullPointerException if a key or a value is {@code null}; the metadata is then left
     *     as it was
     */
    public Builder metadata(Map<String, JsonValue> metadata) {
      Objects.requireNonNull(metadata, "metadata");
      Map<String, JsonValue> copy = new LinkedHashMap<>();
      metadata.forEach(
          (key, value) -> {
            Objects.requireNonNull(key, "metadata key");
            copy.put(key, Objects.requireNonNull(value, () -> "metadata value of '" + key + "'"));
          });
      this.metadata = copy;
      return this;
    }

    /**
     * Sets a deadline for the whole call, replacing the client's total timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalStateException if there is no message, both the shorthand and a message list
     *     were given, or the tool choice is {@code required} without tools or names a tool the
     *     request does not declare
     */
    public InferenceRequest build() {
      List<Message> messages = conversation.toMessages();
      toolChoice.checkAgainst(tools);
      return new InferenceRequest(this, messages);
    }
  }
}
