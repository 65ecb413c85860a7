package dev.inference.stub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** A raw inferd client for the tests: it writes exact bytes and reads exact lines. */
final class InferdRaw implements AutoCloseable {

  private final SocketChannel channel;
  private final InputStream in;

  private InferdRaw(SocketChannel channel) {
    this.channel = channel;
    this.in = Channels.newInputStream(channel);
  }

  static InferdRaw unix(Path path) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(path));
    return new InferdRaw(channel);
  }

  static InferdRaw tcp(int port) throws IOException {
    return new InferdRaw(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
  }

  /** A short directory for Unix sockets (some systems allow 104 bytes per path). */
  static Path shortDirectory() throws IOException {
    Path tmp = Path.of("/tmp");
    return Files.isDirectory(tmp)
        ? Files.createTempDirectory(tmp, "ist")
        : Files.createTempDirectory("ist");
  }

  static void deleteAll(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  InferdRaw send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  InferdRaw send(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    return this;
  }

  /** The next line with its {@code \n}, or {@code null} at EOF (a partial line is returned). */
  @Nullable String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      line.write(b);
      if (b == '\n') {
        break;
      }
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  /** Everything up to EOF. */
  String rest() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
