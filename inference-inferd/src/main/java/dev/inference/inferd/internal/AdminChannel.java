package dev.inference.inferd.internal;

import dev.inference.JsonValue;
import dev.inference.kit.Json;
import dev.inference.kit.JsonReader;
import dev.inference.kit.NdjsonDecoder;
import dev.inference.runtime.LifecycleEvent;
import dev.inference.runtime.LifecycleListener;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The daemon's admin socket: read-only, a snapshot of the daemon's state on connect, then each
 * change, as {@code {"id":"admin","type":"status","status":...,"phase":...}} frames with their
 * detail keys flattened into the same object; no error frames (a crash is EOF). Unknown statuses,
 * phases and keys are kept raw, as clients must tolerate them.
 */
final class AdminChannel implements AutoCloseable {

  private static final Set<String> ENVELOPE =
      Set.of("id", "type", "status", "phase", "downloaded_bytes", "total_bytes");

  private final SocketChannel channel;
  private final NdjsonDecoder lines;
  private final ByteBuffer buffer = ByteBuffer.allocate(8192);
  private LifecycleListener listener = event -> {};

  private AdminChannel(SocketChannel channel, int maxFrameBytes) {
    this.channel = channel;
    this.lines = NdjsonDecoder.ofBytes(maxFrameBytes, this::line);
  }

  /**
   * Connects to the admin socket.
   *
   * @param path the socket file
   * @param maxFrameBytes the frame cap
   * @param timeout how long the connect may take
   * @return the channel
   * @throws IOException if it cannot be reached
   */
  static AdminChannel open(Path path, int maxFrameBytes, Duration timeout) throws IOException {
    SocketChannel channel =
        SocketDialer.connect(
            UnixDomainSocketAddress.of(path), StandardProtocolFamily.UNIX, timeout);
    return new AdminChannel(channel, maxFrameBytes);
  }

  /**
   * Hands each event to the listener until the daemon ends the channel.
   *
   * @param to the listener; what it throws stops the watch and propagates
   * @throws IOException if reading fails (an interrupt closes the channel)
   */
  void watch(LifecycleListener to) throws IOException {
    this.listener = to;
    while (true) {
      buffer.clear();
      int read = channel.read(buffer);
      if (read < 0) {
        lines.finish();
        return;
      }
      lines.feed(buffer.array(), 0, read);
    }
  }

  /**
   * The first event: the snapshot the daemon sends on connect.
   *
   * @return the snapshot, or empty if the channel ended first
   * @throws IOException if reading fails
   */
  Optional<LifecycleEvent> snapshot() throws IOException {
    LifecycleEvent[] first = new LifecycleEvent[1];
    this.listener =
        event -> {
          if (first[0] == null) {
            first[0] = event;
          }
        };
    while (first[0] == null) {
      buffer.clear();
      int read = channel.read(buffer);
      if (read < 0) {
        lines.finish();
        break;
      }
      lines.feed(buffer.array(), 0, read);
    }
    return Optional.ofNullable(first[0]);
  }

  private void line(byte[] bytes, int offset, int length) {
    JsonValue frame;
    try (JsonReader reader = Json.reader(bytes, offset, length)) {
      frame = reader.readValue();
    } catch (IOException notJson) {
      return; // a torn or foreign line: the admin channel is informational, skip it
    }
    if (!(frame instanceof JsonValue.ObjectValue object)
        || !frame.get("type").flatMap(JsonValue::asString).orElse("status").equals("status")) {
      return;
    }
    Optional<String> status = frame.get("status").flatMap(JsonValue::asString);
    if (status.isEmpty()) {
      return;
    }
    listener.onEvent(event(object, status.get()));
  }

  /** One status frame as an event; its other keys are kept as details. */
  static LifecycleEvent event(JsonValue.ObjectValue frame, String status) {
    Map<String, JsonValue> details = new LinkedHashMap<>();
    frame
        .members()
        .forEach(
            (name, value) -> {
              if (!ENVELOPE.contains(name)) {
                details.put(name, value);
              }
            });
    return new LifecycleEvent(
        LifecycleEvent.State.fromStatus(status),
        status,
        frame.get("phase").flatMap(JsonValue::asString),
        bytes(frame, "downloaded_bytes"),
        bytes(frame, "total_bytes"),
        new JsonValue.ObjectValue(details));
  }

  private static OptionalLong bytes(JsonValue frame, String name) {
    OptionalLong value = frame.get(name).map(JsonValue::asLong).orElse(OptionalLong.empty());
    return value.isPresent() && value.getAsLong() >= 0 ? value : OptionalLong.empty();
  }

  /** Closes the channel; a blocked read fails. Never throws. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
