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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code infer --tools}, {@code --tool-choice} and {@code --image} as child processes. */
class InferToolsAndImagesTest {

  static final String TOOLS =
      "[{\"name\":\"get_weather\",\"description\":\"The weather in a city\",\"parameters\":"
          + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
          + "\"required\":[\"city\"]}},{\"name\":\"get_time\"}]";

  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

  @TempDir Path dir;

  private String[] args(StubServer stub, String... more) throws Exception {
    String driver = stub.dialect() == Dialect.OPENAI ? "openai_chat_completions" : "ollama_chat";
    Path config = dir.resolve("config.toml");
    Files.writeString(config, ProtocolLoopTest.config(driver, stub.chatEndpoint().toString(), 5));
    List<String> all = new ArrayList<>(List.of("infer", "--config", config.toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void jsonOutputAddsTheToolCallsAfterTheProtocolFieldsAndExitsZero() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      Path tools = file("tools.json", TOOLS);
      stub.enqueue(
          Reply.toolCalls(
              Part.ToolCall.parse("call_1", "get_weather", "{\"city\":\"Paris\"}"),
              Part.ToolCall.parse("call_2", "get_time", "{\"zone\":")));
      ChildProcess.Result result =
          ChildProcess.run(
              dir,
              args(
                  stub,
                  "Weather and time in Paris?",
                  "--tools",
                  tools.toString(),
                  "--tool-choice",
                  "required",
                  "--output",
                  "json"));
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout())
          .matches(
              "\\{\"request_id\":\"infer-[0-9a-f-]{36}\",\"type\":\"infer\",\"text\":\"\","
                  + "\"usage\":\\{\"prompt_tokens\":5,\"completion_tokens\":0,\"total_tokens\":5\\},"
                  + "\"finish_reason\":\"tool_calls\",\"provider_name\":\"[^\"]+\","
                  + "\"model_name\":\"[^\"]+\",\"tool_calls\":\\[\\{\"id\":\"call_1\","
                  + "\"name\":\"get_weather\",\"arguments\":\\{\"city\":\"Paris\"\\}\\},"
                  + "\\{\"id\":\"call_2\",\"name\":\"get_time\",\"arguments\":\"\\{\\\\\"zone\\\\\":\"\\}"
                  + "\\]\\}\n");
      JsonValue sent = stub.chatRequests().get(0).json();
      assertThat(sent.get("tool_choice").orElseThrow().toJson()).isEqualTo("\"required\"");
      assertThat(sent.get("tools").orElseThrow().toJson())
          .isEqualTo(
              "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":"
                  + "\"The weather in a city\",\"parameters\":{\"type\":\"object\",\"properties\":"
                  + "{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}},"
                  + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"parameters\":"
                  + "{\"type\":\"object\",\"properties\":{}}}}]");

      // no calls: the infer line has no tool_calls member
      ChildProcess.Result plain =
          ChildProcess.run(dir, args(stub, "hi", "--tools", tools.toString(), "--output", "json"));
      assertThat(plain.stdout()).contains("\"text\":\"Stub answer to: hi\"");
      assertThat(plain.stdout()).doesNotContain("tool_calls");
    }
  }

  @Test
  void textOutputPrintsOneLinePerCallStreamedOrNot() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OLLAMA)) {
      Path tools = file("tools.json", TOOLS);
      Reply reply =
          Reply.text("Let me check.")
              .withToolCalls(
                  List.of(Part.ToolCall.parse("", "get_weather", "{\"city\":\"Oslo\"}")));
      stub.enqueue(reply, reply);
      ChildProcess.Result whole =
          ChildProcess.run(dir, args(stub, "Oslo?", "--tools", tools.toString()));
      assertThat(whole.exitCode()).as(whole.stderr()).isZero();
      assertThat(whole.stdout())
          .isEqualTo("Let me check.\ntool call: get_weather {\"city\":\"Oslo\"}\n");
      ChildProcess.Result streamed =
          ChildProcess.run(dir, args(stub, "Oslo?", "--stream", "--tools", tools.toString()));
      assertThat(streamed.exitCode()).as(streamed.stderr()).isZero();
      assertThat(streamed.stdout()).isEqualTo(whole.stdout());
    }
  }

  @Test
  void aBadToolsFileOrToolChoiceIsAUsageErrorAndNothingIsSent() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      file("bad.json", "[{\"name\":\"get weather\"}]");
      file("notjson.json", "[{\"name\":");
      file("noname.json", "[{\"description\":\"x\"}]");
      String[][] cases = {
        {"--tools", "notjson.json"},
        {"--tools", "noname.json"},
        {"--tools", "bad.json"},
        {"--tools", "missing.json"},
        {"--tool-choice", "required"},
      };
      String[] expected = {
        "inference infer: --tools notjson.json: not JSON: ",
        "inference infer: --tools noname.json: $[0]: a tool needs a string 'name'\n",
        "inference infer: --tools bad.json: $[0]: a tool name must be 1 to 64 of a-z, A-Z,",
        "inference infer: --tools missing.json: no such file\n",
        "inference infer: toolChoice required needs tools",
      };
      for (int i = 0; i < cases.length; i++) {
        ChildProcess.Result result =
            ChildProcess.run(dir, args(stub, "x", cases[i][0], cases[i][1]));
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).startsWith(expected[i]);
        assertThat(result.stdout()).isEmpty();
      }
      assertThat(stub.chatRequests()).isEmpty();
    }
  }

  @Test
  void imagesAreReadWithTheirMediaTypeOrSentByUrl() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      Files.write(dir.resolve("cat.PNG"), PNG);
      Files.write(dir.resolve("dog.jpeg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1});
      ChildProcess.Result result =
          ChildProcess.run(
              dir,
              args(
                  stub,
                  "What are these?",
                  "--system",
                  "Be brief.",
                  "--image",
                  "cat.PNG",
                  "--image",
                  "dog.jpeg",
                  "--image",
                  "https://example.com/bird.webp"));
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).isEqualTo("Stub answer to: What are these?\n");
      RecordedRequest sent = stub.chatRequests().get(0);
      assertThat(sent.images())
          .containsExactly(
              new RecordedRequest.Image("image/png", PNG.length, Optional.empty()),
              new RecordedRequest.Image("image/jpeg", 4, Optional.empty()),
              new RecordedRequest.Image("", 0, Optional.of("https://example.com/bird.webp")));
      assertThat(sent.json().get("messages").orElseThrow().toJson())
          .startsWith(
              "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":"
                  + "[{\"type\":\"text\",\"text\":\"What are these?\"},{\"type\":\"image_url\","
                  + "\"image_url\":{\"url\":\"data:image/png;base64,");

      Files.write(dir.resolve("scan.bmp"), PNG);
      ChildProcess.Result unknown = ChildProcess.run(dir, args(stub, "x", "--image", "scan.bmp"));
      assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(unknown.stderr())
          .isEqualTo(
              "inference infer: --image scan.bmp: cannot tell the image type from '.bmp'; known:"
                  + " .png, .jpg, .jpeg, .gif, .webp, or an http(s) URL\n");
      assertThat(stub.chatRequests()).hasSize(1);
    }
  }

  @Test
  void anImageUrlToOllamaIsRefusedBeforeAnyByte() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OLLAMA)) {
      ChildProcess.Result result =
          ChildProcess.run(dir, args(stub, "x", "--image", "http://example.com/a.png"));
      assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.REJECTED);
      assertThat(stub.chatRequests()).isEmpty();
    }
  }
}
