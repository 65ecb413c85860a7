package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.stub.Dialect;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other commands as child processes, like bitloops-inference's {@code tests/cli_commands.rs}.
 */
class CliCommandsTest {

  @TempDir Path dir;

  Path config(String driver, String endpoint) throws Exception {
    String toml = ProtocolLoopTest.config(driver, endpoint, 5);
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml);
    return file;
  }

  @Test
  void validateConfigListsSortedTextProfilesIgnoredOnesAndWarnings() throws Exception {
    Path file = dir.resolve("c.toml");
    Files.writeString(
        file,
        ProtocolLoopTest.config("openai_chat_completions", "http://10.1.2.3/v1/chat", 5)
                .replace("[inference.profiles.main]", "[inference.profiles.zeta]")
            + "\n[inference.profiles.alpha]\ntask = \"text_generation\"\n"
            + "driver = \"bitloops_platform_chat\"\nruntime = \"local\"\nmodel = \"m\"\n"
            + "temperature = 0\nmax_output_tokens = 1\n");
    ChildProcess.Result result =
        ChildProcess.run(dir, "validate-config", "--config", file.toString());
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonValue json = JsonValue.parse(result.stdout().strip());
    assertThat(result.stdout())
        .startsWith(
            "{\"status\":\"ok\",\"profiles\":[\"alpha\",\"zeta\"],\"ignored_profiles\":"
                + "[\"embeddings\"],\"warnings\":[");
    assertThat(json.get("warnings").orElseThrow().toJson()).contains(file + ":");
  }

  @Test
  void describeProfileUsesThePlatformDefaultGatewayAndNeedsNoNetwork() throws Exception {
    Path file = dir.resolve("p.toml");
    Files.writeString(
        file,
        "[inference.runtimes.r]\nrequest_timeout_secs = 5\n[inference.profiles.p]\n"
            + "task = \"text_generation\"\ndriver = \"bitloops_platform_chat\"\nruntime = \"r\"\n"
            + "model = \"m\"\napi_key = \"${BITLOOPS_PLATFORM_GATEWAY_TOKEN}\"\n"
            + "temperature = 0.1\nmax_output_tokens = 200\n");
    ChildProcess.Result result =
        ChildProcess.run(dir, "describe-profile", "--config", file.toString(), "--profile", "p");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "{\"request_id\":\"describe-profile\",\"type\":\"describe\",\"protocol_version\":1,"
                + "\"runtime_name\":\"inference\",\"runtime_version\":\""
                + Version.version()
                + "\",\"profile_name\":\"p\",\"provider\":{\"kind\":\"openai_chat_completions\","
                + "\"provider_name\":\"bitloops\",\"model_name\":\"m\",\"endpoint\":"
                + "\"https://platform.bitloops.net/v1/chat/completions\",\"capabilities\":"
                + "{\"response_modes\":[\"text\",\"json_object\"],\"usage_reporting\":true}}}\n");
  }

  @Test
  void inferPrintsTextJsonAndStreamsAndItsExitCodesTellTheFailure() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      Path file = config("openai_chat_completions", stub.chatEndpoint().toString());
      String[] base = {"--config", file.toString()};

      ChildProcess.Result text =
          ChildProcess.run(dir, Map.of(), "from stdin", concat("infer", base));
      assertThat(text.exitCode()).isZero();
      assertThat(text.stdout()).isEqualTo("Stub answer to: from stdin\n");

      stub.enqueue(Reply.json("{\"ok\":true}"));
      ChildProcess.Result json =
          ChildProcess.run(
              dir,
              concat(
                  "infer", "hi", "--json", "--output", "json", "--system", "s", base[0], base[1]));
      assertThat(json.exitCode()).isZero();
      assertThat(json.stdout())
          .contains(
              "\"type\":\"infer\",\"text\":\"{\\\"ok\\\":true}\",\"parsed_json\":{\"ok\":true}");

      stub.enqueue(Reply.stream("a", "b", "c"));
      ChildProcess.Result streamed =
          ChildProcess.run(
              dir, concat("infer", "s", "--stream", "--temperature", "0.5", base[0], base[1]));
      assertThat(streamed.stdout()).isEqualTo("abc\n");
      assertThat(stub.chatRequests().get(2).json().get("temperature").orElseThrow().toJson())
          .isEqualTo("0.5");

      stub.enqueue(Reply.error(429, "{\"error\":{\"message\":\"slow\"}}"));
      ChildProcess.Result limited = ChildProcess.run(dir, concat("infer", "x", base[0], base[1]));
      assertThat(limited.exitCode()).isEqualTo(ExitCodes.RATE_LIMITED);
      assertThat(limited.stderr()).contains("HTTP 429");

      stub.enqueue(
          Reply.error(401, "{\"error\":{\"message\":\"bad key " + ChildProcess.MARKER + "\"}}"));
      ChildProcess.Result auth =
          ChildProcess.run(dir, concat("infer", "x", "--output", "json", base[0], base[1]));
      assertThat(auth.exitCode()).isEqualTo(ExitCodes.AUTH);
      assertThat(auth.stdout()).contains("\"code\":\"provider_http_error\"", "bad key ****");

      ChildProcess.Result usage = ChildProcess.run(dir, "infer", "--bogus");
      assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(usage.stderr()).contains("Unknown option: '--bogus'");

      ChildProcess.Result profile =
          ChildProcess.run(dir, concat("infer", "x", "--profile", "nope", base[0], base[1]));
      assertThat(profile.exitCode()).isEqualTo(ExitCodes.CONFIG);
    }
  }

  @Test
  void withNoConfigTheBuiltInOllamaProfileIsUsedAndExplainsWhatWasTried() throws Exception {
    int deadPort;
    try (StubServer stub = StubServer.start(Dialect.OLLAMA)) {
      deadPort = stub.port();
    }
    ChildProcess.Result describe =
        ChildProcess.run(dir, Map.of("INFERENCE_MODEL", "qwen3:0.6b"), "", "describe-profile");
    assertThat(describe.exitCode()).isZero();
    assertThat(describe.stdout())
        .contains(
            "\"profile_name\":\"ollama_local\"",
            "\"kind\":\"ollama_chat\"",
            "\"model_name\":\"qwen3:0.6b\"",
            "\"endpoint\":\"http://127.0.0.1:11434/api/chat\"");

    // ./inference.toml is found; $INFERENCE_CONFIG outranks it
    Files.writeString(
        dir.resolve("inference.toml"),
        ProtocolLoopTest.config("ollama_chat", "http://127.0.0.1:" + deadPort + "/api/chat", 5));
    ChildProcess.Result local = ChildProcess.run(dir, "describe-profile");
    assertThat(local.stdout()).contains("\"profile_name\":\"main\"", ":" + deadPort + "/api/chat");
    ChildProcess.Result fromEnv =
        ChildProcess.run(dir, Map.of("INFERENCE_CONFIG", "missing.toml"), "", "describe-profile");
    assertThat(fromEnv.exitCode()).isEqualTo(1);
    assertThat(fromEnv.stderr()).contains("failed to read config file").contains("missing.toml");
  }

  @Test
  void theBuiltInProfileSaysHowToStartOllamaWhenNothingAnswers() throws Exception {
    // the built-in endpoint is fixed; skip where an Ollama really listens on it
    boolean listening;
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", 11434), 200);
      listening = true;
    } catch (java.io.IOException refused) {
      listening = false;
    }
    Assumptions.assumeFalse(listening, "an Ollama listens on 127.0.0.1:11434");
    ChildProcess.Result result = ChildProcess.run(dir, "infer", "hello");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(result.stderr())
        .contains(
            "tried --config (not given), $INFERENCE_CONFIG (not set), ./inference.toml (not found",
            "built-in profile 'ollama_local'",
            "ollama serve",
            "--config FILE");
  }

  @Test
  void statusVerifyAndEnsureModelWithTheOpenAiDriver() throws Exception {
    try (StubServer stub = StubServer.builder(Dialect.OPENAI).models("m1", "m2").start()) {
      Path file = config("openai_chat_completions", stub.chatEndpoint().toString());
      ChildProcess.Result status = ChildProcess.run(dir, "status", "--config", file.toString());
      assertThat(status.exitCode()).isZero();
      assertThat(status.stdout())
          .isEqualTo(
              "{\"ok\":true,\"state\":\"ready\",\"models\":[{\"name\":\"m1\"},{\"name\":\"m2\"}],"
                  + "\"diagnostics\":[]}\n");

      ChildProcess.Result verify =
          ChildProcess.run(
              dir,
              "verify",
              "--check",
              "model-ready",
              "--check",
              "loopback-only",
              "--config",
              file.toString());
      assertThat(verify.exitCode()).as(verify.stderr()).isZero();
      assertThat(verify.stdout())
          .startsWith("{\"ok\":true,\"checks\":[{\"name\":\"model-ready\",\"ok\":true");

      ChildProcess.Result unknownCheck =
          ChildProcess.run(dir, "verify", "--check", "bogus", "--config", file.toString());
      assertThat(unknownCheck.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(unknownCheck.stdout()).isEmpty();
      assertThat(unknownCheck.stderr())
          .contains(
              "inference verify: unknown check 'bogus'; known checks: runtime-ready, model-ready,"
                  + " loopback-only");

      ChildProcess.Result ensure =
          ChildProcess.run(dir, "ensure-model", "m3", "--config", file.toString());
      assertThat(ensure.exitCode()).isEqualTo(1);
      assertThat(ensure.stdout())
          .startsWith("{\"ok\":false,\"model\":\"m3\",\"dry_run\":true,\"actions\":[],")
          .contains("\"error_class\":\"unsupported\"");
    }
  }

  @Test
  void ensureModelPullsWithOllamaAndShowsProgressLines() throws Exception {
    try (StubServer stub =
            StubServer.builder(Dialect.OLLAMA)
                .models("llama3.2:latest")
                .pullSizeBytes(1000)
                .start();
        InferenceClient probe =
            Inference.connect(
                ProviderSettings.builder("ollama_chat")
                    .model("m")
                    .baseUrl(stub.chatEndpoint())
                    .build())) {
      assertThat(probe.operations()).as("the Ollama driver's runtime operations").isPresent();
      Path file = config("ollama_chat", stub.chatEndpoint().toString());
      ChildProcess.Result result =
          ChildProcess.run(
              dir,
              Map.of("INFERENCE_PROGRESS", "lines"),
              "",
              "ensure-model",
              "qwen3",
              "--apply",
              "--allow-download",
              "--config",
              file.toString());
      assertThat(result.exitCode()).as(result.stderr() + result.stdout()).isZero();
      assertThat(result.stdout()).startsWith("{\"ok\":true,\"model\":\"qwen3\",\"dry_run\":false");
      assertThat(result.stderr()).contains("100% (1000/1000 bytes)");
      assertThat(stub.models()).contains("qwen3:latest");
    }
  }

  @Test
  void progressIsABarOnATerminalAndLinesOtherwise() {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    Progress plain = new Progress(new PrintStream(lines, true, StandardCharsets.UTF_8), false);
    ByteArrayOutputStream bar = new ByteArrayOutputStream();
    Progress terminal = new Progress(new PrintStream(bar, true, StandardCharsets.UTF_8), true);
    for (Progress progress : new Progress[] {plain, terminal}) {
      progress.accept(event("pulling manifest", -1, -1));
      for (long done = 0; done <= 100; done += 5) {
        progress.accept(event("pulling abc", 100, done));
      }
      progress.accept(event("success", -1, -1));
    }
    assertThat(lines.toString(StandardCharsets.UTF_8).lines())
        .startsWith(
            "pulling manifest",
            "pulling abc:   0% (0/100 bytes)",
            "pulling abc:  10% (10/100 bytes)")
        .endsWith("pulling abc: 100% (100/100 bytes)", "success")
        .hasSize(13);
    assertThat(bar.toString(StandardCharsets.UTF_8))
        .contains("\rpulling abc [###############               ]  50% 50 B/100 B")
        .endsWith("100% 100 B/100 B\nsuccess\n");
  }

  private static EnsureModelOptions.PullProgress event(String status, long total, long done) {
    return new EnsureModelOptions.PullProgress(
        status,
        java.util.Optional.empty(),
        total < 0 ? OptionalLong.empty() : OptionalLong.of(total),
        done < 0 ? OptionalLong.empty() : OptionalLong.of(done));
  }

  @Test
  void helpVersionAndNoCommandExitZero() throws Exception {
    ChildProcess.Result none = ChildProcess.run(dir);
    assertThat(none.exitCode()).isZero();
    assertThat(none.stdout()).contains("Usage: inference", "Exit codes:", "validate-config");
    ChildProcess.Result unknown = ChildProcess.run(dir, "frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.stderr()).contains("Unmatched argument at index 0: 'frobnicate'");
  }

  @Test
  void theStubCommandServesOtherLanguagesUntilStdinEnds() throws Exception {
    try (ChildProcess.Session session =
        new ChildProcess.Session(dir, Map.of(), "stub", "--dialect", "ollama", "--exit-on-eof")) {
      JsonValue ready = JsonValue.parse(session.readLine());
      assertThat(ready.get("dialect").orElseThrow().toJson()).isEqualTo("\"ollama\"");
      String base = ready.get("base_url").flatMap(JsonValue::asString).orElseThrow();
      HttpResponse<String> version =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/api/version")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(version.body()).isEqualTo("{\"version\":\"0.12.6\"}");
      session.process.getOutputStream().close();
      assertThat(session.process.waitFor()).isZero();
    }
  }

  @Test
  void theDemoRunsWithNoNetworkAndExitsZero() throws Exception {
    ChildProcess.Result demo = ChildProcess.run(dir, "demo", "--delay-ms", "0");
    assertThat(demo.exitCode()).as(demo.stderr()).isZero();
    assertThat(demo.stdout())
        .contains(
            "[1/9] describe",
            "< A stub server answers like a provider would",
            "[3/9] the same question through anthropic_messages",
            "  < The same stub, speaking Anthropic's Messages API this time.\n"
                + "  (12 prompt + 11 completion tokens, finish end_turn, anthropic/claude-stub)\n",
            "parsed_json   {\"language\":\"Java\",\"ready\":true,\"score\":9}",
            "< Tokens arrive one by one, as the server sends them.",
            "[6/9] tool calling",
            "  > Do I need an umbrella in Paris today?\n"
                + "  tool call     get_weather {\"city\":\"Paris\"}\n"
                + "  tool result   sunny, 18 C\n"
                + "  < Paris is sunny, 18 C today: leave the umbrella at home.\n"
                + "  (2 requests, 4 messages)\n",
            "(2 requests): Answered after waiting as the server asked.",
            "[8/9]",
            "[9/9] inferd",
            "  lifecycle     loading_model download 2097152 of 4194304 bytes\n",
            "  lifecycle     ready\n  awaitReady    ready\n"
                + "  < Tokens over a Unix socket, one NDJSON line each.\n"
                + "  (finish end, inferd)\n");
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
