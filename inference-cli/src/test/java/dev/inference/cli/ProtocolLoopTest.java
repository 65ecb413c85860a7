package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import dev.inference.stub.Dialect;
import dev.inference.stub.RecordedRequest;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code inference run} as a child process against the stub server, one process per driver, like
 * bitloops-inference's {@code tests/protocol_loop.rs}: every output line is compared whole. {@code
 * details.description} (the library's own wording of an HTTP error) is the one member left out of
 * the comparison; it is checked for what it must say instead.
 */
class ProtocolLoopTest {

  @TempDir Path dir;

  static String config(String driver, String endpoint, int timeoutSecs) {
    return "[inference.runtimes.local]\n"
        + "request_timeout_secs = "
        + timeoutSecs
        + "\n"
        + "max_retries = 0\n"
        + "\n"
        + "[inference.profiles.main]\n"
        + "task = \"text_generation\"\n"
        + "driver = \""
        + driver
        + "\"\n"
        + "runtime = \"local\"\n"
        + "model = \"m1\"\n"
        + "base_url = \""
        + endpoint
        + "\"\n"
        + "api_key = \"${MARKER_KEY}\"\n"
        + "temperature = 0.1\n"
        + "max_output_tokens = 200\n"
        + "\n"
        + "[inference.profiles.embeddings]\n"
        + "task = \"embeddings\"\n";
  }

  Path write(String toml) throws Exception {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml);
    return file;
  }

  /** The line without {@code details.description}, re-serialised; checks the line was compact. */
  static String comparable(String line) {
    JsonValue json = JsonValue.parse(line);
    assertThat(json.toJson()).as("compact JSON").isEqualTo(line);
    JsonValue details = json.get("details").orElse(null);
    if (!(details instanceof JsonValue.ObjectValue object)
        || !object.members().containsKey("description")) {
      return line;
    }
    Map<String, JsonValue> kept = new LinkedHashMap<>(object.members());
    kept.remove("description");
    Map<String, JsonValue> top = new LinkedHashMap<>(((JsonValue.ObjectValue) json).members());
    top.put("details", JsonValue.object(kept));
    return JsonValue.object(top).toJson();
  }

  static String infer(String id, String mode, String extra) {
    return "{\"request_id\":\""
        + id
        + "\",\"type\":\"infer\",\"system_prompt\":\"sys\",\"user_prompt\":\"hello\","
        + "\"response_mode\":\""
        + mode
        + "\""
        + extra
        + "}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai_chat_completions", "ollama_chat", "bitloops_platform_chat"})
  void eachDriverAnswersEveryRequestTypeAndEveryErrorInOrder(String driver) throws Exception {
    boolean ollama = driver.equals("ollama_chat");
    boolean platform = driver.equals("bitloops_platform_chat");
    String provider = ollama ? "ollama" : platform ? "bitloops" : "openai";
    String kind = ollama ? "ollama_chat" : "openai_chat_completions";
    try (StubServer stub = StubServer.start(ollama ? Dialect.OLLAMA : Dialect.OPENAI)) {
      Path config = write(config(driver, stub.chatEndpoint().toString(), 1));
      stub.enqueue(
          Reply.text("hello there").withUsage(3, 2),
          Reply.json("Sure: {\"answer\":42} done").withUsage(4, 5),
          Reply.text("with overrides").withUsage(1, 1),
          Reply.stream("str", "eamed").withUsage(2, 2),
          Reply.error(429, "{\"error\":{\"message\":\"slow down\"}}")
              .withHeader("Retry-After", "2"),
          Reply.error(
              502,
              "{\"request_id\":\"gw-1\",\"error\":{\"type\":\"no_responders\","
                  + "\"message\":\"no responders\"}}"),
          Reply.error(
              401,
              "{\"error\":{\"message\":\"Incorrect API key provided: "
                  + ChildProcess.MARKER
                  + "\"}}"),
          Reply.error(500, ""),
          Reply.json("{\"answer\":"));
      if (platform) {
        // the platform driver retries a JSON-mode parse failure once, with the refresh header
        stub.enqueue(Reply.json("{\"answer\":"));
      }
      stub.enqueue(Reply.stall());
      List<String> input =
          List.of(
              "{\"request_id\":\"d1\",\"type\":\"describe\"}",
              infer("t1", "text", ""),
              "",
              infer("j1", "json_object", ""),
              infer("o1", "text", ",\"temperature\":0.7,\"max_output_tokens\":50,\"metadata\":{}"),
              infer("s1", "text", ",\"stream\":true"),
              "   ",
              "not json",
              "{\"request_id\":\"m1\",\"type\":\"bogus\"}",
              "{\"request_id\":7,\"type\":\"describe\"}",
              "{\"request_id\":\"m2\",\"type\":\"infer\",\"system_prompt\":\"s\"}",
              infer("m3", "yaml", ""),
              infer("e429", "text", ""),
              infer("e502", "text", ""),
              infer("e401", "text", ""),
              infer("e500", "text", ""),
              infer("bad", "json_object", ""),
              infer("slow", "text", ""),
              "{\"request_id\":\"bye\",\"type\":\"shutdown\"}",
              "{\"request_id\":\"after\",\"type\":\"describe\"}");
      ChildProcess.Result result =
          ChildProcess.run(
              dir,
              Map.of(),
              String.join("\r\n", input) + "\n",
              "run",
              "--config",
              config.toString(),
              "--profile",
              "main");

      String describe =
          "{\"request_id\":\"d1\",\"type\":\"describe\",\"protocol_version\":1,"
              + "\"runtime_name\":\"inference\",\"runtime_version\":\""
              + Version.version()
              + "\",\"profile_name\":\"main\",\"provider\":{\"kind\":\""
              + kind
              + "\",\"provider_name\":\""
              + provider
              + "\",\"model_name\":\"m1\",\"endpoint\":\""
              + stub.chatEndpoint()
              + "\",\"capabilities\":{\"response_modes\":[\"text\",\"json_object\"],"
              + "\"usage_reporting\":true}}}";
      String tail = ",\"provider_name\":\"" + provider + "\",\"model_name\":\"m1\"}";
      String unknown =
          "{\"request_id\":\"unknown\",\"type\":\"error\",\"code\":\"invalid_request\","
              + "\"message\":\"failed to deserialise JSON: ";
      List<String> expected = new ArrayList<>();
      expected.add(describe);
      expected.add(
          "{\"request_id\":\"t1\",\"type\":\"infer\",\"text\":\"hello there\",\"usage\":"
              + "{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5},"
              + "\"finish_reason\":\"stop\""
              + tail);
      expected.add(
          "{\"request_id\":\"j1\",\"type\":\"infer\",\"text\":\"Sure: {\\\"answer\\\":42} done\","
              + "\"parsed_json\":{\"answer\":42},\"usage\":{\"prompt_tokens\":4,"
              + "\"completion_tokens\":5,\"total_tokens\":9},\"finish_reason\":\"stop\""
              + tail);
      expected.add(
          "{\"request_id\":\"o1\",\"type\":\"infer\",\"text\":\"with overrides\",\"usage\":"
              + "{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2},"
              + "\"finish_reason\":\"stop\""
              + tail);
      expected.add("{\"request_id\":\"s1\",\"type\":\"delta\",\"text\":\"str\"}");
      expected.add("{\"request_id\":\"s1\",\"type\":\"delta\",\"text\":\"eamed\"}");
      expected.add(
          "{\"request_id\":\"s1\",\"type\":\"infer\",\"text\":\"streamed\",\"usage\":"
              + "{\"prompt_tokens\":2,\"completion_tokens\":2,\"total_tokens\":4},"
              + "\"finish_reason\":\"stop\""
              + tail);
      // serde_json's words and byte columns (golden transcripts pin many more)
      expected.add(unknown + "EOF while parsing a value at line 1 column 3\"}");
      expected.add(unknown + "expected ident at line 1 column 2\"}");
      expected.add(
          "{\"request_id\":\"m1\",\"type\":\"error\",\"code\":\"invalid_request\",\"message\":"
              + "\"failed to deserialise JSON: unknown variant `bogus`, expected one of"
              + " `describe`, `infer`, `shutdown` at line 1 column 34\"}");
      expected.add(unknown + "invalid type: integer `7`, expected a string at line 1 column 15\"}");
      expected.add(
          "{\"request_id\":\"m2\",\"type\":\"error\",\"code\":\"invalid_request\",\"message\":"
              + "\"failed to deserialise JSON: missing field `user_prompt` at line 1 column 54\"}");
      expected.add(
          "{\"request_id\":\"m3\",\"type\":\"error\",\"code\":\"invalid_request\",\"message\":"
              + "\"failed to deserialise JSON: unknown variant `yaml`, expected `text` or"
              + " `json_object` at line 1 column 101\"}");
      expected.add(
          "{\"request_id\":\"e429\",\"type\":\"error\",\"code\":\"provider_http_error\","
              + "\"message\":\"provider returned HTTP 429\",\"details\":{"
              + "\"body\":{\"error\":{\"message\":\"slow down\"}},\"kind\":\"rate_limited\","
              + "\"retry_after_ms\":2000,\"retryable\":true,\"status\":429}}");
      expected.add(
          "{\"request_id\":\"e502\",\"type\":\"error\",\"code\":\"provider_http_error\","
              + "\"message\":\"provider returned HTTP 502\",\"details\":{"
              + "\"body\":{\"error\":{\"message\":\"no responders\",\"type\":\"no_responders\"},"
              + "\"request_id\":\"gw-1\"},\"kind\":\"unavailable\","
              + "\"provider_code\":\"no_responders\",\"retryable\":true,\"status\":502}}");
      expected.add(
          "{\"request_id\":\"e401\",\"type\":\"error\",\"code\":\"provider_http_error\","
              + "\"message\":\"provider returned HTTP 401\",\"details\":{"
              + "\"body\":{\"error\":{\"message\":\"Incorrect API key provided: ****\"}},"
              + "\"kind\":\"authentication\",\"retryable\":false,\"status\":401}}");
      expected.add(
          "{\"request_id\":\"e500\",\"type\":\"error\",\"code\":\"provider_http_error\","
              + "\"message\":\"provider returned HTTP 500\",\"details\":{"
              + "\"kind\":\"server_error\",\"retryable\":true,\"status\":500}}");
      List<String> lines = result.lines();
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(lines.subList(0, expected.size()).stream().map(ProtocolLoopTest::comparable))
          .containsExactlyElementsOf(expected);
      assertThat(lines.get(expected.size() - 4)).contains("\"description\":\"" + provider);

      String bad = lines.get(expected.size());
      assertThat(bad)
          .startsWith(
              "{\"request_id\":\"bad\",\"type\":\"error\",\"code\":\"invalid_provider_response\"")
          .contains("\"kind\":\"malformed_response\"", "\"partial_text\":\"{\\\"answer\\\":\"");
      String slow = lines.get(expected.size() + 1);
      assertThat(slow)
          .startsWith("{\"request_id\":\"slow\",\"type\":\"error\",\"code\":\"provider_timeout\"")
          .contains("\"kind\":\"timeout\",\"retryable\":true");
      assertThat(lines.get(expected.size() + 2))
          .isEqualTo("{\"request_id\":\"bye\",\"type\":\"shutdown\"}");
      assertThat(lines).hasSize(expected.size() + 3);

      // request values override the profile; without them the profile applies
      List<RecordedRequest> chats = stub.chatRequests();
      JsonValue first = chats.get(0).json();
      JsonValue overridden = chats.get(2).json();
      if (ollama) {
        assertThat(first.get("options").orElseThrow().toJson())
            .contains("\"temperature\":0.1", "\"num_predict\":200");
        assertThat(overridden.get("options").orElseThrow().toJson())
            .contains("\"temperature\":0.7", "\"num_predict\":50");
        assertThat(chats.get(1).json().get("format").orElseThrow().toJson()).isEqualTo("\"json\"");
      } else {
        assertThat(first.get("temperature").orElseThrow().toJson()).isEqualTo("0.1");
        assertThat(first.get("max_tokens").orElseThrow().toJson()).isEqualTo("200");
        assertThat(overridden.get("temperature").orElseThrow().toJson()).isEqualTo("0.7");
        assertThat(overridden.get("max_tokens").orElseThrow().toJson()).isEqualTo("50");
        assertThat(chats.get(1).json().get("response_format").orElseThrow().toJson())
            .isEqualTo("{\"type\":\"json_object\"}");
        assertThat(chats.get(0).header("authorization")).hasValue("Bearer " + ChildProcess.MARKER);
      }
      if (platform) {
        assertThat(chats.get(chats.size() - 2).header("x-bitloops-refresh-cache")).hasValue("true");
      }
    }
  }

  @Test
  void endOfInputExitsZeroAndATransportFailureIsReported() throws Exception {
    int deadPort;
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      deadPort = stub.port();
    }
    Path config =
        write(config("openai_chat_completions", "http://127.0.0.1:" + deadPort + "/v1/chat", 5));
    ChildProcess.Result result =
        ChildProcess.run(
            dir,
            Map.of(),
            infer("t1", "text", ""), // no newline at the end, no shutdown
            "run",
            "--config",
            config.toString(),
            "--profile",
            "main");
    assertThat(result.exitCode()).isZero();
    assertThat(result.lines()).hasSize(1);
    assertThat(result.lines().get(0))
        .startsWith(
            "{\"request_id\":\"t1\",\"type\":\"error\",\"code\":\"provider_transport_error\"")
        .contains("\"kind\":\"transport\"");
  }

  @Test
  void startUpFailuresGoToStderrWithExit1AndNothingOnStdout() throws Exception {
    Path config = write(config("openai_chat_completions", "http://127.0.0.1:9/v1", 5));
    ChildProcess.Result missing =
        ChildProcess.run(
            dir, Map.of(), "", "run", "--config", config.toString(), "--profile", "nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stdout()).isEmpty();
    assertThat(missing.stderr())
        .contains("profile 'nope' was not found in the config; text_generation profiles: main");

    Path broken = dir.resolve("broken.toml");
    Files.writeString(
        broken,
        config("openai_chat_completions", "ftp://x/v1", 5)
            .replace("temperature = 0.1", "temperature = -1"));
    ChildProcess.Result invalid =
        ChildProcess.run(
            dir, Map.of(), "", "run", "--config", broken.toString(), "--profile", "main");
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.stdout()).isEmpty();
    assertThat(invalid.stderr().lines())
        .contains(
            broken
                + ":10:1: inference.profiles.main.base_url: profile 'main' field 'base_url' must"
                + " start with http:// or https://, but was 'ftp://x/v1'")
        .anyMatch(line -> line.startsWith(broken + ":12:1: inference.profiles.main.temperature"));
  }

  @Test
  void anOverlongLineIsAnsweredAndTheLoopGoesOn() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      Path config = write(config("openai_chat_completions", stub.chatEndpoint().toString(), 5));
      String huge = infer("big", "text", ",\"metadata\":{\"pad\":\"" + "x".repeat(5000) + "\"}");
      ChildProcess.Result result =
          ChildProcess.run(
              dir,
              Map.of(),
              huge + "\n{\"request_id\":\"d\",\"type\":\"describe\"}\n",
              "run",
              "--config",
              config.toString(),
              "--profile",
              "main",
              "--max-line-bytes",
              "2048");
      assertThat(result.exitCode()).isZero();
      assertThat(result.lines().get(0))
          .isEqualTo(
              "{\"request_id\":\"unknown\",\"type\":\"error\",\"code\":\"invalid_request\","
                  + "\"message\":\"request line is longer than the limit of 2048 bytes; it was"
                  + " skipped\"}");
      assertThat(result.lines().get(1)).startsWith("{\"request_id\":\"d\",\"type\":\"describe\"");
      assertThat(stub.requests()).isEmpty();
    }
  }

  @Test
  void invalidUtf8ExitsOneWithNoResponse() throws Exception {
    Path config = write(config("openai_chat_completions", "http://127.0.0.1:9/v1", 5));
    byte[] input = "{\"request_id\":\"\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    ChildProcess.Result result =
        ChildProcess.run(
            dir, Map.of(), input, "run", "--config", config.toString(), "--profile", "main");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("I/O error: stream did not contain valid UTF-8");
  }
}
