package dev.inference.benchmarks.contenders;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.inference.benchmarks.Fixtures;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw baseline for inferd protocol v1: a plain blocking {@link SocketChannel} to the daemon's
 * Unix socket, the request frame written with Jackson's generator, the answer read as NDJSON lines,
 * each parsed with Jackson's streaming parser, as {@link RawOllama} reads NDJSON over HTTP. One
 * connection per call, as the protocol has it and as the driver does (closing the connection is
 * v1's only cancel): no auth frame (a Unix socket has none), no deadline, no frame cap.
 */
final class RawInferd implements Contender {

  private final UnixDomainSocketAddress address;

  RawInferd(URI endpoint) {
    if (!"unix".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("raw-inferd dials a Unix socket, not " + endpoint);
    }
    this.address = UnixDomainSocketAddress.of(Path.of(endpoint.getSchemeSpecificPart()));
  }

  private byte[] frame(boolean stream) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    try (JsonGenerator json = Raw.JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("id", id());
      json.writeArrayFieldStart("messages");
      json.writeStartObject();
      json.writeStringField("role", "user");
      json.writeStringField("content", Fixtures.PROMPT);
      json.writeEndObject();
      json.writeEndArray();
      json.writeNumberField("temperature", Fixtures.TEMPERATURE);
      json.writeNumberField("max_tokens", Fixtures.MAX_TOKENS);
      json.writeBooleanField("stream", stream);
      json.writeEndObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    body.write('\n');
    return body.toByteArray();
  }

  /**
   * A request id as long as the library's (a random UUID's 36 characters, from {@link
   * ThreadLocalRandom} as the library's): the daemon echoes the id on every frame, so a shorter one
   * would shrink raw's frames, and the work of both ends, on each of a stream's 1,000 frames.
   */
  private static String id() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /**
   * Sends one request and reads frames to its {@code done} frame.
   *
   * @param stream whether to ask for {@code token} frames
   * @return the {@code done} frame's content (non-streamed), or the characters of the tokens
   */
  private Object call(boolean stream) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(address);
      ByteBuffer request = ByteBuffer.wrap(frame(stream));
      while (request.hasRemaining()) {
        channel.write(request);
      }
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      long chars = 0;
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          continue;
        }
        String[] typeAndContent = typeAndContent(line);
        switch (typeAndContent[0]) {
          case "token" -> chars += typeAndContent[1].length();
          case "done" -> {
            return stream ? (Object) chars : typeAndContent[1];
          }
          case "error" -> throw new IllegalStateException("inferd error: " + line);
          default -> {
            // status frames and frames v1 does not know are skipped
          }
        }
      }
      throw new IllegalStateException("inferd closed the connection before the done frame");
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  /** The {@code type} and {@code content} fields of a frame. */
  private static String[] typeAndContent(String line) throws IOException {
    String type = "";
    String content = "";
    try (JsonParser parser = Raw.JSON.createParser(line)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("type")) {
          type = parser.getText();
        } else if (name.equals("content") && value == JsonToken.VALUE_STRING) {
          content = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
    }
    return new String[] {type, content};
  }

  @Override
  public String chat() {
    return (String) call(false);
  }

  @Override
  public long stream() {
    return (Long) call(true);
  }

  /** Protocol v1 has no JSON mode (a GBNF grammar is its structured output): not compared. */
  @Override
  public Object json() {
    throw new UnsupportedOperationException("inferd protocol v1 has no JSON mode");
  }

  @Override
  public void close() {}
}
