package dev.inference.opentelemetry.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;

/**
 * The tracer and the two histograms of one {@code InferenceTelemetry}, made once and shared by
 * every call.
 *
 * @param tracer the tracer of scope {@value #SCOPE}
 * @param duration {@code gen_ai.client.operation.duration}
 * @param tokens {@code gen_ai.client.token.usage}
 * @param captureContent whether prompts and answers are recorded
 */
public record Instruments(
    Tracer tracer, DoubleHistogram duration, LongHistogram tokens, boolean captureContent) {

  /** The instrumentation scope's name. */
  public static final String SCOPE = "dev.inference";

  /**
   * Makes the instruments.
   *
   * @param openTelemetry where spans and metrics go
   * @param captureContent whether prompts and answers are recorded
   * @return the instruments
   */
  public static Instruments create(OpenTelemetry openTelemetry, boolean captureContent) {
    String version = Instruments.class.getPackage().getImplementationVersion();
    TracerBuilder tracers = openTelemetry.tracerBuilder(SCOPE);
    MeterBuilder meters = openTelemetry.meterBuilder(SCOPE);
    if (version != null) {
      tracers.setInstrumentationVersion(version);
      meters.setInstrumentationVersion(version);
    }
    Meter meter = meters.build();
    DoubleHistogram duration =
        meter
            .histogramBuilder(GenAi.OPERATION_DURATION)
            .setUnit("s")
            .setDescription("GenAI operation duration.")
            .setExplicitBucketBoundariesAdvice(GenAi.DURATION_BUCKETS)
            .build();
    LongHistogram tokens =
        meter
            .histogramBuilder(GenAi.TOKEN_USAGE)
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Number of input and output tokens used.")
            .setExplicitBucketBoundariesAdvice(GenAi.TOKEN_BUCKETS)
            .build();
    return new Instruments(tracers.build(), duration, tokens, captureContent);
  }
}
