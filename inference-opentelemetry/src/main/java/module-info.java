/**
 * OpenTelemetry for Inference for Java: an {@link dev.inference.InferenceListener} that emits spans
 * and metrics after the OpenTelemetry semantic conventions for generative AI. Depends on the caller
 * API and the OpenTelemetry API only; the application brings the SDK.
 *
 * <p>The OpenTelemetry API is an automatic module (its jars name themselves in their manifests); it
 * is required transitively because {@code InferenceTelemetry.builder} takes its {@code
 * OpenTelemetry}.
 */
@SuppressWarnings("requires-transitive-automatic")
@org.jspecify.annotations.NullMarked
module dev.inference.opentelemetry {
  requires transitive dev.inference;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;
  requires static org.jspecify;

  exports dev.inference.opentelemetry;
}
