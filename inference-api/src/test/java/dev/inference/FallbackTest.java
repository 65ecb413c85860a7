package dev.inference;

import static dev.inference.StepClient.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FallbackTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> hops = new CopyOnWriteArrayList<>();
  private final InferenceListener listener =
      new InferenceListener() {
        @Override
        public void fallingBack(
            InferenceRequest request,
            int attempt,
            ProviderDescription failed,
            ProviderDescription next,
            InferenceException cause) {
          hops.add(
              attempt + ":" + failed.modelName() + "->" + next.modelName() + ":" + cause.kind());
        }
      };

  private InferenceClient fallback(InferenceClient... clients) {
    return Inference.fallback(
        List.of(clients),
        FallbackPolicy.builder()
            .cooldown(Duration.ofSeconds(30))
            .clock(clock)
            .listener(listener)
            .build());
  }

  @ParameterizedTest
  @EnumSource(
      names = {
        "UNAVAILABLE",
        "RATE_LIMITED",
        "QUOTA_EXCEEDED",
        "TIMEOUT",
        "CIRCUIT_OPEN",
        "SERVER_ERROR",
        "TRANSPORT"
      })
  void a_providers_failure_moves_on_and_the_response_says_who_answered(ErrorKind kind) {
    StepClient primary = new StepClient("primary").fail(kind);
    StepClient secondary = new StepClient("secondary").answer("from secondary");

    InferenceResponse response = fallback(primary, secondary).infer(InferenceRequest.of("q"));

    assertThat(response.text()).isEqualTo("from secondary");
    assertThat(response.modelName()).isEqualTo("secondary");
    assertThat(hops).containsExactly("1:primary->secondary:" + kind);
  }

  @ParameterizedTest
  @EnumSource(
      names = {
        "UNAVAILABLE",
        "RATE_LIMITED",
        "QUOTA_EXCEEDED",
        "TIMEOUT",
        "CIRCUIT_OPEN",
        "SERVER_ERROR",
        "TRANSPORT"
      },
      mode = EnumSource.Mode.EXCLUDE)
  void a_failure_of_the_request_is_never_failed_over(ErrorKind kind) {
    StepClient primary = new StepClient("primary").fail(kind).answer("later");
    StepClient secondary = new StepClient("secondary").answer("never");
    InferenceClient client = fallback(primary, secondary);

    InferenceException failure =
        catchThrowableOfType(
            InferenceException.class, () -> client.infer(InferenceRequest.of("q")));

    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(secondary.requests).isEmpty();
    assertThat(hops).isEmpty();
    // and the primary is not cooling down: the next call goes to it
    assertThat(client.infer(InferenceRequest.of("q")).text()).isEqualTo("later");
  }

  @Test
  void a_client_that_failed_is_skipped_during_its_cooldown_and_tried_again_after() {
    StepClient primary = new StepClient("primary").fail(ErrorKind.UNAVAILABLE).answer("back");
    StepClient secondary = new StepClient("secondary").answer("one").answer("two");
    InferenceClient client = fallback(primary, secondary);

    assertThat(client.infer(InferenceRequest.of("q")).text()).isEqualTo("one");
    clock.advance(Duration.ofSeconds(29));
    assertThat(client.infer(InferenceRequest.of("q")).text()).isEqualTo("two");
    assertThat(primary.requests).hasSize(1); // skipped while cooling down

    clock.advance(Duration.ofSeconds(1));
    assertThat(client.infer(InferenceRequest.of("q")).text()).isEqualTo("back");
    assertThat(primary.requests).hasSize(2);
  }

  @Test
  void an_open_breaker_is_skipped_only_until_it_goes_half_open() {
    InferenceException open =
        InferenceException.builder(ErrorKind.CIRCUIT_OPEN, "open")
            .retryAfter(Duration.ofSeconds(5))
            .build();
    StepClient primary = new StepClient("primary");
    InferenceClient failing =
        new DelegatingClient(primary) {
          private boolean first = true;

          @Override
          public InferenceResponse infer(InferenceRequest request) {
            if (first) {
              first = false;
              throw open;
            }
            return super.infer(request);
          }
        };
    primary.answer("half-open");
    StepClient secondary = new StepClient("secondary").answer("one").answer("two");
    InferenceClient client = fallback(failing, secondary);

    assertThat(client.infer(InferenceRequest.of("q")).text()).isEqualTo("one");
    clock.advance(Duration.ofSeconds(4));
    assertThat(client.infer(InferenceRequest.of("q")).text()).isEqualTo("two");
    clock.advance(Duration.ofSeconds(1));
    assertThat(client.infer(InferenceRequest.of("q")).text()).isEqualTo("half-open");
  }

  @Test
  void when_every_client_is_cooling_down_all_are_tried_in_order() {
    StepClient primary =
        new StepClient("primary").fail(ErrorKind.UNAVAILABLE).answer("primary again");
    StepClient secondary = new StepClient("secondary").fail(ErrorKind.UNAVAILABLE);
    InferenceClient client = fallback(primary, secondary);

    InferenceException failure =
        catchThrowableOfType(
            InferenceException.class, () -> client.infer(InferenceRequest.of("q")));
    assertThat(failure.getMessage()).isEqualTo("secondary failed");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0]).hasMessage("primary failed");

    assertThat(client.infer(InferenceRequest.of("q")).text()).isEqualTo("primary again");
  }

  @Test
  void async_calls_fail_over_too() {
    StepClient primary = new StepClient("primary").fail(ErrorKind.TIMEOUT);
    StepClient secondary =
        new StepClient("secondary").answer("async").fail(ErrorKind.AUTHENTICATION);
    InferenceClient client = fallback(primary, secondary);

    assertThat(client.inferAsync(InferenceRequest.of("q")).join().modelName())
        .isEqualTo("secondary");
    // the primary cools down; the secondary's 401 is the request's, not failed over
    assertThatThrownBy(() -> client.inferAsync(InferenceRequest.of("q")).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(InferenceException.class);
  }

  @Test
  void a_stream_fails_over_before_its_first_event() {
    StepClient primary = new StepClient("primary").streamThen(ErrorKind.UNAVAILABLE);
    StepClient secondary = new StepClient("secondary").streamThen(null, "he", "llo");

    List<StreamEvent> events = drain(fallback(primary, secondary).stream(InferenceRequest.of("q")));

    assertThat(events).hasSize(3);
    assertThat(((StreamEvent.Completed) events.get(2)).response().modelName())
        .isEqualTo("secondary");
    assertThat(hops).containsExactly("1:primary->secondary:UNAVAILABLE");
  }

  @Test
  void a_stream_that_fails_while_opening_fails_over() {
    StepClient primary = new StepClient("primary").fail(ErrorKind.TRANSPORT);
    StepClient secondary = new StepClient("secondary").streamThen(null, "ok");

    List<StreamEvent> events = drain(fallback(primary, secondary).stream(InferenceRequest.of("q")));

    assertThat(events.get(0)).isEqualTo(new StreamEvent.TextDelta("ok"));
  }

  @Test
  void a_stream_never_fails_over_after_its_first_event_reached_the_caller() {
    StepClient primary = new StepClient("primary").streamThen(ErrorKind.UNAVAILABLE, "par");
    StepClient secondary = new StepClient("secondary").streamThen(null, "never");
    List<StreamEvent> seen = new ArrayList<>();

    InferenceException failure =
        catchThrowableOfType(
            InferenceException.class,
            () -> {
              try (InferenceStream stream =
                  fallback(primary, secondary).stream(InferenceRequest.of("q"))) {
                stream.forEach(seen::add);
              }
            });

    assertThat(failure.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(failure.partialText()).contains("par");
    assertThat(seen).containsExactly(new StreamEvent.TextDelta("par"));
    assertThat(secondary.requests).isEmpty();
    assertThat(hops).isEmpty();
  }

  @Test
  void describe_is_the_primarys_and_close_closes_every_client() {
    StepClient primary = new StepClient("primary");
    StepClient secondary = new StepClient("secondary");
    InferenceClient client = Inference.fallback(primary, secondary);
    assertThat(client.describe()).isEqualTo(primary.describe());
    client.close();
    assertThat(primary.closed).hasValue(1);
    assertThat(secondary.closed).hasValue(1);
  }

  @Test
  void a_negative_cooldown_is_refused_with_its_value() {
    assertThatThrownBy(() -> FallbackPolicy.builder().cooldown(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cooldown must be >= 0, but was PT-1S");
  }

  /** Passes every call to another client. */
  private static class DelegatingClient implements InferenceClient {
    private final InferenceClient to;

    DelegatingClient(InferenceClient to) {
      this.to = to;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
      return to.infer(request);
    }

    @Override
    public java.util.concurrent.CompletableFuture<InferenceResponse> inferAsync(
        InferenceRequest request) {
      return to.inferAsync(request);
    }

    @Override
    public InferenceStream stream(InferenceRequest request) {
      return to.stream(request);
    }

    @Override
    public ProviderDescription describe() {
      return to.describe();
    }

    @Override
    public void close() {
      to.close();
    }
  }
}
