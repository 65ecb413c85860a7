package dev.inference.spring;

import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the events of the calls it hears, with the call's profile. */
final class RecordingListener extends InferenceListener {
  private final List<String> events = new CopyOnWriteArrayList<>();

  List<String> events() {
    return events;
  }

  @Override
  public InferenceListener forCall(CallInfo call) {
    String profile = call.profileName().orElse("none");
    return new InferenceListener() {
      @Override
      public void requestStarted(InferenceRequest request) {
        events.add("started " + profile);
      }

      @Override
      public void requestCompleted(
          InferenceRequest request, InferenceResponse response, Duration elapsed) {
        events.add("completed " + profile);
      }
    };
  }
}
