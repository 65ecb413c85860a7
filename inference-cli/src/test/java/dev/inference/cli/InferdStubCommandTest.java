package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code inference stub --dialect inferd} as a child process, dialled with raw sockets. */
@Timeout(120)
class InferdStubCommandTest {

  private static final String HI =
      "{\"id\":\"q\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}\n";

  @TempDir Path dir;
  private Path sockets;

  @BeforeEach
  void shortDirectory() throws IOException {
    // Unix socket paths are limited to about 104 bytes: keep them out of the long @TempDir
    Path tmp = Path.of("/tmp");
    sockets =
        Files.isDirectory(tmp)
            ? Files.createTempDirectory(tmp, "isc")
            : Files.createTempDirectory("isc");
  }

  @AfterEach
  void clean() throws IOException {
    try (Stream<Path> files = Files.walk(sockets)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static String exchange(SocketChannel channel, String frames) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(frames.getBytes(StandardCharsets.UTF_8));
    while (out.hasRemaining()) {
      channel.write(out);
    }
    InputStream in = Channels.newInputStream(channel);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onAUnixSocketWithAnAdminSocketScriptedThroughTheControlPort() throws Exception {
    Path socket = sockets.resolve("i.sock");
    Path admin = sockets.resolve("a.sock");
    try (ChildProcess.Session session =
        new ChildProcess.Session(
            dir,
            Map.of(),
            "stub",
            "--dialect",
            "inferd",
            "--socket",
            socket.toString(),
            "--admin-socket",
            admin.toString(),
            "--step-delay-ms",
            "0",
            "--exit-on-eof")) {
      JsonValue ready = JsonValue.parse(session.readLine());
      assertThat(ready.get("socket").flatMap(JsonValue::asString)).contains(socket.toString());
      assertThat(ready.get("admin_socket").flatMap(JsonValue::asString)).contains(admin.toString());
      assertThat(ready.get("chat_endpoint").flatMap(JsonValue::asString))
          .contains("unix:" + socket);
      String base = ready.get("base_url").flatMap(JsonValue::asString).orElseThrow();
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(base + "/_stub/replies"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"type\":\"error\",\"code\":\"queue_full\",\"message\":\"busy\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      try (SocketChannel watcher = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        watcher.connect(UnixDomainSocketAddress.of(admin));
        assertThat(exchange(watcher, ""))
            .isEqualTo("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"ready\"}");
      }
      try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        client.connect(UnixDomainSocketAddress.of(socket));
        assertThat(exchange(client, HI))
            .isEqualTo(
                "{\"type\":\"error\",\"id\":\"q\",\"code\":\"queue_full\",\"message\":\"busy\"}");
        assertThat(exchange(client, HI))
            .isEqualTo(
                "{\"type\":\"done\",\"id\":\"q\",\"content\":\"Stub answer to: hi\",\"usage\":"
                    + "{\"prompt_tokens\":1,\"completion_tokens\":4},\"stop_reason\":\"end\","
                    + "\"backend\":\"mock\"}");
      }
      session.process.getOutputStream().close();
      assertThat(session.process.waitFor()).isZero();
    }
    assertThat(Files.exists(socket)).isFalse();
    assertThat(Files.exists(admin)).isFalse();
  }

  @Test
  void onLoopbackTcpWithAKeyFromTheEnvironment() throws Exception {
    try (ChildProcess.Session session =
        new ChildProcess.Session(
            dir,
            Map.of(),
            "stub",
            "--dialect",
            "inferd",
            "--port",
            "0",
            "--key-env",
            "MARKER_KEY",
            "--exit-on-eof")) {
      JsonValue ready = JsonValue.parse(session.readLine());
      int port = (int) ((JsonValue.NumberValue) ready.get("port").orElseThrow()).longValue();
      assertThat(ready.get("chat_endpoint").flatMap(JsonValue::asString))
          .contains("tcp://127.0.0.1:" + port);
      assertThat(ready.get("socket")).isEmpty();
      try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
        String auth = "{\"type\":\"auth\",\"key\":\"" + ChildProcess.MARKER + "\"}\n";
        assertThat(exchange(client, auth + HI)).startsWith("{\"type\":\"done\",\"id\":\"q\",");
      }
      try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
        assertThat(exchange(client, "{\"type\":\"auth\",\"key\":\"wrong\"}\n"))
            .as("closed silently")
            .isEmpty();
      }
      session.process.getOutputStream().close();
      assertThat(session.process.waitFor()).isZero();
    }
  }

  @Test
  void inferdOptionsAreCheckedBeforeAnythingListens() throws Exception {
    ChildProcess.Result unset =
        ChildProcess.run(
            dir, "stub", "--dialect", "inferd", "--port", "0", "--key-env", "NO_SUCH_VARIABLE_X");
    assertThat(unset.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unset.stderr())
        .contains(
            "inference stub: --key-env NO_SUCH_VARIABLE_X: the environment variable is not set");
    ChildProcess.Result noTcp =
        ChildProcess.run(dir, "stub", "--dialect", "inferd", "--key-env", "MARKER_KEY");
    assertThat(noTcp.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noTcp.stderr())
        .contains("a key guards the loopback TCP listener only; set tcpPort too");
    ChildProcess.Result http =
        ChildProcess.run(dir, "stub", "--dialect", "openai", "--socket", "x.sock");
    assertThat(http.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(http.stderr())
        .contains("--socket, --key-env and --admin-socket are for --dialect inferd");
  }
}
