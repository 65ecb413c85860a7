package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import dev.inference.stub.Dialect;
import dev.inference.stub.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inference bus events|self-test|handle} as child processes, the node {@code gpu} served by
 * an Ollama profile against the stub.
 */
class BusCliTest {

  @TempDir Path dir;

  private Path config(StubServer ollama) throws Exception {
    return Files.writeString(
        dir.resolve("inference.toml"),
        ProtocolLoopTest.config("ollama_chat", ollama.chatEndpoint().toString(), 5)
            + "\n[inference.bus.nodes.gpu]\nprofile = \"main\"\n");
  }

  private static String envelope(String id, String event, String payload) {
    return "{\"name\":\"bus.inference."
        + event
        + ".request\",\"correlation_id\":\""
        + id
        + "\",\"delivery\":\"broadcast\",\"payload\":"
        + payload
        + "}";
  }

  @Test
  void handleAnswersEachEnvelopeInOrderWithItsCorrelationIdAndNoSecret() throws Exception {
    try (StubServer ollama = StubServer.builder(Dialect.OLLAMA).models("llama3.2:latest").start()) {
      Path config = config(ollama);
      Path envelopes =
          Files.writeString(
              dir.resolve("envelopes.ndjson"),
              String.join(
                      "\n",
                      envelope("c1", "status", "{\"provider\":\"ollama\",\"node_id\":\"gpu\"}"),
                      envelope(
                          "c2",
                          "verify",
                          "{\"provider\":\"ollama\",\"node_id\":\"gpu\",\"checks\":"
                              + "[\"runtime-ready\",\"loopback-only\"]}"),
                      envelope(
                          "c3",
                          "install",
                          "{\"provider\":\"ollama\",\"node_id\":\"gpu\",\"credentials\":"
                              + "{\"api_token_secret\":\""
                              + ChildProcess.MARKER
                              + "\"}}"),
                      envelope(
                          "c4",
                          "model.ensure",
                          "{\"provider\":\"ollama\",\"node_id\":\"gpu\",\"model\":\"qwen3:0.6b\","
                              + "\"dry_run\":false}"),
                      "{not json",
                      envelope("c6", "status", "{\"provider\":\"ollama\",\"node_id\":\"nowhere\"}"))
                  + "\n");
      ChildProcess.Result result =
          ChildProcess.run(
              dir, "bus", "handle", envelopes.toString(), "--config", config.toString());
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      List<JsonValue> responses = result.lines().stream().map(JsonValue::parse).toList();
      assertThat(responses)
          .extracting(r -> r.get("correlation_id").map(JsonValue::toJson).orElse("?"))
          .containsExactly("\"c1\"", "\"c2\"", "\"c3\"", "\"c4\"", "null", "\"c6\"");
      assertThat(responses)
          .extracting(r -> r.get("name").flatMap(JsonValue::asString).orElse("?"))
          .startsWith(
              "bus.inference.status.response",
              "bus.inference.verify.response",
              "bus.inference.install.response",
              "bus.inference.model.ensure.response");
      assertThat(payload(responses.get(0)))
          .contains("\"ok\":true", "\"runtime_status\":\"ready\"", "llama3.2:latest");
      assertThat(payload(responses.get(1)))
          .contains("\"ok\":true", "\"name\":\"runtime-ready\"", "\"name\":\"loopback-only\"");
      assertThat(payload(responses.get(2)))
          .contains("\"ok\":false", "\"error_class\":\"bad_request\"", "inline secret");
      assertThat(payload(responses.get(3)))
          .contains("\"ok\":false", "\"error_class\":\"bad_request\"", "confirm");
      assertThat(payload(responses.get(4))).contains("\"error_class\":\"bad_request\"");
      assertThat(payload(responses.get(5)))
          .contains("\"ok\":false", "\"error_class\":\"not_found\"");
      assertThat(result.stdout() + result.stderr()).doesNotContain(ChildProcess.MARKER);
      assertThat(ollama.requests()).noneMatch(r -> r.path().contains("/api/pull"));
    }
  }

  private static String payload(JsonValue response) {
    return response.get("payload").orElseThrow().toJson();
  }

  @Test
  void eventsAndSelfTestAsDocumented() throws Exception {
    try (StubServer ollama = StubServer.start(Dialect.OLLAMA)) {
      Path config = config(ollama);
      ChildProcess.Result names =
          ChildProcess.run(dir, "bus", "events", "--config", config.toString());
      assertThat(names.exitCode()).as(names.stderr()).isZero();
      assertThat(names.lines())
          .containsExactly(
              "bus.inference.install.request",
              "bus.inference.install.response",
              "bus.inference.model.ensure.request",
              "bus.inference.model.ensure.response",
              "bus.inference.status.request",
              "bus.inference.status.response",
              "bus.inference.verify.request",
              "bus.inference.verify.response");

      ChildProcess.Result json =
          ChildProcess.run(dir, "bus", "events", "--format", "json", "--config", config.toString());
      assertThat(json.exitCode()).as(json.stderr()).isZero();
      JsonValue described = JsonValue.parse(json.stdout().strip());
      assertThat(described.get("providers").orElseThrow().toJson()).isEqualTo("[\"ollama\"]");
      assertThat(described.get("events").orElseThrow().toJson()).contains("bus.inference.verify");

      ChildProcess.Result selfTest =
          ChildProcess.run(dir, "bus", "self-test", "--config", config.toString());
      assertThat(selfTest.exitCode()).as(selfTest.stderr()).isZero();
      assertThat(selfTest.stdout()).isEqualTo("OK inference bus self-test\n");
    }
  }
}
