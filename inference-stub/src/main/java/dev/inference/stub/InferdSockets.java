package dev.inference.stub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The sockets of a {@link StubServer} that speaks {@link Dialect#INFERD}: where it listens, its
 * readiness, the admin lifecycle a test can push on, and the requests cancelled by a client that
 * went away. Get it from {@link StubServer#inferd()}.
 *
 * <p>Each request frame is answered from the server's script like a chat request of the HTTP
 * dialects: a content reply as {@code token} frames then one {@code done} frame ({@code
 * "stream":false}: the {@code done} frame only), its finish reason as {@code stop_reason} ({@code
 * end} by default), an {@linkplain Reply#error error} or {@link Reply#inferdError} as an {@code
 * error} frame; a stream that ends {@linkplain Reply#truncatedAfterDeltas truncated} closes the
 * connection without a terminal frame, one {@linkplain Reply#failingAfterDeltas failing} sends an
 * {@code internal} error. Requests on one connection are answered one at a time, in order.
 *
 * @since 0.2
 */
public final class InferdSockets {

  private final InferdEndpoint endpoint;
  private final @Nullable Path socket;
  private final @Nullable Path tempDirectory;
  private final List<RecordedRequest> cancelled = new CopyOnWriteArrayList<>();
  private @Nullable AdminLifecycle admin;

  private InferdSockets(
      InferdOptions options,
      @Nullable Path socket,
      @Nullable Path tempDirectory,
      ReplyScript script,
      Consumer<RecordedRequest> recorder) {
    this.socket = socket;
    this.tempDirectory = tempDirectory;
    this.endpoint =
        new InferdEndpoint(
            socket,
            options.tcpPort(),
            new InferdSession.Settings(
                options.key().orElse(null),
                options.maxFrameBytes(),
                script,
                recorder,
                cancelled::add));
  }

  /** Binds the sockets: the admin one and its lifecycle first when there is one. */
  static InferdSockets start(
      InferdOptions options, ReplyScript script, Consumer<RecordedRequest> recorder)
      throws IOException {
    Path temp = null;
    Path socket = options.socket().orElse(null);
    if (socket == null && options.tcpPort().isEmpty()) {
      temp = Files.createTempDirectory("inferd-stub");
      socket = temp.resolve("infer.sock");
    }
    InferdSockets sockets = new InferdSockets(options, socket, temp, script, recorder);
    try {
      Optional<Path> adminPath = options.adminSocket();
      if (adminPath.isPresent()) {
        sockets.admin =
            AdminLifecycle.start(
                adminPath.get(), options.lifecycle(), options.stepDelay(), sockets::onStatus);
      } else {
        sockets.endpoint.open();
      }
    } catch (IOException | RuntimeException failed) {
      sockets.close();
      throw failed;
    }
    return sockets;
  }

  private void onStatus(AdminStatus status) {
    if (status.status().equals(AdminStatus.READY)) {
      try {
        endpoint.open();
      } catch (IOException failed) {
        throw new UncheckedIOException(failed);
      }
    } else if (status.status().equals(AdminStatus.RESTARTING)) {
      endpoint.shut();
    }
  }

  /**
   * The Unix socket of the inference protocol.
   *
   * @return the path, empty when the stub serves TCP only
   */
  public Optional<Path> socket() {
    return Optional.ofNullable(socket);
  }

  /**
   * The loopback TCP port of the inference protocol, once it listens.
   *
   * @return the port, empty without TCP or before {@code ready}
   */
  public OptionalInt port() {
    return endpoint.port();
  }

  /**
   * The admin socket.
   *
   * @return the path, empty when none was configured
   */
  public Optional<Path> adminSocket() {
    return Optional.ofNullable(admin).map(AdminLifecycle::path);
  }

  /**
   * Where to dial: {@code unix:/path/infer.sock}, else {@code tcp://127.0.0.1:<port>}.
   *
   * @return the address as a URI
   * @throws IllegalStateException for TCP only, before {@code ready}
   */
  public URI endpoint() {
    if (socket != null) {
      try {
        return new URI("unix", socket.toString(), null);
      } catch (URISyntaxException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    OptionalInt port = port();
    if (port.isEmpty()) {
      throw new IllegalStateException(
          "the inferd TCP listener is not bound: the lifecycle has not reached ready");
    }
    return URI.create("tcp://127.0.0.1:" + port.getAsInt());
  }

  /**
   * Waits until the inference socket listens (at once without an admin socket).
   *
   * @param timeout how long to wait at most
   * @return whether it listens
   */
  public boolean awaitReady(Duration timeout) {
    try {
      return endpoint.awaitListening(timeout);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Sends a status on the admin socket as the next change: {@code ready} binds the inference socket
   * first, {@code restarting} closes it (open connections go on), any other status (an unknown one
   * too) is only sent.
   *
   * @param status the status
   * @throws IllegalStateException without an admin socket
   */
  public void publish(AdminStatus status) {
    Objects.requireNonNull(status, "status");
    AdminLifecycle lifecycle = admin;
    if (lifecycle == null) {
      throw new IllegalStateException("this stub has no admin socket; configure adminSocket");
    }
    lifecycle.publish(status);
  }

  /**
   * The requests whose client went away (closed or ended its side of the connection) before their
   * terminal frame, in order.
   *
   * @return a snapshot
   */
  public List<RecordedRequest> cancelled() {
    return List.copyOf(cancelled);
  }

  void reset() {
    cancelled.clear();
  }

  /** {@code draining} then EOF on the admin socket; the listeners and connections close. */
  void close() {
    if (admin != null) {
      admin.close();
    }
    endpoint.close();
    if (tempDirectory != null) {
      try {
        Files.deleteIfExists(tempDirectory);
      } catch (IOException ignored) {
        // a left-over empty temporary directory
      }
    }
  }

  @Override
  public String toString() {
    return "InferdSockets[" + (socket != null ? socket : "tcp " + port()) + "]";
  }
}
