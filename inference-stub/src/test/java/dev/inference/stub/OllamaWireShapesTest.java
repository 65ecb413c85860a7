package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Field by field, the Ollama answers of the stub against {@code shared/reference/wire-formats.md}
 * section 6: JSON modes, {@code created_at} from the clock, errors as {@code
 * {"error":"<message>"}}.
 */
class OllamaWireShapesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant NOW = Instant.parse("2026-12-03T07:00:00.123456Z");
  private static final String ASK =
      "{\"model\":\"llama\",\"stream\":false,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi you\"}]";

  static StubServer stub() {
    return StubServer.builder(Dialect.OLLAMA).clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
  }

  static HttpResponse<String> post(StubServer stub, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(java.net.URI.create(stub.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAnswerIsStampedWithTheClockAndHasNoRequestIdHeader() throws Exception {
    try (StubServer stub = stub()) {
      HttpResponse<String> response = post(stub, "/api/chat", ASK + "}");
      assertThat(response.body())
          .isEqualTo(
              "{\"model\":\"llama\",\"created_at\":\"2026-12-03T07:00:00.123456Z\","
                  + "\"message\":{\"role\":\"assistant\",\"content\":\"Stub answer to: hi you\"},"
                  + "\"done_reason\":\"stop\",\"done\":true,\"total_duration\":1000000,"
                  + "\"load_duration\":1000,\"prompt_eval_count\":2,\"prompt_eval_duration\":1000,"
                  + "\"eval_count\":5,\"eval_duration\":1000}");
      assertThat(response.headers().firstValue("x-request-id")).isEmpty();
    }
  }

  @Test
  void onlyFormatJsonOrASchemaTurnsJsonModeOn() throws Exception {
    try (StubServer stub = stub()) {
      for (String off : List.of("\"\"", "null")) {
        assertThat(post(stub, "/api/chat", ASK + ",\"format\":" + off + "}").body())
            .contains("\"content\":\"Stub answer to: hi you\"");
      }
      assertThat(post(stub, "/api/chat", ASK + ",\"format\":\"json\"}").body())
          .contains(
              "\"content\":\"{\\\"answer\\\":\\\"Stub answer to: hi you\\\",\\\"words\\\":2}\"");
      assertThat(
              post(
                      stub,
                      "/api/chat",
                      ASK
                          + ",\"format\":{\"type\":\"object\",\"properties\":{\"n\":"
                          + "{\"type\":\"integer\"},\"ok\":{\"type\":\"boolean\"}},"
                          + "\"required\":[\"n\",\"ok\"]}}")
                  .body())
          .contains("\"content\":\"{\\\"n\\\":2,\\\"ok\\\":true}\"");
    }
  }

  @Test
  void errorsAreAnObjectWithTheMessageAsAString() throws Exception {
    try (StubServer stub = stub()) {
      stub.enqueue(Reply.apiError(404, "model 'x' not found"));
      HttpResponse<String> missing = post(stub, "/api/chat", ASK + "}");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("{\"error\":\"model 'x' not found\"}");
      HttpResponse<String> control =
          post(stub, "/_stub/replies", "{\"type\":\"error\",\"status\":503}");
      assertThat(control.statusCode()).isEqualTo(200);
      assertThat(post(stub, "/api/chat", ASK + "}").body()).isEqualTo("{\"error\":\"stub error\"}");
      assertThat(post(stub, "/api/chat", "not json").body())
          .startsWith("{\"error\":\"the request body is not JSON");
    }
  }

  @Test
  void theRootSaysOllamaIsRunningAndTheFirstPullProgressHasNoCompleted() throws Exception {
    try (StubServer stub = stub()) {
      HttpResponse<String> root =
          HTTP.send(
              HttpRequest.newBuilder(stub.baseUrl()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).isEqualTo("Ollama is running");
      List<String> lines = post(stub, "/api/pull", "{\"model\":\"phi4\"}").body().lines().toList();
      assertThat(lines.get(0)).isEqualTo("{\"status\":\"pulling manifest\"}");
      assertThat(lines.get(1)).contains("\"total\":").doesNotContain("completed");
      assertThat(lines.get(2)).contains("\"completed\":1048576");
      HttpResponse<String> unknown = post(stub, "/api/nothing", "{}");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).isEqualTo("404 page not found");
    }
  }
}
