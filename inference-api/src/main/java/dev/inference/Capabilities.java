package dev.inference;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a driver supports. Declared by its factory and checked by the conformance testkit.
 *
 * @since 0.1
 */
public final class Capabilities {

  private final Set<ResponseMode> responseModes;
  private final boolean usageReporting;
  private final boolean streaming;
  private final boolean reasoning;

  private Capabilities(Builder builder) {
    this.responseModes = Set.copyOf(builder.responseModes);
    this.usageReporting = builder.usageReporting;
    this.streaming = builder.streaming;
    this.reasoning = builder.reasoning;
  }

  /**
   * A new builder: text mode only, nothing else.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The response modes the driver can serve.
   *
   * @return an unmodifiable set, never empty
   */
  public Set<ResponseMode> responseModes() {
    return responseModes;
  }

  /**
   * Whether the driver can serve the mode.
   *
   * @param mode the mode
   * @return {@code true} when {@code mode} is in {@link #responseModes()}
   */
  public boolean supports(ResponseMode mode) {
    return responseModes.contains(Objects.requireNonNull(mode, "mode"));
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
    builder.responseModes = EnumSet.copyOf(responseModes);
    builder.usageReporting = usageReporting;
    builder.streaming = streaming;
    builder.reasoning = reasoning;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Capabilities that
        && responseModes.equals(that.responseModes)
        && usageReporting == that.usageReporting
        && streaming == that.streaming
        && reasoning == that.reasoning;
  }

  @Override
  public int hashCode() {
    return Objects.hash(responseModes, usageReporting, streaming, reasoning);
  }

  @Override
  public String toString() {
    return "Capabilities{responseModes="
        + EnumSet.copyOf(responseModes)
        + ", usageReporting="
        + usageReporting
        + ", streaming="
        + streaming
        + ", reasoning="
        + reasoning
        + '}';
  }

  /** Builds {@link Capabilities}. */
  public static final class Builder {
    private EnumSet<ResponseMode> responseModes = EnumSet.of(ResponseMode.TEXT);
    private boolean usageReporting;
    private boolean streaming;
    private boolean reasoning;

    private Builder() {}

    /**
     * Sets the supported response modes.
     *
     * @param modes the modes; must include {@link ResponseMode#TEXT}
     * @return this builder
     */
    public Builder responseModes(Set<ResponseMode> modes) {
      if (!modes.contains(ResponseMode.TEXT)) {
        throw new IllegalArgumentException("responseModes must include TEXT, but was " + modes);
      }
      this.responseModes = EnumSet.copyOf(modes);
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
