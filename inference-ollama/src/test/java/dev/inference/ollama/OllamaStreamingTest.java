package dev.inference.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.ollama.OllamaTestSupport.PATH;
import static dev.inference.ollama.OllamaTestSupport.ndjson;
import static dev.inference.ollama.OllamaTestSupport.ndjsonWithoutFinalNewline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import dev.inference.testkit.DriverServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streamed calls of the Ollama driver, with NDJSON bodies byte for byte as Ollama writes them. */
class OllamaStreamingTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OllamaTestSupport::client);

  /**
   * Ollama's stream: one Go {@code json.Marshal} line per token ({@code \u003c} escapes, UTF-8 as
   * is, nanosecond timestamps), then the done line with the metrics; intermediate lines have none.
   */
  static final String[] LINES = {
    "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.100000001Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Héllo\"},\"done\":false}",
    "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.120483917Z\",\"message\":{\"role\":\"assistant\",\"content\":\" wörld ✓ 🌍\"},\"done\":false}",
    "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.141002503Z\",\"message\":{\"role\":\"assistant\",\"content\":\" \\u003cb\\u003e\\u0026\"},\"done\":false}",
    "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.163519275Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":1843402917,\"load_duration\":21738625,\"prompt_eval_count\":26,\"prompt_eval_duration\":130079000,\"eval_count\":3,\"eval_duration\":63323000}"
  };

  static final String TEXT = "Héllo wörld ✓ 🌍 <b>&";

  private static void stream(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
  }

  private static ResponseDefinitionBuilder ndjsonResponse(byte[] body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-ndjson")
        .withBody(body);
  }

  private List<StreamEvent> readAll(InferenceRequest request) {
    List<StreamEvent> events = new ArrayList<>();
    try (InferenceStream stream = server.client().stream(request)) {
      for (StreamEvent event : stream) {
        events.add(event);
      }
    }
    return events;
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

  private static InferenceResponse completed(List<StreamEvent> events) {
    assertThat(events.stream().filter(StreamEvent.Completed.class::isInstance)).hasSize(1);
    assertThat(events.get(events.size() - 1)).isInstanceOf(StreamEvent.Completed.class);
    return ((StreamEvent.Completed) events.get(events.size() - 1)).response();
  }

  @Test
  void deltasArriveInOrderThenExactlyOneCompletedWithUsage() {
    stream(ndjsonResponse(ndjson(LINES)));

    List<StreamEvent> events = readAll(InferenceRequest.of("hi"));

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Accept", equalTo("application/x-ndjson"))
            .withRequestBody(
                equalToJson(
                    """
                    {"model":"llama3.2","messages":[{"role":"user","content":"hi"}],
                     "options":{"temperature":0.1,"num_predict":200},"stream":true}
                    """)));
    assertThat(events)
        .containsExactly(
            new StreamEvent.TextDelta("Héllo"),
            new StreamEvent.TextDelta(" wörld ✓ 🌍"),
            new StreamEvent.TextDelta(" <b>&"),
            events.get(3));
    InferenceResponse response = completed(events);
    assertThat(response.text()).isEqualTo(TEXT).isEqualTo(texts(events));
    assertThat(response.usage()).contains(Usage.of(26, 3, 29));
    assertThat(response.finishReason()).contains(FinishReason.fromProvider("stop"));
    assertThat(response.modelName()).isEqualTo("llama3.2");
    assertThat(response.providerName()).isEqualTo("ollama");
  }

  @ParameterizedTest(name = "{0}-byte writes")
  @ValueSource(ints = {1, 7})
  void dribbledWritesSplittingUtf8AndALastLineWithoutNewlineGiveTheSameResult(int chunkBytes) {
    byte[] body = ndjsonWithoutFinalNewline(LINES);
    stream(
        ndjsonResponse(body)
            .withChunkedDribbleDelay((body.length + chunkBytes - 1) / chunkBytes, body.length / 8));

    List<StreamEvent> events = readAll(InferenceRequest.of("hi"));

    assertThat(texts(events)).isEqualTo(TEXT);
    InferenceResponse response = completed(events);
    assertThat(response.text()).isEqualTo(TEXT);
    assertThat(response.usage()).contains(Usage.of(26, 3, 29));
  }

  @Test
  void theDoneLinesContentIsAppended() {
    stream(
        ndjsonResponse(
            ndjson(
                LINES[0],
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.163519275Z\",\"message\":{\"role\":\"assistant\",\"content\":\"!\"},\"done_reason\":\"length\",\"done\":true,\"total_duration\":1843402917,\"prompt_eval_count\":26,\"eval_count\":2}")));

    List<StreamEvent> events = readAll(InferenceRequest.of("hi"));

    assertThat(events.subList(0, 2))
        .containsExactly(new StreamEvent.TextDelta("Héllo"), new StreamEvent.TextDelta("!"));
    InferenceResponse response = completed(events);
    assertThat(response.text()).isEqualTo("Héllo!");
    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.LENGTH, "length"));
  }

  @Test
  void oldBuildChunksWithImagesNullAndNoDoneReasonComplete() {
    stream(
        ndjsonResponse(
            ndjson(
                "{\"model\":\"llama2\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\",\"message\":{\"role\":\"assistant\",\"content\":\"The\",\"images\":null},\"done\":false}",
                "{\"model\":\"llama2\",\"created_at\":\"2023-08-04T19:22:45.499127Z\",\"done\":true,\"total_duration\":8113331500,\"load_duration\":6396458,\"prompt_eval_count\":46,\"prompt_eval_duration\":200000000,\"eval_count\":8,\"eval_duration\":7893000000}")));

    InferenceResponse response = completed(readAll(InferenceRequest.of("hi")));

    assertThat(response.text()).isEqualTo("The");
    assertThat(response.finishReason()).contains(new FinishReason(FinishReason.Kind.STOP, "stop"));
    assertThat(response.usage()).contains(Usage.of(46, 8, 54));
    assertThat(response.modelName()).isEqualTo("llama2");
  }

  @Test
  void thinkingDeltasAreReasoningAndNeverText() {
    stream(
        ndjsonResponse(
            ndjson(
                "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-08-14T09:30:12.100000001Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"6 times\"},\"done\":false}",
                "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-08-14T09:30:12.120000002Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\" 7.\"},\"done\":false}",
                "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-08-14T09:30:12.140000003Z\",\"message\":{\"role\":\"assistant\",\"content\":\"42\"},\"done\":false}",
                "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-08-14T09:30:12.160000004Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":11,\"eval_count\":9}")));

    List<StreamEvent> events = readAll(InferenceRequest.of("6*7?"));

    assertThat(events.subList(0, 3))
        .containsExactly(
            new StreamEvent.ReasoningDelta("6 times"),
            new StreamEvent.ReasoningDelta(" 7."),
            new StreamEvent.TextDelta("42"));
    InferenceResponse response = completed(events);
    assertThat(response.text()).isEqualTo("42");
    assertThat(response.reasoning()).contains("6 times 7.");
  }

  @Test
  void partialAndAbsentUsageInTheDoneLine() {
    stream(
        ndjsonResponse(
            ndjson(
                LINES[0],
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.163519275Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":1843402917,\"eval_count\":4,\"eval_duration\":63323000}")));
    Usage partial = completed(readAll(InferenceRequest.of("hi"))).usage().orElseThrow();
    assertThat(partial.promptTokens()).isEmpty();
    assertThat(partial.completionTokens()).hasValue(4);
    assertThat(partial.totalTokens()).isEmpty();

    server.resetAll();
    stream(
        ndjsonResponse(
            ndjson(
                LINES[0],
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.163519275Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true}")));
    assertThat(completed(readAll(InferenceRequest.of("hi"))).usage()).isEmpty();
  }

  @Test
  void toolCallsThenStopFinishWithToolCalls() {
    stream(
        ndjsonResponse(
            ndjson(
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.100000001Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_k3x9b2ql\",\"function\":{\"index\":0,\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}}]},\"done\":false}",
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.163519275Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":80,\"eval_count\":19}")));

    InferenceResponse response = completed(readAll(InferenceRequest.of("weather?")));

    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.TOOL_CALLS, "tool_calls"));
  }

  @Test
  void jsonObjectModeParsesTheStreamedObject() {
    stream(
        ndjsonResponse(
            ndjson(
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.100000001Z\",\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"a\\\":\"},\"done\":false}",
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.120000002Z\",\"message\":{\"role\":\"assistant\",\"content\":\" \\\"\\u003c1\\u003e\\\"}\"},\"done\":false}",
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.140000003Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true}")));

    List<StreamEvent> events =
        readAll(
            InferenceRequest.builder()
                .userPrompt("json")
                .responseFormat(ResponseFormat.jsonObject())
                .build());

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(equalToJson("{\"format\":\"json\",\"stream\":true}", true, true)));
    assertThat(completed(events).parsedJson()).contains(JsonValue.parse("{\"a\":\"<1>\"}"));
  }

  @Test
  void anErrorLineMidStreamSurfacesWithThePartialText() {
    stream(
        ndjsonResponse(
            ndjson(
                LINES[0],
                "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}")));
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
              assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.partialText()).contains("Héllo");
              assertThat(e.providerName()).contains("ollama");
              assertThat(e.getMessage())
                  .startsWith(
                      "ollama sent an error in its response: an error was encountered while"
                          + " running the model: unexpected EOF.");
            });
    assertThat(seen).containsExactly(new StreamEvent.TextDelta("Héllo"));
  }

  @Test
  void aStreamThatEndsWithoutDoneIsTruncatedWithThePartialText() {
    stream(ndjsonResponse(ndjson(LINES[0], LINES[1])));
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
              assertThat(e.partialText()).contains("Héllo wörld ✓ 🌍");
            });
    assertThat(seen)
        .containsExactly(
            new StreamEvent.TextDelta("Héllo"), new StreamEvent.TextDelta(" wörld ✓ 🌍"));
  }

  @Test
  void aBodyCutMidLineIsTruncatedNotMalformed() {
    stream(
        ndjsonResponse(
            ndjsonWithoutFinalNewline(
                LINES[0], "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30")));
    assertThatThrownBy(() -> readAll(InferenceRequest.of("hi")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.partialText()).contains("Héllo");
              assertThat(e.getMessage()).contains("in the middle of a line");
            });
  }

  @Test
  void modelNotFoundBeforeTheStreamOpensIsThrownFromStream() {
    stream(
        aResponse()
            .withStatus(404)
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody("{\"error\":\"model 'llama9' not found\"}"));
    assertThatThrownBy(() -> server.client().stream(InferenceRequest.of("hi")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
              assertThat(e.httpStatus()).hasValue(404);
              assertThat(e.isRetryable()).isFalse();
            });
  }

  @Test
  void linesAfterDoneAreIgnored() {
    stream(
        ndjsonResponse(
            ndjson(
                LINES[0], LINES[3], "{\"error\":\"late noise after the answer was finished\"}")));
    InferenceResponse response = completed(readAll(InferenceRequest.of("hi")));
    assertThat(response.text()).isEqualTo("Héllo");
  }
}
