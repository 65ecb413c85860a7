package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import dev.inference.stub.Dialect;
import dev.inference.stub.InferdOptions;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TOML profile with {@code driver = "inferd"} through {@code run}, {@code infer}, {@code verify}
 * and {@code status --watch}, as child processes against the stub playing the daemon on a Unix
 * socket with an admin socket.
 */
@Timeout(120)
class InferdCliTest {

  @TempDir Path dir;
  private Path sockets;

  @BeforeEach
  void shortDirectory() throws IOException {
    // Unix socket paths are limited to about 104 bytes: keep them out of the long @TempDir
    Path tmp = Path.of("/tmp");
    sockets =
        Files.isDirectory(tmp)
            ? Files.createTempDirectory(tmp, "icl")
            : Files.createTempDirectory("icl");
  }

  @AfterEach
  void clean() throws IOException {
    try (Stream<Path> files = Files.walk(sockets)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private StubServer daemon() {
    return StubServer.builder(Dialect.INFERD)
        .inferd(
            InferdOptions.builder()
                .socket(sockets.resolve("infer.sock"))
                .adminSocket(sockets.resolve("admin.sock"))
                .build())
        .start();
  }

  private Path config(StubServer daemon) throws IOException {
    return Files.writeString(
        dir.resolve("config.toml"),
        ProtocolLoopTest.config("inferd", daemon.chatEndpoint().toString(), 5)
            .replace(
                "max_output_tokens = 200\n",
                "max_output_tokens = 200\nadmin_socket = \""
                    + sockets.resolve("admin.sock")
                    + "\"\n"));
  }

  @Test
  void runDescribesAnswersStreamsAndReportsEachErrorInProtocolV1() throws Exception {
    try (StubServer daemon = daemon()) {
      Path config = config(daemon);
      daemon.enqueue(
          Reply.text("hello there").withUsage(3, 2),
          Reply.stream("str", "eamed").withUsage(2, 2),
          Reply.inferdError("invalid_request", "image_token_budget must be one of 70, 140"),
          Reply.inferdError("backend_unavailable", "llamacpp is restarting"));
      List<String> input =
          List.of(
              "{\"request_id\":\"d1\",\"type\":\"describe\"}",
              ProtocolLoopTest.infer("t1", "text", ""),
              ProtocolLoopTest.infer("s1", "text", ",\"stream\":true"),
              ProtocolLoopTest.infer("e1", "text", ""),
              ProtocolLoopTest.infer("e2", "text", ""),
              ProtocolLoopTest.infer("j1", "json_object", ""),
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

      String tail = ",\"provider_name\":\"inferd\",\"model_name\":\"m1\"}";
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.lines().stream().map(ProtocolLoopTest::comparable))
          .containsExactly(
              "{\"request_id\":\"d1\",\"type\":\"describe\",\"protocol_version\":1,"
                  + "\"runtime_name\":\"inference\",\"runtime_version\":\""
                  + Version.version()
                  + "\",\"profile_name\":\"main\",\"provider\":{\"kind\":\"inferd\","
                  + "\"provider_name\":\"inferd\",\"model_name\":\"m1\",\"endpoint\":\""
                  + daemon.chatEndpoint()
                  + "\",\"capabilities\":{\"response_modes\":[\"text\"],"
                  + "\"usage_reporting\":true}}}",
              "{\"request_id\":\"t1\",\"type\":\"infer\",\"text\":\"hello there\",\"usage\":"
                  + "{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5},"
                  + "\"finish_reason\":\"end\""
                  + tail,
              "{\"request_id\":\"s1\",\"type\":\"delta\",\"text\":\"str\"}",
              "{\"request_id\":\"s1\",\"type\":\"delta\",\"text\":\"eamed\"}",
              "{\"request_id\":\"s1\",\"type\":\"infer\",\"text\":\"streamed\",\"usage\":"
                  + "{\"prompt_tokens\":2,\"completion_tokens\":2,\"total_tokens\":4},"
                  + "\"finish_reason\":\"end\""
                  + tail,
              "{\"request_id\":\"e1\",\"type\":\"error\",\"code\":\"invalid_request\","
                  + "\"message\":\"inferd refused the request (invalid_request):"
                  + " image_token_budget must be one of 70, 140. Check the request (roles,"
                  + " image_token_budget, grammar); retrying will not help.\",\"details\":"
                  + "{\"kind\":\"invalid_request\",\"provider_code\":\"invalid_request\","
                  + "\"retryable\":false}}",
              "{\"request_id\":\"e2\",\"type\":\"error\",\"code\":\"provider_transport_error\","
                  + "\"message\":\"inferd refused the request (backend_unavailable): llamacpp is"
                  + " restarting. Its backend is not available; retry later.\",\"details\":"
                  + "{\"kind\":\"unavailable\",\"provider_code\":\"backend_unavailable\","
                  + "\"retryable\":true}}",
              "{\"request_id\":\"j1\",\"type\":\"error\",\"code\":\"invalid_request\","
                  + "\"message\":\"inferd cannot answer in the json_object response format: use"
                  + " one of [TEXT]\",\"details\":{\"kind\":\"unsupported\",\"retryable\":false}}",
              "{\"request_id\":\"bye\",\"type\":\"shutdown\"}");

      // the frames the daemon received: the profile's values, the system prompt first
      JsonValue first = daemon.chatRequests().get(0).json();
      assertThat(first.toJson())
          .startsWith(
              "{\"id\":\"t1\",\"messages\":[{\"role\":\"system\",\"content\":\"sys\"},"
                  + "{\"role\":\"user\",\"content\":\"hello\"}]")
          .contains("\"temperature\":0.1", "\"max_tokens\":200", "\"stream\":false")
          .doesNotContain(ChildProcess.MARKER);
      assertThat(daemon.chatRequests().get(1).json().get("stream").orElseThrow().toJson())
          .isEqualTo("true");
      assertThat(daemon.chatRequests()).as("json_object was refused before any byte").hasSize(4);
    }
  }

  @Test
  void inferAndVerifyAgainstTheDaemon() throws Exception {
    try (StubServer daemon = daemon()) {
      Path config = config(daemon);
      daemon.enqueue(Reply.stream("a", "b", "c"));
      ChildProcess.Result streamed =
          ChildProcess.run(dir, "infer", "s", "--stream", "--config", config.toString());
      assertThat(streamed.exitCode()).as(streamed.stderr()).isZero();
      assertThat(streamed.stdout()).isEqualTo("abc\n");

      ChildProcess.Result verify = ChildProcess.run(dir, "verify", "--config", config.toString());
      assertThat(verify.exitCode()).as(verify.stderr()).isZero();
      assertThat(verify.stdout())
          .startsWith("{\"ok\":true,\"checks\":[{\"name\":\"runtime-ready\",\"ok\":true,")
          .contains("{\"name\":\"loopback-only\",\"ok\":true,")
          .doesNotContain("model-ready");
    }
  }

  @Test
  void statusWatchPrintsEachLifecycleEventUntilTheDaemonEndsTheChannel() throws Exception {
    Path config;
    List<String> lines = new ArrayList<>();
    StubServer daemon = daemon();
    try (daemon) {
      config = config(daemon);
      try (ChildProcess.Session watch =
          new ChildProcess.Session(
              dir, Map.of(), "status", "--watch", "--config", config.toString())) {
        lines.add(watch.readLine()); // the snapshot: the lifecycle has run, the daemon is ready
        daemon.close(); // the daemon drains and ends the channel
        for (String line = watch.out.readLine(); line != null; line = watch.out.readLine()) {
          lines.add(line);
        }
        assertThat(watch.process.waitFor()).isZero();
      }
    }
    assertThat(lines)
        .containsExactly(
            "{\"status\":\"ready\",\"state\":\"ready\"}",
            "{\"status\":\"draining\",\"state\":\"draining\"}",
            "{\"ok\":true,\"watch\":\"ended\",\"last_status\":\"draining\"}");
  }
}
