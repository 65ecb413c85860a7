package dev.inference.opentelemetry.internal;

import dev.inference.InferenceListener;
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

  @Override
  public String toString() {
    return "InferenceTelemetry.listener(captureContent=" + instruments.captureContent() + ")";
  }
}
