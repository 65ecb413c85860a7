package dev.inference;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a driver supports. Declared by its factory and checked by the conformance testkit; a request
 * that needs what its driver does not declare fails with {@link ErrorKind#UNSUPPORTED} before any
 * byte goes out.
 *
 * @since 0.1
 */
public final class Capabilities {

  private final Set<ResponseFormat.Kind> responseFormats;
  private final boolean usageReporting;
  private final boolean streaming;
  private final boolean reasoning;
  private final boolean tools;
  private final boolean parallelToolCalls;
  private final boolean imageInput;
  private final boolean imageUrls;

  private Capabilities(Builder builder) {
    this.responseFormats = Set.copyOf(builder.responseFormats);
    this.tools = builder.tools;
    this.parallelToolCalls = builder.parallelToolCalls;
    this.imageInput = builder.imageInput;
    this.imageUrls = builder.imageUrls;
    this.usageReporting = builder.usageReporting;
    this.streaming = builder.streaming;
    this.reasoning = builder.reasoning;
  }

  /**
   * A new builder: text only, nothing else.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The response formats the driver can serve.
   *
   * @return an unmodifiable set, never empty
   * @since 0.2
   */
  public Set<ResponseFormat.Kind> responseFormats() {
    return responseFormats;
  }

  /**
   * Whether the driver can serve the format.
   *
   * @param kind the kind of format
   * @return {@code true} when {@code kind} is in {@link #responseFormats()}
   * @since 0.2
   */
  public boolean supports(ResponseFormat.Kind kind) {
    return responseFormats.contains(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * Whether the driver can ask for an answer that follows a JSON schema.
   *
   * @return {@code true} when {@link ResponseFormat.Kind#JSON_SCHEMA} is supported
   * @since 0.2
   */
  public boolean jsonSchema() {
    return supports(ResponseFormat.Kind.JSON_SCHEMA);
  }

  /**
   * Whether the driver sends tools and tool results, and reads the tool calls the model makes.
   *
   * @return {@code true} for tool calling
   * @since 0.2
   */
  public boolean tools() {
    return tools;
  }

  /**
   * Whether the driver reads several tool calls in one answer and can send {@link
   * InferenceRequest#parallelToolCalls()}.
   *
   * @return {@code true} for parallel tool calls
   * @since 0.2
   */
  public boolean parallelToolCalls() {
    return parallelToolCalls;
  }

  /**
   * Whether the driver sends images given inline.
   *
   * @return {@code true} for image input
   * @since 0.2
   */
  public boolean imageInput() {
    return imageInput;
  }

  /**
   * Whether the driver sends images given by URL, for the provider to fetch.
   *
   * @return {@code true} for image URLs
   * @since 0.2
   */
  public boolean imageUrls() {
    return imageUrls;
  }

  /**
   * Whether the driver reports token usage when the provider sends it.
   *
   * @return {@code true} when usage is reported
   */
  public boolean usageReporting() {
    return usageReporting;
  }

  /**
   * Whether {@link InferenceClient#stream} delivers deltas as they arrive.
   *
   * @return {@code true} for incremental streaming
   */
  public boolean streaming() {
    return streaming;
  }

  /**
   * Whether the driver separates reasoning from text.
   *
   * @return {@code true} when reasoning is reported
   */
  public boolean reasoning() {
    return reasoning;
  }

  /**
   * A builder holding these values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.responseFormats = EnumSet.copyOf(responseFormats);
    builder.tools = tools;
    builder.parallelToolCalls = parallelToolCalls;
    builder.imageInput = imageInput;
    builder.imageUrls = imageUrls;
    builder.usageReporting = usageReporting;
    builder.streaming = streaming;
    builder.reasoning = reasoning;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Capabilities that
        && responseFormats.equals(that.responseFormats)
        && usageReporting == that.usageReporting
        && streaming == that.streaming
        && reasoning == that.reasoning
        && tools == that.tools
        && parallelToolCalls == that.parallelToolCalls
        && imageInput == that.imageInput
        && imageUrls == that.imageUrls;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        responseFormats,
        usageReporting,
        streaming,
        reasoning,
        tools,
        parallelToolCalls,
        imageInput,
        imageUrls);
  }

  @Override
  public String toString() {
    return "Capabilities{responseFormats="
        + EnumSet.copyOf(responseFormats)
        + ", usageReporting="
        + usageReporting
        + ", streaming="
        + streaming
        + ", reasoning="
        + reasoning
        + ", tools="
        + tools
        + ", parallelToolCalls="
        + parallelToolCalls
        + ", imageInput="
        + imageInput
        + ", imageUrls="
        + imageUrls
        + '}';
  }

  /** Builds {@link Capabilities}. */
  public static final class Builder {
    private EnumSet<ResponseFormat.Kind> responseFormats = EnumSet.of(ResponseFormat.Kind.TEXT);
    private boolean tools;
    private boolean parallelToolCalls;
    private boolean imageInput;
    private boolean imageUrls;
    private boolean usageReporting;
    private boolean streaming;
    private boolean reasoning;

    private Builder() {}

    /**
     * Sets the supported response formats.
     *
     * @param kinds the kinds; must include {@link ResponseFormat.Kind#TEXT}
     * @return this builder
     * @since 0.2
     */
    public Builder responseFormats(Set<ResponseFormat.Kind> kinds) {
      if (!kinds.contains(ResponseFormat.Kind.TEXT)) {
        throw new IllegalArgumentException("responseFormats must include TEXT, but was " + kinds);
      }
      this.responseFormats = EnumSet.copyOf(kinds);
      return this;
    }

    /**
     * Sets whether tools are supported.
     *
     * @param tools {@code true} for tool calling
     * @return this builder
     * @since 0.2
     */
    public Builder tools(boolean tools) {
      this.tools = tools;
      return this;
    }

    /**
     * Sets whether several tool calls in one answer are supported; {@code true} implies {@link
     * #tools}.
     *
     * @param parallelToolCalls {@code true} for parallel tool calls
     * @return this builder
     * @since 0.2
     */
    public Builder parallelToolCalls(boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      this.tools |= parallelToolCalls;
      return this;
    }

    /**
     * Sets whether inline images are supported.
     *
     * @param imageInput {@code true} for image input
     * @return this builder
     * @since 0.2
     */
    public Builder imageInput(boolean imageInput) {
      this.imageInput = imageInput;
      return this;
    }

    /**
     * Sets whether images by URL are supported; {@code true} implies {@link #imageInput}.
     *
     * @param imageUrls {@code true} for image URLs
     * @return this builder
     * @since 0.2
     */
    public Builder imageUrls(boolean imageUrls) {
      this.imageUrls = imageUrls;
      this.imageInput |= imageUrls;
      return this;
    }

    /**
     * Sets whether usage is reported.
     *
     * @param usageReporting {@code true} when usage is reported
     * @return this builder
     */
    public Builder usageReporting(boolean usageReporting) {
      this.usageReporting = usageReporting;
      return this;
    }

    /**
     * Sets whether streaming is incremental.
     *
     * @param streaming {@code true} for incremental streaming
     * @return this builder
     */
    public Builder streaming(boolean streaming) {
      this.streaming = streaming;
      return this;
    }

    /**
     * Sets whether reasoning is reported apart from text.
     *
     * @param reasoning {@code true} when reasoning is reported
     * @return this builder
     */
    public Builder reasoning(boolean reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    /**
     * Builds the capabilities.
     *
     * @return the capabilities
     */
    public Capabilities build() {
      return new Capabilities(this);
    }
  }
}
