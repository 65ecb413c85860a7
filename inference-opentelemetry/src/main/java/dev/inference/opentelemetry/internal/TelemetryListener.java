package dev.inference.opentelemetry.internal;

import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.ProviderDescription;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * The client's listener: gives each call a {@link CallSpan} whose parent is the context current on
 * the caller's thread when the call starts, so a call that completes on another thread (an {@code
 * inferAsync}, a stream) still belongs to the caller's trace.
 */
public final class TelemetryListener extends InferenceListener {

  private final Instruments instruments;

  /**
   * A listener over the given instruments.
   *
   * @param instruments the tracer and histograms
   */
  public TelemetryListener(Instruments instruments) {
    this.instruments = instruments;
  }

  @Override
  public InferenceListener forCall(CallInfo call) {
    return new CallSpan(instruments, call, Context.current());
  }

  /**
   * A fallback hop is another attempt of the same call: an {@code inference.attempt.failed} event
   * on the span current where the hop happens (the caller's), naming both clients; each client's
   * own call has its own span under it.
   */
  @Override
  public void fallingBack(
      InferenceRequest request,
      int attempt,
      ProviderDescription failed,
      ProviderDescription next,
      InferenceException cause) {
    Span.current()
        .addEvent(
            GenAi.ATTEMPT_FAILED_EVENT,
            Attributes.builder()
                .put(GenAi.ATTEMPT_NUMBER, attempt)
                .put(GenAi.ERROR_TYPE, GenAi.errorType(cause.kind()))
                .put(GenAi.FALLBACK_FROM, failed.providerName() + "/" + failed.modelName())
                .put(GenAi.FALLBACK_TO, next.providerName() + "/" + next.modelName())
                .build());
  }

  @Override
  public String toString() {
    return "InferenceTelemetry.listener(captureContent=" + instruments.captureContent() + ")";
  }
}
