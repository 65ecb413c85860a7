package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw socket server reads lines, writes exact bytes and sees its peer go, on TCP and Unix. */
class SocketServerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static SocketChannel connect(SocketServer server) throws IOException {
    String endpoint = server.endpoint();
    if (endpoint.startsWith("unix:")) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(endpoint.substring("unix:".length())));
      return channel;
    }
    URI uri = URI.create(endpoint);
    SocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
    return SocketChannel.open(address);
  }

  private static void send(SocketChannel channel, String text) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (out.hasRemaining()) {
      channel.write(out);
    }
  }

  private static String readAll(SocketChannel channel) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64);
    while (channel.read(buffer) >= 0) {
      all.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  @Test
  void splitsAUtf8CharacterAcrossWritesAndRecordsTheLinesItRead() throws Exception {
    byte[] frame = "{\"content\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
    try (SocketServer server =
        SocketServer.tcp(
            c -> {
              c.readLine();
              c.write(Arrays.copyOfRange(frame, 0, 16));
              c.write(Arrays.copyOfRange(frame, 16, frame.length));
            })) {
      assertThat(server.endpoint()).matches("tcp://127\\.0\\.0\\.1:\\d+");
      try (SocketChannel client = connect(server)) {
        send(client, "{\"id\":\"r1\"}\n");
        assertThat(readAll(client)).isEqualTo("{\"content\":\"caf\u00e9\"}\n");
      }
      assertThat(server.lines()).containsExactly("{\"id\":\"r1\"}");
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.failures()).isEmpty();
    }
  }

  @Test
  void seesThePeerCloseWhileHolding(@TempDir Path dir) throws Exception {
    try (SocketServer server =
        SocketServer.unix(
            dir.resolve("s.sock"),
            c -> {
              c.writeLine("hello");
              c.hold();
            })) {
      assertThat(server.endpoint()).isEqualTo("unix:" + dir.resolve("s.sock").toAbsolutePath());
      SocketChannel client = connect(server);
      ByteBuffer hello = ByteBuffer.allocate(6);
      while (hello.hasRemaining() && client.read(hello) >= 0) {
        // "hello\n", so that closing leaves nothing unread
      }
      assertThat(new String(hello.array(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
      send(client, "late line\n");
      assertThat(server.awaitPeerClosed(0, Duration.ofMillis(1))).isFalse();
      client.close();
      assertThat(server.awaitPeerClosed(0, WAIT)).isTrue();
      assertThat(server.lines()).containsExactly("late line");
    }
    assertThat(dir.resolve("s.sock")).doesNotExist();
  }

  @Test
  void servesConnectionsFromTheQueueAndTheLastHandlerAfterIt() throws Exception {
    try (SocketServer server =
        SocketServer.tcp(c -> c.writeLine("first"), c -> c.writeLine("then"))) {
      for (String expected : new String[] {"first\n", "then\n", "then\n"}) {
        try (SocketChannel client = connect(server)) {
          assertThat(readAll(client)).isEqualTo(expected);
        }
      }
      assertThat(server.connections()).isEqualTo(3);
    }
  }

  @Test
  void aResetFailsThePeersReadInsteadOfEndingIt() throws Exception {
    try (SocketServer server =
        SocketServer.tcp(
            c -> {
              c.readLine();
              c.reset();
            })) {
      try (SocketChannel client = connect(server)) {
        send(client, "x\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> readAll(client))
            .isInstanceOf(IOException.class);
      }
    }
  }
}
