package dev.inference;

import static dev.inference.StepClient.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ReadyMadeMiddlewareTest {

  private static final InferenceRequest PLAIN = InferenceRequest.of("what is 2+2?");

  // --- RequestDefaults

  @Test
  void defaults_fill_only_what_the_request_leaves_out() {
    StepClient client = new StepClient("m").answer("a").answer("b");
    InferenceClient wrapped =
        Inference.wrap(
            client, RequestDefaults.builder().temperature(0.3).maxOutputTokens(100).build());

    wrapped.infer(PLAIN);
    wrapped.infer(InferenceRequest.builder().userPrompt("q").temperature(0.9).build());

    InferenceRequest first = client.requests.get(0);
    assertThat(first.temperature()).hasValue(0.3);
    assertThat(first.maxOutputTokens()).hasValue(100);
    assertThat(first.requestId()).isEqualTo(PLAIN.requestId());
    InferenceRequest second = client.requests.get(1);
    assertThat(second.temperature()).hasValue(0.9);
    assertThat(second.maxOutputTokens()).hasValue(100);
  }

  @Test
  void a_system_prompt_prefix_goes_before_the_system_prompt_or_becomes_one() {
    StepClient client = new StepClient("m").answer("a").answer("b").answer("c");
    InferenceClient wrapped =
        Inference.wrap(client, RequestDefaults.builder().systemPromptPrefix("Be brief.").build());

    wrapped.infer(InferenceRequest.builder().systemPrompt("You sum up.").userPrompt("q").build());
    wrapped.infer(PLAIN);
    wrapped.infer(
        InferenceRequest.builder().systemPrompt("Be brief.\nYou sum up.").userPrompt("q").build());

    assertThat(client.requests.get(0).messages())
        .containsExactly(Message.system("Be brief.\nYou sum up."), Message.user("q"));
    assertThat(client.requests.get(1).messages())
        .containsExactly(Message.system("Be brief."), Message.user("what is 2+2?"));
    assertThat(client.requests.get(2).messages())
        .containsExactly(Message.system("Be brief.\nYou sum up."), Message.user("q"));
  }

  @Test
  void a_request_that_needs_nothing_passes_unchanged() {
    StepClient client = new StepClient("m").answer("a");
    InferenceRequest full =
        InferenceRequest.builder().userPrompt("q").temperature(0.1).maxOutputTokens(5).build();
    Inference.wrap(client, RequestDefaults.builder().temperature(0.3).maxOutputTokens(100).build())
        .infer(full);
    assertThat(client.requests.get(0)).isSameAs(full);
  }

  @Test
  void bad_defaults_are_refused_with_the_requests_own_messages() {
    assertThatThrownBy(() -> RequestDefaults.builder().temperature(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temperature must be a finite value >= 0, but was -1.0");
    assertThatThrownBy(() -> RequestDefaults.builder().maxOutputTokens(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxOutputTokens must be between 1");
    assertThatThrownBy(() -> RequestDefaults.builder().systemPromptPrefix(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- ResponseCache

  @Test
  void a_cacheable_request_is_answered_once_then_from_the_cache_with_its_own_request_id() {
    StepClient client = new StepClient("m").answer("four");
    ResponseCache cache = ResponseCache.inMemory(10);
    InferenceClient wrapped = Inference.wrap(client, cache);

    InferenceResponse first = wrapped.infer(ResponseCache.cacheable(InferenceRequest.of("2+2?")));
    InferenceRequest again = ResponseCache.cacheable(InferenceRequest.of("2+2?"));
    InferenceResponse second = wrapped.infer(again);

    assertThat(second.text()).isEqualTo("four");
    assertThat(second.requestId()).isEqualTo(again.requestId()).isNotEqualTo(first.requestId());
    assertThat(client.requests).hasSize(1);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(1);
  }

  @Test
  void a_temperature_of_zero_makes_a_request_cacheable_and_a_different_request_misses() {
    StepClient client = new StepClient("m").answer("one").answer("two");
    ResponseCache cache = ResponseCache.inMemory(10);
    InferenceClient wrapped = Inference.wrap(client, cache);

    wrapped.infer(InferenceRequest.builder().userPrompt("a").temperature(0).build());
    wrapped.infer(InferenceRequest.builder().userPrompt("b").temperature(0).build());
    InferenceResponse hit =
        wrapped.infer(InferenceRequest.builder().userPrompt("a").temperature(0).build());

    assertThat(hit.text()).isEqualTo("one");
    assertThat(client.requests).hasSize(2);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void a_request_neither_marked_nor_at_temperature_zero_is_never_cached() {
    StepClient client = new StepClient("m").answer("one").answer("two").answer("three");
    ResponseCache cache = ResponseCache.inMemory(10);
    InferenceClient wrapped = Inference.wrap(client, cache);

    assertThat(wrapped.infer(PLAIN).text()).isEqualTo("one");
    assertThat(wrapped.infer(PLAIN).text()).isEqualTo("two");
    InferenceRequest warm = InferenceRequest.builder().userPrompt("x").temperature(0.7).build();
    assertThat(wrapped.infer(warm).text()).isEqualTo("three");

    assertThat(cache.size()).isZero();
    assertThat(cache.hits() + cache.misses()).isZero();
  }

  @Test
  void the_cache_keeps_at_most_its_bound_least_recently_used_out_first() {
    StepClient client = new StepClient("m").answer("a1").answer("b1").answer("c1").answer("b2");
    ResponseCache cache = ResponseCache.inMemory(2);
    InferenceClient wrapped = Inference.wrap(client, cache);
    InferenceRequest a = ResponseCache.cacheable(InferenceRequest.of("a"));
    InferenceRequest b = ResponseCache.cacheable(InferenceRequest.of("b"));
    InferenceRequest c = ResponseCache.cacheable(InferenceRequest.of("c"));

    wrapped.infer(a);
    wrapped.infer(b);
    wrapped.infer(a); // a is now the most recently used
    wrapped.infer(c); // evicts b

    assertThat(cache.size()).isEqualTo(2);
    assertThat(wrapped.infer(a).text()).isEqualTo("a1");
    assertThat(wrapped.infer(b).text()).isEqualTo("b2");
    assertThat(client.requests).hasSize(4);
    assertThatThrownBy(() -> ResponseCache.inMemory(0))
        .hasMessage("maxEntries must be >= 1, but was 0");
  }

  @Test
  void a_stream_is_cached_once_complete_and_replayed_as_the_same_events() {
    StepClient client = new StepClient("m").streamThen(null, "fo", "ur");
    ResponseCache cache = ResponseCache.inMemory(10);
    InferenceClient wrapped = Inference.wrap(client, cache);
    InferenceRequest request = ResponseCache.cacheable(PLAIN);

    List<StreamEvent> live = drain(wrapped.stream(request));
    List<StreamEvent> replayed = drain(wrapped.stream(request));

    assertThat(replayed).isEqualTo(live);
    assertThat(replayed)
        .startsWith(new StreamEvent.TextDelta("fo"), new StreamEvent.TextDelta("ur"));
    assertThat(client.requests).hasSize(1);
    // and a blocking call of the same request is answered from it too
    assertThat(wrapped.infer(request).text()).isEqualTo("four");
  }

  @Test
  void a_blocking_answer_is_replayed_to_a_stream_as_one_delta() {
    StepClient client = new StepClient("m").answer("four");
    InferenceClient wrapped = Inference.wrap(client, ResponseCache.inMemory(10));
    InferenceRequest request = ResponseCache.cacheable(PLAIN);
    wrapped.infer(request);

    List<StreamEvent> replayed = drain(wrapped.stream(request));

    assertThat(replayed).hasSize(2);
    assertThat(replayed.get(0)).isEqualTo(new StreamEvent.TextDelta("four"));
    assertThat(((StreamEvent.Completed) replayed.get(1)).response().text()).isEqualTo("four");
  }

  @Test
  void a_stream_that_failed_is_not_cached() {
    StepClient client =
        new StepClient("m").streamThen(ErrorKind.STREAM_TRUNCATED, "fo").streamThen(null, "four");
    ResponseCache cache = ResponseCache.inMemory(10);
    InferenceClient wrapped = Inference.wrap(client, cache);
    InferenceRequest request = ResponseCache.cacheable(PLAIN);

    assertThatThrownBy(() -> drain(wrapped.stream(request))).isInstanceOf(InferenceException.class);
    assertThat(cache.size()).isZero();
    assertThat(drain(wrapped.stream(request))).hasSize(2);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void async_calls_use_the_cache_too() {
    StepClient client = new StepClient("m").answer("four");
    InferenceClient wrapped = Inference.wrap(client, ResponseCache.inMemory(10));
    InferenceRequest request = ResponseCache.cacheable(PLAIN);
    assertThat(wrapped.inferAsync(request).join().text()).isEqualTo("four");
    assertThat(wrapped.inferAsync(request).join().text()).isEqualTo("four");
    assertThat(client.requests).hasSize(1);
  }

  // --- RedactingLogger

  @Test
  void the_logger_shows_sizes_and_settings_never_the_text() {
    StepClient client = new StepClient("m").answer("the secret answer").streamThen(null, "s");
    Logger jul = Logger.getLogger(RedactingLogger.class.getName());
    Level before = jul.getLevel();
    jul.setLevel(Level.ALL);
    try (LogCapture log = LogCapture.of(RedactingLogger.class)) {
      InferenceClient wrapped = Inference.wrap(client, RedactingLogger.atDebug());
      InferenceRequest request =
          InferenceRequest.builder().userPrompt("my password is hunter2").temperature(0.5).build();
      wrapped.infer(request);
      drain(wrapped.stream(request));

      List<String> lines = log.records().stream().map(LogRecord::getMessage).toList();
      assertThat(lines).hasSize(4);
      assertThat(lines.get(0))
          .isEqualTo(
              "infer request "
                  + request.requestId()
                  + ": user [22 chars]; format text, temperature 0.5");
      assertThat(lines.get(1))
          .isEqualTo("response " + request.requestId() + " from step/m: [17 chars]");
      assertThat(lines.get(2)).startsWith("stream request ");
      assertThat(String.join("\n", lines)).doesNotContain("hunter2", "secret");
      assertThat(log.records()).allMatch(r -> r.getLevel() == Level.FINE);
    } finally {
      jul.setLevel(before);
    }
  }

  @Test
  void the_logger_shows_content_only_through_the_callers_redactor() {
    StepClient client = new StepClient("m").fail(ErrorKind.UNAVAILABLE);
    Logger jul = Logger.getLogger(RedactingLogger.class.getName());
    Level before = jul.getLevel();
    jul.setLevel(Level.ALL);
    try (LogCapture log = LogCapture.of(RedactingLogger.class)) {
      InferenceClient wrapped =
          Inference.wrap(
              client, RedactingLogger.withContent(text -> text.replace("hunter2", "****")));
      InferenceRequest request = InferenceRequest.of("my password is hunter2");
      assertThatThrownBy(() -> wrapped.infer(request)).isInstanceOf(InferenceException.class);

      List<String> lines = log.records().stream().map(LogRecord::getMessage).toList();
      assertThat(lines.get(0)).endsWith("user my password is ****; format text");
      assertThat(lines.get(1))
          .isEqualTo("request " + request.requestId() + " failed: UNAVAILABLE m failed");
    } finally {
      jul.setLevel(before);
    }
  }
}
