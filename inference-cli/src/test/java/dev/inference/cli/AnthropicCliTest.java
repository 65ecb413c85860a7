package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.stub.Dialect;
import dev.inference.stub.RecordedRequest;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TOML profile with {@code driver = "anthropic_messages"} through {@code run}, {@code infer} and
 * {@code validate-config}, as child processes against the stub's Anthropic dialect. The profile's
 * {@code api_key} is the marker key, which {@link ChildProcess} checks no output ever shows.
 */
class AnthropicCliTest {

  @TempDir Path dir;

  private Path config(StubServer stub) throws Exception {
    return Files.writeString(
        dir.resolve("config.toml"),
        ProtocolLoopTest.config("anthropic_messages", stub.chatEndpoint().toString(), 5));
  }

  private static String[] args(Path config, String... more) {
    List<String> all = new ArrayList<>(List.of(more));
    all.addAll(List.of("--config", config.toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void runDescribesAndAnswersInProtocolV1() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      Path config = config(stub);
      stub.enqueue(
          Reply.text("hello there").withUsage(3, 2),
          Reply.json("Sure: {\"answer\":42} done").withUsage(4, 5),
          Reply.stream("str", "eamed").withUsage(2, 2),
          Reply.error(
              401,
              "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                  + "\"message\":\"invalid x-api-key "
                  + ChildProcess.MARKER
                  + "\"}}"));
      List<String> input =
          List.of(
              "{\"request_id\":\"d1\",\"type\":\"describe\"}",
              ProtocolLoopTest.infer("t1", "text", ""),
              ProtocolLoopTest.infer("j1", "json_object", ""),
              ProtocolLoopTest.infer("s1", "text", ",\"stream\":true"),
              ProtocolLoopTest.infer("e401", "text", ""),
              "{\"request_id\":\"bye\",\"type\":\"shutdown\"}");
      ChildProcess.Result result =
          ChildProcess.run(
              dir,
              Map.of(),
              String.join("\n", input) + "\n",
              "run",
              "--config",
              config.toString(),
              "--profile",
              "main");

      String tail = ",\"provider_name\":\"anthropic\",\"model_name\":\"m1\"}";
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.lines().stream().map(ProtocolLoopTest::comparable))
          .containsExactly(
              "{\"request_id\":\"d1\",\"type\":\"describe\",\"protocol_version\":1,"
                  + "\"runtime_name\":\"inference\",\"runtime_version\":\""
                  + Version.version()
                  + "\",\"profile_name\":\"main\",\"provider\":{\"kind\":\"anthropic_messages\","
                  + "\"provider_name\":\"anthropic\",\"model_name\":\"m1\",\"endpoint\":\""
                  + stub.chatEndpoint()
                  + "\",\"capabilities\":{\"response_modes\":[\"text\",\"json_object\"],"
                  + "\"usage_reporting\":true}}}",
              "{\"request_id\":\"t1\",\"type\":\"infer\",\"text\":\"hello there\",\"usage\":"
                  + "{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5},"
                  + "\"finish_reason\":\"end_turn\""
                  + tail,
              "{\"request_id\":\"j1\",\"type\":\"infer\",\"text\":\"Sure: {\\\"answer\\\":42} done\","
                  + "\"parsed_json\":{\"answer\":42},\"usage\":{\"prompt_tokens\":4,"
                  + "\"completion_tokens\":5,\"total_tokens\":9},\"finish_reason\":\"end_turn\""
                  + tail,
              "{\"request_id\":\"s1\",\"type\":\"delta\",\"text\":\"str\"}",
              "{\"request_id\":\"s1\",\"type\":\"delta\",\"text\":\"eamed\"}",
              "{\"request_id\":\"s1\",\"type\":\"infer\",\"text\":\"streamed\",\"usage\":"
                  + "{\"prompt_tokens\":2,\"completion_tokens\":2,\"total_tokens\":4},"
                  + "\"finish_reason\":\"end_turn\""
                  + tail,
              "{\"request_id\":\"e401\",\"type\":\"error\",\"code\":\"provider_http_error\","
                  + "\"message\":\"provider returned HTTP 401\",\"details\":{\"body\":{\"error\":"
                  + "{\"message\":\"invalid x-api-key ****\",\"type\":\"authentication_error\"},"
                  + "\"type\":\"error\"},\"kind\":\"authentication\","
                  + "\"provider_code\":\"authentication_error\",\"retryable\":false,"
                  + "\"status\":401}}",
              "{\"request_id\":\"bye\",\"type\":\"shutdown\"}");

      // the profile's values, the system prompt at the top level, the key as x-api-key only
      RecordedRequest first = stub.chatRequests().get(0);
      assertThat(first.json().toJson())
          .isEqualTo(
              "{\"model\":\"m1\",\"max_tokens\":200,\"system\":\"sys\",\"messages\":"
                  + "[{\"role\":\"user\",\"content\":\"hello\"}],\"temperature\":0.1}");
      assertThat(first.header("x-api-key")).hasValue(ChildProcess.MARKER);
      assertThat(first.header("anthropic-version")).hasValue("2023-06-01");
      assertThat(first.header("authorization")).isEmpty();
      assertThat(stub.chatRequests().get(2).json().get("stream").orElseThrow().toJson())
          .isEqualTo("true");
    }
  }

  @Test
  void inferPrintsTextStreamsJsonAndToolCalls() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      Path config = config(stub);

      ChildProcess.Result text =
          ChildProcess.run(dir, Map.of(), "from stdin", args(config, "infer"));
      assertThat(text.exitCode()).as(text.stderr()).isZero();
      assertThat(text.stdout()).isEqualTo("Stub answer to: from stdin\n");

      stub.enqueue(Reply.stream("a", "b", "c"));
      ChildProcess.Result streamed =
          ChildProcess.run(dir, args(config, "infer", "s", "--stream", "--temperature", "0.5"));
      assertThat(streamed.exitCode()).as(streamed.stderr()).isZero();
      assertThat(streamed.stdout()).isEqualTo("abc\n");
      assertThat(stub.chatRequests().get(1).json().get("temperature").orElseThrow().toJson())
          .isEqualTo("0.5");

      stub.enqueue(Reply.text("plain").withUsage(7, 1));
      ChildProcess.Result json =
          ChildProcess.run(dir, args(config, "infer", "hi", "--output", "json"));
      assertThat(json.exitCode()).as(json.stderr()).isZero();
      assertThat(json.stdout())
          .matches(
              "\\{\"request_id\":\"infer-[0-9a-f-]{36}\",\"type\":\"infer\",\"text\":\"plain\","
                  + "\"usage\":\\{\"prompt_tokens\":7,\"completion_tokens\":1,\"total_tokens\":8\\},"
                  + "\"finish_reason\":\"end_turn\",\"provider_name\":\"anthropic\","
                  + "\"model_name\":\"m1\"\\}\n");

      Path tools = Files.writeString(dir.resolve("tools.json"), InferToolsAndImagesTest.TOOLS);
      stub.enqueue(
          Reply.text("Let me check.")
              .withToolCalls(
                  List.of(Part.ToolCall.parse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}"))));
      ChildProcess.Result called =
          ChildProcess.run(
              dir,
              args(
                  config,
                  "infer",
                  "Oslo?",
                  "--tools",
                  tools.toString(),
                  "--tool-choice",
                  "required",
                  "--output",
                  "json"));
      assertThat(called.exitCode()).as(called.stderr()).isZero();
      assertThat(called.stdout())
          .contains(
              "\"text\":\"Let me check.\"",
              "\"finish_reason\":\"tool_use\"",
              "\"tool_calls\":[{\"id\":\"toolu_1\",\"name\":\"get_weather\","
                  + "\"arguments\":{\"city\":\"Oslo\"}}]}\n");
      JsonValue sent = stub.chatRequests().get(3).json();
      assertThat(sent.get("tool_choice").orElseThrow().toJson()).isEqualTo("{\"type\":\"any\"}");
      assertThat(sent.get("tools").orElseThrow().toJson())
          .isEqualTo(
              "[{\"name\":\"get_weather\",\"description\":\"The weather in a city\","
                  + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":"
                  + "{\"type\":\"string\"}},\"required\":[\"city\"]}},{\"name\":\"get_time\","
                  + "\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]");
      assertThat(stub.chatRequests())
          .allSatisfy(r -> assertThat(r.header("x-api-key")).isPresent());
    }
  }

  @Test
  void validateConfigAcceptsTheProfileAndReportsABadKeyWithoutTheApiKey() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      Path config = config(stub);
      ChildProcess.Result ok = ChildProcess.run(dir, args(config, "validate-config"));
      assertThat(ok.exitCode()).as(ok.stderr()).isZero();
      assertThat(ok.stdout())
          .startsWith(
              "{\"status\":\"ok\",\"profiles\":[\"main\"],\"ignored_profiles\":[\"embeddings\"]");

      Files.writeString(
          config,
          Files.readString(config)
              .replace(
                  "max_output_tokens = 200\n",
                  "max_output_tokens = 200\nauth_scheme = \"basic\"\n"));
      ChildProcess.Result bad = ChildProcess.run(dir, args(config, "validate-config"));
      assertThat(bad.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(bad.stdout()).isEmpty();
      assertThat(bad.stderr())
          .startsWith(config + ":")
          .contains("inference.profiles.main.auth_scheme", "one of x-api-key, bearer");
      assertThat(stub.requests()).isEmpty();
    }
  }
}
