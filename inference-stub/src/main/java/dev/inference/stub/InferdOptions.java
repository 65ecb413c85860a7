package dev.inference.stub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Where and how a {@link StubServer} of the {@link Dialect#INFERD} dialect listens: a Unix domain
 * socket and/or loopback TCP (with an optional key, TCP only), an optional admin socket with a
 * scripted lifecycle, and the frame cap. Without a socket and without TCP, it listens on {@code
 * infer.sock} in a fresh temporary directory.
 *
 * <pre>{@code
 * StubServer stub = StubServer.builder(Dialect.INFERD)
 *     .inferd(InferdOptions.builder().socket(dir.resolve("infer.sock"))
 *         .adminSocket(dir.resolve("admin.sock")).build())
 *     .start();
 * }</pre>
 *
 * @since 0.2
 */
public final class InferdOptions {

  /** The frame cap of the daemon, 64 MiB. */
  public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

  private final @Nullable Path socket;
  private final int tcpPort;
  private final @Nullable String key;
  private final @Nullable Path adminSocket;
  private final @Nullable List<AdminStatus> lifecycle;
  private final Duration stepDelay;
  private final int maxFrameBytes;

  private InferdOptions(Builder builder) {
    this.socket = builder.socket;
    this.tcpPort = builder.tcpPort;
    this.key = builder.key;
    this.adminSocket = builder.adminSocket;
    this.lifecycle = builder.lifecycle;
    this.stepDelay = builder.stepDelay;
    this.maxFrameBytes = builder.maxFrameBytes;
  }

  /**
   * The defaults: {@code infer.sock} in a fresh temporary directory, no TCP, no admin socket.
   *
   * @return the options
   */
  public static InferdOptions defaults() {
    return builder().build();
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  Optional<Path> socket() {
    return Optional.ofNullable(socket);
  }

  OptionalInt tcpPort() {
    return tcpPort < 0 ? OptionalInt.empty() : OptionalInt.of(tcpPort);
  }

  Optional<String> key() {
    return Optional.ofNullable(key);
  }

  Optional<Path> adminSocket() {
    return Optional.ofNullable(adminSocket);
  }

  /** The scripted lifecycle, else the default one. */
  List<AdminStatus> lifecycle() {
    return lifecycle != null ? lifecycle : AdminStatus.defaultLifecycle();
  }

  Duration stepDelay() {
    return stepDelay;
  }

  int maxFrameBytes() {
    return maxFrameBytes;
  }

  @Override
  public String toString() {
    return "InferdOptions[socket="
        + socket
        + ", tcpPort="
        + (tcpPort < 0 ? "none" : tcpPort)
        + ", key="
        + (key == null ? "none" : "***")
        + ", adminSocket="
        + adminSocket
        + "]";
  }

  /**
   * Settings of {@link InferdOptions}.
   *
   * @since 0.2
   */
  public static final class Builder {
    private @Nullable Path socket;
    private int tcpPort = -1;
    private @Nullable String key;
    private @Nullable Path adminSocket;
    private @Nullable List<AdminStatus> lifecycle;
    private Duration stepDelay = Duration.ZERO;
    private int maxFrameBytes = MAX_FRAME_BYTES;

    private Builder() {}

    /**
     * The Unix domain socket to serve (mode 0660); a stale socket file there is replaced. Keep the
     * path short: some systems allow only 104 bytes.
     *
     * @param path the socket path
     * @return this builder
     */
    public Builder socket(Path path) {
      this.socket = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Also (or only) serve loopback TCP on 127.0.0.1.
     *
     * @param port the port; 0 picks a free one
     * @return this builder
     */
    public Builder tcpPort(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("tcpPort must be between 0 and 65535, but was " + port);
      }
      this.tcpPort = port;
      return this;
    }

    /**
     * The key a TCP client must send in its first frame, {@code {"type":"auth","key":..}}; a wrong
     * or missing key closes the connection silently. It never appears in any message.
     *
     * @param key the key, not blank
     * @return this builder
     */
    public Builder key(String key) {
      Objects.requireNonNull(key, "key");
      if (key.isBlank()) {
        throw new IllegalArgumentException("key must not be blank");
      }
      this.key = key;
      return this;
    }

    /**
     * The admin socket (Unix only, mode 0600): it plays the lifecycle, and the inference socket is
     * bound only once the lifecycle reaches {@code ready}.
     *
     * @param path the socket path
     * @return this builder
     */
    public Builder adminSocket(Path path) {
      this.adminSocket = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * The lifecycle the admin socket plays ({@link AdminStatus#defaultLifecycle()} by default);
     * without a {@code ready} frame the inference socket stays unbound until {@link
     * InferdSockets#publish} sends one.
     *
     * @param steps the frames, in order; at least one
     * @return this builder
     */
    public Builder lifecycle(List<AdminStatus> steps) {
      List<AdminStatus> copy = List.copyOf(steps);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("a lifecycle needs at least one status");
      }
      this.lifecycle = copy;
      return this;
    }

    /**
     * The pause between two lifecycle steps (none by default: the lifecycle has run when the server
     * starts).
     *
     * @param delay the pause, {@code >= 0}
     * @return this builder
     */
    public Builder stepDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("stepDelay must be >= 0, but was " + delay);
      }
      this.stepDelay = delay;
      return this;
    }

    /**
     * The frame cap ({@value InferdOptions#MAX_FRAME_BYTES} bytes by default, as the daemon's); a
     * longer frame gets a {@code frame_too_large} error and the connection is closed.
     *
     * @param bytes at least 16
     * @return this builder
     */
    public Builder maxFrameBytes(int bytes) {
      if (bytes < 16) {
        throw new IllegalArgumentException("maxFrameBytes must be >= 16, but was " + bytes);
      }
      this.maxFrameBytes = bytes;
      return this;
    }

    /**
     * The options.
     *
     * @return the options
     * @throws IllegalArgumentException for a key without TCP, or a lifecycle without admin socket
     */
    public InferdOptions build() {
      if (key != null && tcpPort < 0) {
        throw new IllegalArgumentException(
            "a key guards the loopback TCP listener only; set tcpPort too");
      }
      if (lifecycle != null && adminSocket == null) {
        throw new IllegalArgumentException("a lifecycle is played on the admin socket; set it too");
      }
      return new InferdOptions(this);
    }
  }
}
