package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StubServerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static InferenceClient client(StubServer stub) {
    return StubDrivers.client(stub);
  }

  private static List<String> deltas(InferenceClient client, InferenceRequest request) {
    List<String> deltas = new ArrayList<>();
    try (InferenceStream stream = client.stream(request)) {
      for (StreamEvent event : stream) {
        if (event instanceof StreamEvent.TextDelta delta) {
          deltas.add(delta.text());
        }
      }
    }
    return deltas;
  }

  private static HttpResponse<String> get(StubServer stub, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(StubServer stub, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void theDefaultReplyIsDerivedFromThePromptAndCountsWords(Dialect dialect) {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = client(stub)) {
      InferenceResponse text =
          client.infer(
              InferenceRequest.builder()
                  .systemPrompt("be brief")
                  .userPrompt("  hello   stub\nworld ")
                  .build());
      assertThat(text.text()).isEqualTo("Stub answer to: hello stub world");
      assertThat(text.usage().orElseThrow().promptTokens()).hasValue(5);
      assertThat(text.usage().orElseThrow().completionTokens()).hasValue(6);
      assertThat(text.modelName()).isEqualTo("m1");
      assertThat(text.finishReason().orElseThrow().raw())
          .isEqualTo(dialect == Dialect.ANTHROPIC ? "end_turn" : "stop");

      InferenceResponse json =
          client.infer(
              InferenceRequest.builder()
                  .userPrompt("two words")
                  .responseFormat(ResponseFormat.jsonObject())
                  .build());
      assertThat(json.parsedJson().orElseThrow().toJson())
          .isEqualTo("{\"answer\":\"Stub answer to: two words\",\"words\":2}");

      assertThat(deltas(client, InferenceRequest.of("streamed please")))
          .containsExactly("Stub", " answer", " to:", " streamed", " please");

      assertThat(stub.chatRequests()).hasSize(3);
      assertThat(stub.chatRequests().get(0).json().get("model").orElseThrow().toJson())
          .isEqualTo("\"m1\"");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void scriptedRepliesComeInOrderThenTheDefault(Dialect dialect) {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = client(stub)) {
      stub.enqueue(
          Reply.text("first").withUsage(7, 1).withReasoning("thinking..."),
          Reply.stream("a", "b", "c").withDelay(Duration.ofMillis(1)),
          Reply.error(401, "{\"error\":{\"message\":\"bad key\",\"code\":\"invalid_api_key\"}}"),
          Reply.text("cut").withFinishReason("length").withoutUsage());

      InferenceResponse first = client.infer(InferenceRequest.of("x"));
      assertThat(first.text()).isEqualTo("first");
      assertThat(first.reasoning()).hasValue("thinking...");
      assertThat(first.usage().orElseThrow().totalTokens()).hasValue(8);

      assertThat(deltas(client, InferenceRequest.of("y"))).containsExactly("a", "b", "c");

      assertThatThrownBy(() -> client.infer(InferenceRequest.of("z")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                assertThat(e.httpStatus()).hasValue(401);
              });

      InferenceResponse cut = client.infer(InferenceRequest.of("w"));
      assertThat(cut.finishReason().orElseThrow().raw()).isEqualTo("length");
      assertThat(cut.usage()).isEmpty();

      assertThat(client.infer(InferenceRequest.of("again")).text())
          .isEqualTo("Stub answer to: again");
    }
  }

  @Test
  void errorsCarryTheirHeadersAndBody() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client = client(stub)) {
      stub.enqueue(
          Reply.error(429, "{\"error\":{\"message\":\"slow down\"}}")
              .withHeader("Retry-After", "3"));
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(3));
                assertThat(e.responseBody()).hasValue("{\"error\":{\"message\":\"slow down\"}}");
              });
    }
  }

  @Test
  void aStallEndsInTheClientsTimeoutAndCloseReleasesIt() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client =
            Inference.connect(
                ProviderSettings.builder("openai_chat_completions")
                    .model("m")
                    .baseUrl(stub.chatEndpoint())
                    .requestTimeout(Duration.ofMillis(300))
                    .build())) {
      stub.enqueue(Reply.stall());
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void aBigRepeatedReplyIsStreamedAndSentWhole(Dialect dialect) {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = client(stub)) {
      stub.enqueue(Reply.repeated("0123456789", 100_000), Reply.repeated("ab", 50_000));
      String text = client.infer(InferenceRequest.of("big")).text();
      assertThat(text).hasSize(1_000_000).startsWith("01234567890123").endsWith("6789");
      assertThat(String.join("", deltas(client, InferenceRequest.of("big stream"))))
          .hasSize(100_000);
    }
  }

  @Test
  void handles256ConcurrentRequests() throws Exception {
    try (StubServer stub = StubServer.builder(Dialect.OPENAI).record(false).start();
        InferenceClient client = client(stub)) {
      // every request holds its thread until all 256 arrived: only true concurrency finishes
      CountDownLatch all = new CountDownLatch(256);
      stub.replyAlways(Reply.stream("x", "y").withDelay(Duration.ofMillis(1)));
      ExecutorService pool = Executors.newFixedThreadPool(256);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
          results.add(
              pool.submit(
                  () -> {
                    all.countDown();
                    all.await(30, TimeUnit.SECONDS);
                    return client.infer(InferenceRequest.of("q")).text();
                  }));
        }
        for (Future<String> result : results) {
          assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("xy");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(stub.requests()).isEmpty();
    }
  }

  private static InferenceException streamFailure(InferenceClient client, String prompt) {
    List<String> seen = new ArrayList<>();
    try (InferenceStream stream = client.stream(InferenceRequest.of(prompt))) {
      for (StreamEvent event : stream) {
        if (event instanceof StreamEvent.TextDelta delta) {
          seen.add(delta.text());
        }
      }
    } catch (InferenceException failure) {
      return failure;
    }
    throw new AssertionError("the stream ended without a failure after " + seen);
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void aStreamCanEndBadlyAfterItsDeltas(Dialect dialect) {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = client(stub)) {
      Reply answer = Reply.stream("one", " two");
      stub.enqueue(
          answer.truncatedAfterDeltas(),
          answer.failingAfterDeltas("the model crashed"),
          answer.droppingAfterDeltas());

      InferenceException truncated = streamFailure(client, "a");
      assertThat(truncated.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
      assertThat(truncated.partialText()).hasValue("one two");

      InferenceException failed = streamFailure(client, "b");
      assertThat(failed.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(failed.getMessage()).contains("the model crashed");
      assertThat(failed.partialText()).hasValue("one two");

      InferenceException dropped = streamFailure(client, "c");
      assertThat(dropped.kind()).isEqualTo(ErrorKind.TRANSPORT);

      // a blocking call gets the whole answer: the endings are for streams
      stub.enqueue(answer.truncatedAfterDeltas(), answer.droppingAfterDeltas());
      assertThat(client.infer(InferenceRequest.of("d")).text()).isEqualTo("one two");
      assertThat(client.infer(InferenceRequest.of("e")).text()).isEqualTo("one two");
      assertThat(deltas(client, InferenceRequest.of("after"))).hasSize(4);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void aDropClosesTheConnectionWithoutAnAnswer(Dialect dialect) {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = client(stub)) {
      stub.enqueue(Reply.drop(), Reply.drop());
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TRANSPORT));
      assertThat(streamFailure(client, "y").kind()).isEqualTo(ErrorKind.TRANSPORT);
      assertThat(client.infer(InferenceRequest.of("z")).text()).isEqualTo("Stub answer to: z");
      assertThat(stub.chatRequests()).hasSize(3);
    }
  }

  @Test
  void aBoundedStallDropsTheConnectionAfterItsDuration() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      stub.enqueue(Reply.stall(Duration.ofMillis(200)));
      assertThatThrownBy(() -> post(stub, "/v1/chat/completions", "{}"))
          .isInstanceOf(java.io.IOException.class);
      assertThat(post(stub, "/v1/chat/completions", "{}").statusCode()).isEqualTo(200);
    }
    assertThatThrownBy(() -> Reply.stall(Duration.ZERO))
        .hasMessage("duration must be positive, but was PT0S");
    assertThatThrownBy(() -> Reply.drop().truncatedAfterDeltas())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aResponderAnswersPerRequestEvenWithoutRecording() {
    try (StubServer stub = StubServer.builder(Dialect.OLLAMA).record(false).start();
        InferenceClient client = client(stub)) {
      List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      stub.replyWith(
          request -> {
            String body = request.body();
            seen.add(body.contains("special") ? "special" : "other");
            return body.contains("special") ? Reply.text("just for you") : null;
          });
      stub.enqueue(Reply.text("scripted first"));
      assertThat(client.infer(InferenceRequest.of("special")).text()).isEqualTo("scripted first");
      assertThat(client.infer(InferenceRequest.of("special")).text()).isEqualTo("just for you");
      assertThat(client.infer(InferenceRequest.of("plain")).text())
          .isEqualTo("Stub answer to: plain");
      assertThat(seen).containsExactly("special", "other");
      assertThat(stub.requests()).isEmpty();
      stub.reset();
      assertThat(client.infer(InferenceRequest.of("special")).text())
          .isEqualTo("Stub answer to: special");
    }
  }

  @Test
  void theNewFaultsHaveAJsonForm() {
    assertThat(Reply.fromJson(JsonValue.parse("{\"type\":\"drop\"}"))).hasToString("Reply[drop]");
    assertThat(Reply.fromJson(JsonValue.parse("{\"type\":\"stall\",\"ms\":250}")))
        .hasToString("Reply[stall 250 ms]");
    Reply failing =
        Reply.fromJson(
            JsonValue.parse(
                "{\"type\":\"stream\",\"deltas\":[\"a\"],\"end\":\"error\",\"error\":\"boom\"}"));
    assertThat(failing.parts().ending()).isEqualTo(Reply.Ending.ERROR);
    assertThat(failing.parts().errorMessage()).isEqualTo("boom");
    for (String end : List.of("stall", "truncate", "drop")) {
      assertThat(
              Reply.fromJson(
                      JsonValue.parse("{\"type\":\"text\",\"text\":\"a\",\"end\":\"" + end + "\"}"))
                  .parts()
                  .ending()
                  .name())
          .isEqualTo(end.toUpperCase(java.util.Locale.ROOT));
    }
    assertThatThrownBy(
            () ->
                Reply.fromJson(
                    JsonValue.parse("{\"type\":\"text\",\"text\":\"a\",\"end\":\"nope\"}")))
        .hasMessage("unknown end 'nope'; known ends: stall, truncate, drop, error");
  }

  @Test
  void openAiListsItsModels() throws Exception {
    try (StubServer stub = StubServer.builder(Dialect.OPENAI).models("a", "b").start()) {
      JsonValue body = JsonValue.parse(get(stub, "/v1/models").body());
      assertThat(body.toJson())
          .isEqualTo(
              "{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"object\":\"model\","
                  + "\"created\":1700000000,\"owned_by\":\"stub\"},{\"id\":\"b\",\"object\":"
                  + "\"model\",\"created\":1700000000,\"owned_by\":\"stub\"}]}");
      assertThat(get(stub, "/nowhere").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void ollamaVersionTagsShowAndPullWithProgress() throws Exception {
    try (StubServer stub =
        StubServer.builder(Dialect.OLLAMA).models("llama3.2:latest").pullSizeBytes(400).start()) {
      assertThat(get(stub, "/api/version").body()).isEqualTo("{\"version\":\"0.12.6\"}");
      assertThat(get(stub, "/api/tags").body()).contains("\"name\":\"llama3.2:latest\"");
      assertThat(post(stub, "/api/show", "{\"model\":\"llama3.2\"}").statusCode()).isEqualTo(200);
      HttpResponse<String> missing = post(stub, "/api/show", "{\"model\":\"qwen3\"}");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("{\"error\":\"model 'qwen3' not found\"}");

      String pull = post(stub, "/api/pull", "{\"model\":\"qwen3\",\"stream\":true}").body();
      List<String> lines = pull.lines().toList();
      assertThat(lines.get(0)).isEqualTo("{\"status\":\"pulling manifest\"}");
      assertThat(lines.get(3)).contains("\"total\":400,\"completed\":200");
      assertThat(lines.get(lines.size() - 1)).isEqualTo("{\"status\":\"success\"}");
      assertThat(stub.models()).containsExactly("llama3.2:latest", "qwen3:latest");
      assertThat(post(stub, "/api/show", "{\"model\":\"qwen3\"}").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void controlEndpointsScriptAndReport() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client = client(stub)) {
      HttpResponse<String> queued =
          post(
              stub,
              "/_stub/replies",
              "[{\"type\":\"text\",\"text\":\"scripted\"},"
                  + "{\"type\":\"error\",\"status\":503,\"body\":\"down\","
                  + "\"headers\":{\"Retry-After\":\"2\"}}]");
      assertThat(queued.body()).isEqualTo("{\"queued\":2}");
      assertThat(client.infer(InferenceRequest.of("one")).text()).isEqualTo("scripted");
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("two")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.httpStatus()).hasValue(503);
                assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(2));
              });
      JsonValue requests = JsonValue.parse(get(stub, "/_stub/requests").body());
      assertThat(((JsonValue.ArrayValue) requests).elements()).hasSize(2);
      assertThat(requests.toJson()).contains("\"path\":\"/v1/chat/completions\"");

      assertThat(post(stub, "/_stub/replies", "{\"type\":\"nope\"}").body())
          .contains("unknown reply type 'nope'");
      post(stub, "/_stub/reset", "");
      assertThat(stub.requests()).isEmpty();
    }
  }

  @Test
  void startsFastOnAnEphemeralLoopbackPort() {
    try (StubServer a = StubServer.start(Dialect.OPENAI);
        StubServer b = StubServer.start(Dialect.OLLAMA)) {
      assertThat(a.port()).isPositive().isNotEqualTo(b.port());
      assertThat(a.baseUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(b.chatEndpoint().getPath()).isEqualTo("/api/chat");
    }
  }

  @Test
  void badArgumentsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> Reply.error(99, ""))
        .hasMessage("status must be between 100 and 599, but was 99");
    assertThatThrownBy(() -> Reply.repeated("x", 0)).hasMessage("count must be >= 1, but was 0");
    assertThatThrownBy(() -> Dialect.fromName("gemini"))
        .hasMessage("unknown dialect 'gemini'; known dialects: openai, ollama, anthropic, inferd");
    assertThatThrownBy(() -> StubServer.builder(Dialect.OPENAI).port(70_000))
        .hasMessage("port must be between 0 and 65535, but was 70000");
  }

  @Test
  void anAsyncCallTakesTheNextScriptedReply() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client = client(stub)) {
      stub.enqueue(Reply.text("one"));
      CompletableFuture<InferenceResponse> first = client.inferAsync(InferenceRequest.of("a"));
      assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("one");
    }
  }
}
