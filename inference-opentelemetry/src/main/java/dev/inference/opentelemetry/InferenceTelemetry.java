package dev.inference.opentelemetry;

import dev.inference.InferenceListener;
import dev.inference.opentelemetry.internal.Instruments;
import dev.inference.opentelemetry.internal.TelemetryListener;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * Spans and metrics for inference calls, after the OpenTelemetry semantic conventions for
 * generative AI: one {@code chat {model}} span of kind {@code CLIENT} per call (retries included,
 * as events), and the {@code gen_ai.client.operation.duration} and {@code
 * gen_ai.client.token.usage} histograms.
 *
 * <pre>{@code
 * InferenceTelemetry telemetry = InferenceTelemetry.builder(openTelemetry)
 *     .captureContent(false)
 *     .build();
 * InferenceClient client = Inference.connect(settings, telemetry.listener());
 * }</pre>
 *
 * <p>Prompts and answers are recorded only when {@link Builder#captureContent(boolean)} is on; no
 * secret is ever recorded. Immutable and safe to share: one instance can serve every client.
 *
 * @since 0.2
 */
public final class InferenceTelemetry {

  private final InferenceListener listener;
  private final boolean captureContent;

  private InferenceTelemetry(Builder builder) {
    this.captureContent = builder.captureContent;
    this.listener =
        new TelemetryListener(Instruments.create(builder.openTelemetry, builder.captureContent));
  }

  /**
   * A builder that sends spans and metrics to the given OpenTelemetry.
   *
   * @param openTelemetry the application's OpenTelemetry (its tracer and meter providers)
   * @return the builder, with content capture off
   * @since 0.2
   */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * The listener to give a client ({@code Inference.connect(settings, listener)}); the same
   * listener for every call of this instance, and it may serve several clients.
   *
   * @return the listener, never {@code null}
   * @since 0.2
   */
  public InferenceListener listener() {
    return listener;
  }

  /**
   * Whether prompts and answers are recorded.
   *
   * @return {@code true} when content capture is on
   * @since 0.2
   */
  public boolean capturesContent() {
    return captureContent;
  }

  @Override
  public String toString() {
    return "InferenceTelemetry{captureContent=" + captureContent + '}';
  }

  /**
   * Builds an {@link InferenceTelemetry}.
   *
   * @since 0.2
   */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean captureContent;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /**
     * Whether to record prompts and answers ({@code gen_ai.system_instructions}, {@code
     * gen_ai.input.messages}, {@code gen_ai.output.messages}) on the spans. Off by default: they
     * may hold personal or confidential data.
     *
     * @param captureContent {@code true} to record them
     * @return this builder
     * @since 0.2
     */
    public Builder captureContent(boolean captureContent) {
      this.captureContent = captureContent;
      return this;
    }

    /**
     * Builds the telemetry: makes its tracer and histograms.
     *
     * @return the telemetry
     * @since 0.2
     */
    public InferenceTelemetry build() {
      return new InferenceTelemetry(this);
    }
  }
}
