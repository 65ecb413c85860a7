package dev.inference.spi;

import java.util.Objects;

/**
 * What the application gives every driver it connects, beyond the provider settings: the listener
 * for call events, for now.
 *
 * @since 0.1
 */
public final class DriverContext {

  private static final DriverContext DEFAULTS = new Builder().build();

  private final InferenceListener listener;

  private DriverContext(Builder builder) {
    this.listener = builder.listener;
  }

  /**
   * The default context: no listener.
   *
   * @return the context
   */
  public static DriverContext defaults() {
    return DEFAULTS;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The listener for call events.
   *
   * @return the listener, {@link InferenceListener#NONE} unless set
   */
  public InferenceListener listener() {
    return listener;
  }

  /** Builds a {@link DriverContext}. */
  public static final class Builder {
    private InferenceListener listener = InferenceListener.NONE;

    private Builder() {}

    /**
     * Sets the listener for call events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(InferenceListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public DriverContext build() {
      return new DriverContext(this);
    }
  }
}
