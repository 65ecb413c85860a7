package dev.inference.kit;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The listener's view of one call: asks the client's listener for the call's own ({@link
 * InferenceListener#forCall}), then tells it that the call started, its first token, and exactly
 * one outcome, with the timings on the pipeline's ticker. A listener that throws is logged and
 * ignored.
 */
final class CallEvents {

  private final CallPipeline pipeline;
  private final InferenceRequest request;
  private final InferenceListener listener;
  private final long started;

  private CallEvents(CallPipeline pipeline, InferenceRequest request, InferenceListener listener) {
    this.pipeline = pipeline;
    this.request = request;
    this.listener = listener;
    this.started = pipeline.ticker().nanos();
  }

  /**
   * Starts the events of a call, on the caller's thread.
   *
   * @param pipeline the client's pipeline
   * @param request the request
   * @param mode how the call was made
   * @return the call's events, after {@code requestStarted}
   */
  static CallEvents start(
      CallPipeline pipeline, InferenceRequest request, InferenceListener.CallInfo.Mode mode) {
    InferenceListener client = pipeline.listener();
    InferenceListener forCall = client;
    if (client != InferenceListener.NONE) {
      var settings = pipeline.settings();
      InferenceListener.CallInfo call =
          new InferenceListener.CallInfo(
              request,
              pipeline.description(),
              settings.profileName(),
              mode,
              request.temperature().isPresent() ? request.temperature() : settings.temperature(),
              request.maxOutputTokens().isPresent()
                  ? request.maxOutputTokens()
                  : settings.maxOutputTokens());
      try {
        forCall = client.forCall(call);
      } catch (RuntimeException broken) {
        System.getLogger(CallEvents.class.getName())
            .log(System.Logger.Level.WARNING, "an InferenceListener threw; ignored", broken);
      }
    }
    CallEvents events = new CallEvents(pipeline, request, forCall);
    if (forCall != InferenceListener.NONE) {
      events.safely(() -> events.listener.requestStarted(request));
    }
    return events;
  }

  /** When the call started, in the pipeline's ticker units. */
  long started() {
    return started;
  }

  /** The listener of this call, for its retries. */
  InferenceListener listener() {
    return listener;
  }

  /** The first text or reasoning of a stream arrived. */
  void firstToken() {
    if (listener == InferenceListener.NONE) {
      return;
    }
    Duration elapsed = elapsed();
    safely(() -> listener.firstToken(request, elapsed));
  }

  /**
   * The call ended: with a response, or with a failure (anything but an {@link InferenceException}
   * is reported as {@code CANCELLED}).
   *
   * @param response the response, or {@code null}
   * @param error the failure, or {@code null}
   */
  void ended(@Nullable InferenceResponse response, @Nullable Throwable error) {
    if (listener == InferenceListener.NONE) {
      return; // no event to time, and no failure to build for nobody
    }
    Duration elapsed = elapsed();
    if (error == null && response != null) {
      safely(() -> listener.requestCompleted(request, response, elapsed));
    } else {
      InferenceException failure;
      if (error instanceof InferenceException known) {
        failure = known;
      } else {
        InferenceException.Builder cancelled =
            pipeline.failure(request.requestId(), ErrorKind.CANCELLED, "the call was cancelled");
        if (error != null) {
          cancelled.cause(error);
        }
        failure = cancelled.build();
      }
      safely(() -> listener.requestFailed(request, failure, elapsed));
    }
  }

  private Duration elapsed() {
    return Duration.ofNanos(pipeline.ticker().nanos() - started);
  }

  private void safely(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException broken) {
      System.getLogger(CallEvents.class.getName())
          .log(System.Logger.Level.WARNING, "an InferenceListener threw; ignored", broken);
    }
  }
}
