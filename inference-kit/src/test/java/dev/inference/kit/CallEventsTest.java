package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.spi.DriverContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A listener's per-call view: {@link InferenceListener#forCall} is asked on the caller's thread at
 * the start of every call, and every event of that call (its retries and first token included) goes
 * to the listener it returned, never to another call's.
 */
class CallEventsTest {

  private static final ProviderSettings SETTINGS =
      ProviderSettings.builder("memory")
          .profileName("fast")
          .model("m")
          .temperature(0.3)
          .maxOutputTokens(77)
          .retryInitialBackoff(Duration.ofMillis(1))
          .retryMaxBackoff(Duration.ofMillis(2))
          .build();

  /** Records each call's events under the call's own name. */
  static final class PerCall extends InferenceListener {
    final List<String> heard = new CopyOnWriteArrayList<>();
    final List<CallInfo> calls = new CopyOnWriteArrayList<>();
    final List<Thread> askedOn = new CopyOnWriteArrayList<>();

    @Override
    public InferenceListener forCall(CallInfo call) {
      calls.add(call);
      askedOn.add(Thread.currentThread());
      String name = "call" + calls.size();
      return new InferenceListener() {
        @Override
        public void requestStarted(InferenceRequest request) {
          heard.add(name + " started");
        }

        @Override
        public void retrying(
            InferenceRequest request, int attempt, InferenceException cause, Duration delay) {
          heard.add(name + " retrying " + attempt + " " + cause.kind());
        }

        @Override
        public void firstToken(InferenceRequest request, Duration elapsed) {
          heard.add(name + " first token");
        }

        @Override
        public void requestCompleted(
            InferenceRequest request, InferenceResponse response, Duration elapsed) {
          heard.add(name + " completed " + response.text());
        }

        @Override
        public void requestFailed(
            InferenceRequest request, InferenceException failure, Duration elapsed) {
          heard.add(name + " failed " + failure.kind());
        }
      };
    }

    @Override
    public void requestStarted(InferenceRequest request) {
      heard.add("the client's own listener heard a call's event");
    }
  }

  private static final Consumer<ResponseSink> UNAVAILABLE =
      sink -> {
        throw InferenceException.builder(ErrorKind.UNAVAILABLE, "busy").build();
      };

  private static CallPipeline pipeline(CallTransport transport, InferenceListener listener) {
    return new CallPipeline(
        SETTINGS,
        DriverContext.builder().listener(listener).build(),
        new ProviderDescription(
            "memory", "memory", "m", "memory:", Capabilities.builder().streaming(true).build()),
        threads -> transport);
  }

  @Test
  void eachCallsEventsGoToTheListenerItsStartReturned() {
    CallPipelineTest.Scripted transport =
        new CallPipelineTest.Scripted()
            .stream(List.of(UNAVAILABLE)).stream(
                List.of(sink -> sink.text("fine"), CallPipelineTest.DONE))
                .stream(List.of(sink -> sink.text("again"), CallPipelineTest.DONE));
    PerCall listener = new PerCall();
    try (CallPipeline pipeline = pipeline(transport, listener)) {
      CallPipelineTest.read(pipeline.stream(InferenceRequest.of("hi")));
      CallPipelineTest.read(
          pipeline.stream(InferenceRequest.builder().userPrompt("hi").temperature(0.9).build()));
    }
    assertThat(listener.heard)
        .containsExactly(
            "call1 started",
            "call1 retrying 1 UNAVAILABLE",
            "call1 first token",
            "call1 completed fine",
            "call2 started",
            "call2 first token",
            "call2 completed again");
    assertThat(listener.askedOn).containsOnly(Thread.currentThread());
    InferenceListener.CallInfo first = listener.calls.get(0);
    assertThat(first.mode()).isEqualTo(InferenceListener.CallInfo.Mode.STREAM);
    assertThat(first.profileName()).contains("fast");
    assertThat(first.model()).isEqualTo("m");
    assertThat(first.temperature()).hasValue(0.3);
    assertThat(first.maxOutputTokens()).hasValue(77);
    assertThat(listener.calls.get(1).temperature())
        .as("the request's value before the profile's")
        .hasValue(0.9);
  }

  @Test
  void aListenerThatThrowsInForCallKeepsTheCallAndItsOwnEvents() {
    List<String> heard = new CopyOnWriteArrayList<>();
    InferenceListener broken =
        new InferenceListener() {
          @Override
          public InferenceListener forCall(CallInfo call) {
            throw new IllegalStateException("broken");
          }

          @Override
          public void requestCompleted(
              InferenceRequest request, InferenceResponse response, Duration elapsed) {
            heard.add("completed " + response.text());
          }
        };
    CallPipelineTest.Scripted transport =
        new CallPipelineTest.Scripted()
            .stream(List.of(sink -> sink.text("ok"), CallPipelineTest.DONE));
    try (CallPipeline pipeline = pipeline(transport, broken)) {
      assertThat(CallPipelineTest.read(pipeline.stream(InferenceRequest.of("hi"))))
          .containsExactly("ok", "completed ok");
    }
    assertThat(heard).containsExactly("completed ok");
  }

  @Test
  void aCompositeAsksEachListenerForItsCallAndSkipsOneThatThrows() {
    PerCall one = new PerCall();
    PerCall two = new PerCall();
    InferenceListener throwing =
        new InferenceListener() {
          @Override
          public void requestStarted(InferenceRequest request) {
            throw new IllegalStateException("broken");
          }
        };
    InferenceListener all = InferenceListener.composite(List.of(one, throwing, two));
    CallPipelineTest.Scripted transport =
        new CallPipelineTest.Scripted()
            .stream(List.of(sink -> sink.text("ok"), CallPipelineTest.DONE));
    try (CallPipeline pipeline = pipeline(transport, all)) {
      CallPipelineTest.read(pipeline.stream(InferenceRequest.of("hi")));
    }
    assertThat(one.heard)
        .containsExactly("call1 started", "call1 first token", "call1 completed ok");
    assertThat(two.heard).isEqualTo(one.heard);
    assertThat(InferenceListener.composite(List.of())).isSameAs(InferenceListener.NONE);
    assertThat(InferenceListener.composite(List.of(one, InferenceListener.NONE))).isSameAs(one);
  }

  @Test
  void theCallInfoSaysHowTheCallWasMade() {
    PerCall listener = new PerCall();
    InferenceResponse answer =
        ResponseSink.forStream(event -> {})
            .toResponse(InferenceRequest.of("hi"), "memory", "m", Map.of(), Redactor.NONE);
    CallTransport transport =
        (request, stream) ->
            new CallTransport.Call() {
              @Override
              public InferenceResponse send() {
                return answer;
              }

              @Override
              public StreamAttempt open() {
                throw new UnsupportedOperationException();
              }
            };
    try (CallPipeline pipeline = pipeline(transport, listener)) {
      pipeline.infer(InferenceRequest.of("hi"));
      pipeline.inferAsync(InferenceRequest.of("hi")).join();
    }
    assertThat(listener.calls)
        .extracting(InferenceListener.CallInfo::mode)
        .containsExactly(
            InferenceListener.CallInfo.Mode.INFER, InferenceListener.CallInfo.Mode.INFER_ASYNC);
    assertThat(listener.heard).contains("call1 completed ", "call2 completed ");
  }

  @Test
  void aDriverBugInABlockingCallReachesTheCallerAndTheListenerHearsACancelledCall() {
    // found by InferdWireFuzzTest: the call's end event built CANCELLED with cause(null), and the
    // NullPointerException it threw hid the driver's own exception from the caller
    CallTransport broken =
        (request, stream) ->
            new CallTransport.Call() {
              @Override
              public InferenceResponse send() {
                throw new IllegalStateException("a driver bug");
              }

              @Override
              public StreamAttempt open() {
                throw new IllegalStateException("a driver bug");
              }
            };
    PerCall listener = new PerCall();
    try (CallPipeline pipeline = pipeline(broken, listener)) {
      assertThatThrownBy(() -> pipeline.infer(InferenceRequest.of("hi")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("a driver bug");
    }
    assertThat(listener.heard).contains("call1 failed CANCELLED");
  }
}
