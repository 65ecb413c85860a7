package dev.inference;

import static dev.inference.StepClient.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MiddlewareTest {

  /** Appends its tag to the user prompt and to the answer, and records what it saw. */
  private static final class Tagging implements Middleware {
    private final String tag;
    final List<String> sawRequests = new ArrayList<>();
    final List<String> sawResponses = new ArrayList<>();

    Tagging(String tag) {
      this.tag = tag;
    }

    @Override
    public String name() {
      return "tag-" + tag;
    }

    @Override
    public InferenceRequest transformRequest(InferenceRequest request) {
      String prompt = request.messages().get(0).text();
      sawRequests.add(prompt);
      return request.toBuilder().userPrompt(prompt + "+" + tag).build();
    }

    @Override
    public InferenceResponse transformResponse(
        InferenceRequest request, InferenceResponse response) {
      sawResponses.add(response.text());
      return response.toBuilder().text(response.text() + "<" + tag).build();
    }
  }

  @Test
  void the_first_middleware_is_outermost_and_each_sees_the_others_changes() {
    StepClient client = new StepClient("m").answer("answer");
    Tagging outer = new Tagging("A");
    Tagging inner = new Tagging("B");

    InferenceResponse response =
        Inference.wrap(client, outer, inner).infer(InferenceRequest.of("q"));

    assertThat(outer.sawRequests).containsExactly("q");
    assertThat(inner.sawRequests).containsExactly("q+A");
    assertThat(client.requests.get(0).messages().get(0).text()).isEqualTo("q+A+B");
    assertThat(inner.sawResponses).containsExactly("answer");
    assertThat(outer.sawResponses).containsExactly("answer<B");
    assertThat(response.text()).isEqualTo("answer<B<A");
  }

  @Test
  void async_calls_go_through_the_same_chain() {
    StepClient client = new StepClient("m").answer("answer");
    InferenceResponse response =
        Inference.wrap(client, new Tagging("A"), new Tagging("B"))
            .inferAsync(InferenceRequest.of("q"))
            .join();
    assertThat(client.requests.get(0).messages().get(0).text()).isEqualTo("q+A+B");
    assertThat(response.text()).isEqualTo("answer<B<A");
  }

  @Test
  void a_stream_is_transformed_event_by_event_and_its_completed_text_matches_the_deltas() {
    StepClient client = new StepClient("m").streamThen(null, "hel", "lo");
    Middleware upper =
        new Middleware() {
          @Override
          public StreamEvent transformEvent(InferenceRequest request, StreamEvent event) {
            return event instanceof StreamEvent.TextDelta delta
                ? new StreamEvent.TextDelta(delta.text().toUpperCase(Locale.ROOT))
                : event;
          }
        };
    Tagging tagging = new Tagging("A");

    List<StreamEvent> events =
        drain(Inference.wrap(client, tagging, upper).stream(InferenceRequest.of("q")));

    assertThat(events)
        .containsExactly(
            new StreamEvent.TextDelta("HEL"),
            new StreamEvent.TextDelta("LO"),
            events.get(2)); // then the Completed
    StreamEvent.Completed done = (StreamEvent.Completed) events.get(2);
    assertThat(tagging.sawResponses).containsExactly("HELLO");
    // the outer middleware changed the final text without a delta: the stream keeps its contract
    assertThat(done.response().text()).isEqualTo("HELLO");
  }

  @Test
  void a_middleware_that_ends_a_stream_early_fails_it_instead_of_breaking_the_contract() {
    StepClient client = new StepClient("m").streamThen(null, "a", "b");
    Middleware rogue =
        new Middleware() {
          @Override
          public StreamEvent transformEvent(InferenceRequest request, StreamEvent event) {
            return new StreamEvent.Completed(
                InferenceResponse.builder()
                    .text("x")
                    .providerName("p")
                    .modelName("m")
                    .requestId(request.requestId())
                    .build());
          }
        };
    List<StreamEvent> seen = new CopyOnWriteArrayList<>();
    assertThatThrownBy(
            () -> {
              try (InferenceStream stream =
                  Inference.wrap(client, rogue).stream(InferenceRequest.of("q"))) {
                stream.forEach(seen::add);
              }
            })
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("turned a delta into a Completed event");
    assertThat(seen).isEmpty();
  }

  @Test
  void a_wrapped_client_keeps_describe_and_operations_unless_a_middleware_changes_them() {
    StepClient client = new StepClient("m");
    InferenceClient plain = Inference.wrap(client, new Tagging("A"));
    assertThat(plain.describe()).isEqualTo(client.describe());
    assertThat(plain.operations()).isEmpty();

    Middleware renaming =
        new Middleware() {
          @Override
          public ProviderDescription describe(ProviderDescription wrapped) {
            return new ProviderDescription(
                wrapped.kind(),
                "renamed",
                wrapped.modelName(),
                wrapped.endpoint(),
                wrapped.capabilities());
          }
        };
    assertThat(Inference.wrap(client, renaming).describe().providerName()).isEqualTo("renamed");
    plain.close();
    assertThat(client.closed).hasValue(1);
  }

  @Test
  void no_middleware_returns_the_client_itself() {
    StepClient client = new StepClient("m");
    assertThat(Inference.wrap(client)).isSameAs(client);
  }

  @Test
  void the_listener_hears_each_middleware_step_outermost_first() {
    StepClient client = new StepClient("m").answer("a").streamThen(null, "b");
    List<String> steps = new CopyOnWriteArrayList<>();
    InferenceListener listener =
        new InferenceListener() {
          @Override
          public void middlewareStep(
              InferenceRequest request, String middleware, CallInfo.Mode mode) {
            steps.add(mode + ":" + middleware);
          }
        };
    InferenceClient wrapped = Inference.wrap(client, listener, new Tagging("A"), new Tagging("B"));
    wrapped.infer(InferenceRequest.of("q"));
    drain(wrapped.stream(InferenceRequest.of("q")));
    assertThat(steps).containsExactly("INFER:tag-A", "INFER:tag-B", "STREAM:tag-A", "STREAM:tag-B");
  }

  @Test
  void a_middleware_returning_null_is_named_in_the_failure() {
    Middleware broken =
        new Middleware() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public InferenceRequest transformRequest(InferenceRequest request) {
            return null;
          }
        };
    assertThatThrownBy(
            () -> Inference.wrap(new StepClient("m"), broken).infer(InferenceRequest.of("q")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("middleware broken returned null from transformRequest");
  }
}
