package dev.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Middleware} that fills in settings a request leaves out: a temperature and an output
 * limit, set only on requests that have none, and a prefix for the system prompt.
 *
 * <pre>{@code
 * InferenceClient client = Inference.wrap(connected, RequestDefaults.builder()
 *     .temperature(0.2)
 *     .maxOutputTokens(500)
 *     .systemPromptPrefix("Answer in English.")
 *     .build());
 * }</pre>
 *
 * <p>The prefix goes before the text of the request's first system message, on a line of its own,
 * unless that text already starts with it; a request without a system message (or whose first one
 * holds more than text) gets the prefix as a new system message at the start.
 *
 * @since 0.2
 */
public final class RequestDefaults implements Middleware {

  private final @Nullable Double temperature;
  private final @Nullable Long maxOutputTokens;
  private final @Nullable String systemPromptPrefix;

  private RequestDefaults(Builder builder) {
    this.temperature = builder.temperature;
    this.maxOutputTokens = builder.maxOutputTokens;
    this.systemPromptPrefix = builder.systemPromptPrefix;
  }

  /**
   * A builder with no defaults set.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The temperature given to requests without one.
   *
   * @return the temperature, or empty
   */
  public OptionalDouble temperature() {
    return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
  }

  /**
   * The output limit given to requests without one.
   *
   * @return the limit, or empty
   */
  public OptionalLong maxOutputTokens() {
    return maxOutputTokens == null ? OptionalLong.empty() : OptionalLong.of(maxOutputTokens);
  }

  /**
   * The text put before every request's system prompt.
   *
   * @return the prefix, or empty
   */
  public Optional<String> systemPromptPrefix() {
    return Optional.ofNullable(systemPromptPrefix);
  }

  @Override
  public String name() {
    return "RequestDefaults";
  }

  @Override
  public InferenceRequest transformRequest(InferenceRequest request) {
    boolean needsTemperature = temperature != null && request.temperature().isEmpty();
    boolean needsLimit = maxOutputTokens != null && request.maxOutputTokens().isEmpty();
    List<Message> messages = withPrefix(request.messages());
    if (!needsTemperature && !needsLimit && messages == null) {
      return request;
    }
    InferenceRequest.Builder builder = request.toBuilder().requestId(request.requestId());
    if (needsTemperature) {
      builder.temperature(Objects.requireNonNull(temperature));
    }
    if (needsLimit) {
      builder.maxOutputTokens(Objects.requireNonNull(maxOutputTokens));
    }
    if (messages != null) {
      builder.messages(messages);
    }
    return builder.build();
  }

  /** The messages with the prefix, or {@code null} when they need no change. */
  private @Nullable List<Message> withPrefix(List<Message> messages) {
    String prefix = systemPromptPrefix;
    if (prefix == null) {
      return null;
    }
    List<Message> out = new ArrayList<>(messages);
    for (int i = 0; i < out.size(); i++) {
      Message message = out.get(i);
      if (message.role() == Role.SYSTEM && message.isTextOnly()) {
        if (message.text().startsWith(prefix)) {
          return null;
        }
        out.set(i, Message.system(prefix + "\n" + message.text()));
        return out;
      }
      if (message.role() == Role.SYSTEM) {
        break;
      }
    }
    out.add(0, Message.system(prefix));
    return out;
  }

  @Override
  public String toString() {
    return "RequestDefaults{"
        + (temperature != null ? "temperature=" + temperature + ", " : "")
        + (maxOutputTokens != null ? "maxOutputTokens=" + maxOutputTokens + ", " : "")
        + (systemPromptPrefix != null
            ? "systemPromptPrefix=" + systemPromptPrefix.length() + " chars"
            : "")
        + '}';
  }

  /**
   * Builds {@link RequestDefaults}; each setter checks its value as {@link
   * InferenceRequest.Builder} does.
   *
   * @since 0.2
   */
  public static final class Builder {
    private @Nullable Double temperature;
    private @Nullable Long maxOutputTokens;
    private @Nullable String systemPromptPrefix;

    private Builder() {}

    /**
     * Sets the temperature for requests without one.
     *
     * @param temperature a finite value {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if out of range; the message names the value
     */
    public Builder temperature(double temperature) {
      InferenceRequest.builder().temperature(temperature); // the request's own check
      this.temperature = temperature;
      return this;
    }

    /**
     * Sets the output limit for requests without one.
     *
     * @param maxOutputTokens from 1 to {@link InferenceRequest#MAX_OUTPUT_TOKENS_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if out of range; the message names the value
     */
    public Builder maxOutputTokens(long maxOutputTokens) {
      InferenceRequest.builder().maxOutputTokens(maxOutputTokens);
      this.maxOutputTokens = maxOutputTokens;
      return this;
    }

    /**
     * Sets the text put before every request's system prompt.
     *
     * @param prefix the text, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder systemPromptPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.isBlank()) {
        throw new IllegalArgumentException("systemPromptPrefix must not be blank");
      }
      this.systemPromptPrefix = prefix;
      return this;
    }

    /**
     * Builds the middleware.
     *
     * @return the middleware
     */
    public RequestDefaults build() {
      return new RequestDefaults(this);
    }
  }
}
