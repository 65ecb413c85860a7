package dev.inference.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.openai.OpenAiTestSupport.PATH;
import static dev.inference.openai.OpenAiTestSupport.crlf;
import static dev.inference.openai.OpenAiTestSupport.lf;
import static dev.inference.openai.OpenAiTestSupport.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import dev.inference.testkit.DriverServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streamed calls of the OpenAI driver, with SSE bodies byte for byte as servers send them. */
class OpenAiStreamingTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OpenAiTestSupport::client);

  /** OpenAI's own sequence: role chunk, content, finish chunk, usage chunk, [DONE]; CRLF. */
  static final byte[] OPENAI_BODY =
      crlf(
          ": keep-alive",
          "",
          "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"finish_reason\":null}],\"usage\":null}",
          "",
          "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Héllo\"},\"finish_reason\":null}],\"usage\":null}",
          "",
          "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":null},\"finish_reason\":null}],\"usage\":null}",
          "",
          ": OPENROUTER PROCESSING",
          "",
          "data:{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" wörld ✓ 🌍\"},\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"xx\"}",
          "",
          "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}",
          "",
          "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}",
          "",
          "data: [DONE]",
          "",
          "");

  private static void stream(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
  }

  private List<StreamEvent> readAll(InferenceRequest request) {
    return OpenAiTestSupport.readAll(server.client(), request);
  }

  private static String texts(List<StreamEvent> events) {
    StringBuilder text = new StringBuilder();
    for (StreamEvent event : events) {
      if (event instanceof StreamEvent.TextDelta delta) {
        text.append(delta.text());
      }
    }
    return text.toString();
  }

  @Test
  void deltasArriveInOrderThenExactlyOneCompletedWithUsage() {
    stream(sse(OPENAI_BODY));

    List<StreamEvent> events = readAll(InferenceRequest.of("hi"));

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Accept", equalTo("text/event-stream"))
            .withRequestBody(
                equalToJson(
                    "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}", true, true)));
    assertThat(events)
        .containsExactly(
            new StreamEvent.TextDelta("Héllo"),
            new StreamEvent.TextDelta(" wörld ✓ 🌍"),
            events.get(2));
    InferenceResponse response = ((StreamEvent.Completed) events.get(2)).response();
    assertThat(response.text()).isEqualTo("Héllo wörld ✓ 🌍").isEqualTo(texts(events));
    assertThat(response.usage()).contains(Usage.of(9, 4, 13));
    assertThat(response.finishReason()).contains(FinishReason.fromProvider("stop"));
    assertThat(response.modelName()).isEqualTo("gpt-4.1-mini");
    assertThat(response.responseId()).contains("c1");
  }

  @ParameterizedTest(name = "{0} chunks")
  @ValueSource(ints = {1, 7})
  void bodiesSplitIntoTinyChunksGiveTheSameResult(int chunkBytes) {
    stream(
        sse(OPENAI_BODY)
            .withChunkedDribbleDelay(
                (OPENAI_BODY.length + chunkBytes - 1) / chunkBytes, OPENAI_BODY.length / 4));

    List<StreamEvent> events = readAll(InferenceRequest.of("hi"));

    assertThat(texts(events)).isEqualTo("Héllo wörld ✓ 🌍");
    assertThat(events.get(events.size() - 1)).isInstanceOf(StreamEvent.Completed.class);
    assertThat(((StreamEvent.Completed) events.get(events.size() - 1)).response().usage())
        .contains(Usage.of(9, 4, 13));
  }

  @Test
  void reasoningDeltasAreSeparateAndGroqUsageOnTheFinishChunkCounts() {
    stream(
        sse(
            lf(
                "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":null}]}",
                "",
                "data: {\"choices\":[{\"delta\":{\"reasoning\":\"think\"},\"finish_reason\":null}]}",
                "",
                "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"ing\"},\"finish_reason\":null}]}",
                "",
                "data: {\"choices\":[{\"delta\":{\"content\":\"ok\"},\"finish_reason\":null}]}",
                "",
                "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}],\"x_groq\":{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3}}}",
                "",
                "data: [DONE]",
                "")));

    List<StreamEvent> events = readAll(InferenceRequest.of("hi"));

    assertThat(events.subList(0, 3))
        .containsExactly(
            new StreamEvent.ReasoningDelta("think"),
            new StreamEvent.ReasoningDelta("ing"),
            new StreamEvent.TextDelta("ok"));
    InferenceResponse response = ((StreamEvent.Completed) events.get(3)).response();
    assertThat(response.reasoning()).contains("thinking");
    assertThat(response.text()).isEqualTo("ok");
    assertThat(response.usage()).contains(Usage.of(2, 1, 3));
    assertThat(response.finishReason().orElseThrow().kind()).isEqualTo(FinishReason.Kind.LENGTH);
  }

  @Test
  void multiLineDataAndLoneCarriageReturnsAreFramedPerTheSpec() {
    byte[] body =
        ("data: {\"choices\":[{\"delta\":\r"
                + "data: {\"content\":\"a\"},\"finish_reason\":null}]}\r\r"
                + "event: message\rid: 7\rretry: 100\r"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}\r\r"
                + "data: [DONE]\r\r")
            .getBytes(StandardCharsets.UTF_8);
    stream(sse(body));
    List<StreamEvent> events = readAll(InferenceRequest.of("hi"));
    assertThat(texts(events)).isEqualTo("ab");
    assertThat(((StreamEvent.Completed) events.get(2)).response().usage()).isEmpty();
  }

  @Test
  void jsonObjectModeParsesTheStreamedObject() {
    stream(
        sse(
            lf(
                "data: {\"choices\":[{\"delta\":{\"content\":\"{\\\"a\\\":\"},\"finish_reason\":null}]}",
                "",
                "data: {\"choices\":[{\"delta\":{\"content\":\"1}\"},\"finish_reason\":\"stop\"}]}",
                "",
                "data: [DONE]",
                "")));
    List<StreamEvent> events =
        readAll(
            InferenceRequest.builder()
                .userPrompt("json")
                .responseFormat(ResponseFormat.jsonObject())
                .build());
    assertThat(((StreamEvent.Completed) events.get(2)).response().parsedJson())
        .contains(JsonValue.parse("{\"a\":1}"));
  }

  @Test
  void doneWithoutAFinishReasonIsTruncatedWithThePartialText() {
    stream(
        sse(
            lf(
                "data: {\"choices\":[{\"delta\":{\"content\":\"half\"},\"finish_reason\":null}]}",
                "",
                "data: [DONE]",
                "")));
    List<StreamEvent> seen = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (InferenceStream stream = server.client().stream(InferenceRequest.of("hi"))) {
                stream.forEach(seen::add);
              }
            })
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
              assertThat(e.partialText()).contains("half");
            });
    assertThat(seen).containsExactly(new StreamEvent.TextDelta("half"));
  }

  @Test
  void anSseErrorEventSurfacesAsAnError() {
    stream(
        sse(
            lf(
                "event: error",
                "data: {\"error\":{\"message\":\"Rate limit\",\"type\":\"rate_limit_error\",\"code\":429}}",
                "",
                "")));
    assertThatThrownBy(() -> readAll(InferenceRequest.of("hi")))
        .isInstanceOfSatisfying(
            InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
  }

  @Test
  void httpErrorsBeforeTheStreamOpensAreThrownFromStream() {
    stream(
        aResponse()
            .withStatus(401)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"error\":{\"message\":\"Incorrect API key provided: "
                    + OpenAiTestSupport.MARKER_KEY
                    + ".\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));
    assertThatThrownBy(() -> server.client().stream(InferenceRequest.of("hi")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
              assertThat(e.httpStatus()).hasValue(401);
              assertThat(e.getMessage()).doesNotContain(OpenAiTestSupport.MARKER_KEY);
            });
  }

  @Test
  void thePublisherAndCallbackFormsDeliverTheSameEvents() throws Exception {
    stream(sse(OPENAI_BODY));
    List<StreamEvent> published = new ArrayList<>();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    server.client().stream(InferenceRequest.of("hi"))
        .toPublisher()
        .subscribe(
            new Flow.Subscriber<>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(StreamEvent item) {
                published.add(item);
              }

              @Override
              public void onError(Throwable throwable) {
                done.countDown();
              }

              @Override
              public void onComplete() {
                done.countDown();
              }
            });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(texts(published)).isEqualTo("Héllo wörld ✓ 🌍");

    List<StreamEvent> called = new ArrayList<>();
    InferenceResponse response =
        server.client().stream(InferenceRequest.of("hi"))
            .forEachAsync(called::add)
            .get(10, TimeUnit.SECONDS);
    assertThat(response.text()).isEqualTo("Héllo wörld ✓ 🌍");
    assertThat(called).hasSize(3);
  }

  @Test
  void anEventBiggerThanTheFrameLimitFailsFastAsMalformed() {
    String big = "x".repeat(4096);
    stream(
        sse(
            lf(
                "data: {\"choices\":[{\"delta\":{\"content\":\"ok\"},\"finish_reason\":null}]}",
                "",
                "data: {\"choices\":[{\"delta\":{\"content\":\""
                    + big
                    + "\"},\"finish_reason\":null}]}",
                "",
                "")));
    try (InferenceClient limited =
        dev.inference.Inference.connect(
            OpenAiTestSupport.settings(server.getPort())
                .option("max_frame_bytes", JsonValue.of(1024))
                .build())) {
      assertThatThrownBy(
              () -> {
                try (InferenceStream stream = limited.stream(InferenceRequest.of("hi"))) {
                  stream.forEach(event -> {});
                }
              })
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                assertThat(e.getMessage()).contains("1024");
                assertThat(e.partialText()).contains("ok");
              });
    }
  }
}
