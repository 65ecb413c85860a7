package dev.inference.inferd.internal;

import dev.inference.kit.Loopback;
import dev.inference.kit.Redactor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Where the daemon listens: a Unix socket ({@code unix:/path}, {@code unix:///path}) or loopback
 * TCP ({@code tcp://127.0.0.1:47321}), read from {@code base_url}, or the default path resolved as
 * the daemon resolves it.
 */
public final class InferdEndpoint {

  /** The inference socket's file name. */
  static final String INFER_SOCK = "infer.sock";

  /** The admin socket's file name, beside the inference socket. */
  static final String ADMIN_SOCK = "admin.sock";

  private final @Nullable Path path;
  private final @Nullable String host;
  private final int port;
  private final String origin;

  private InferdEndpoint(@Nullable Path path, @Nullable String host, int port, String origin) {
    this.path = path;
    this.host = host;
    this.port = port;
    this.origin = origin;
  }

  /**
   * Reads a {@code base_url}.
   *
   * @param url the URL
   * @return the endpoint
   * @throws IllegalArgumentException if it is neither a Unix socket path nor loopback TCP with a
   *     port; the message says what is expected
   */
  public static InferdEndpoint parse(URI url) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme();
    if (scheme.equalsIgnoreCase("unix")) {
      String socket = url.getPath();
      if (url.getRawAuthority() != null || socket == null || !socket.startsWith("/")) {
        throw new IllegalArgumentException(
            "base_url must name the socket by an absolute path (unix:/run/inferd/infer.sock or"
                + " unix:///run/inferd/infer.sock), but was '"
                + Redactor.url(url)
                + "'");
      }
      return new InferdEndpoint(Path.of(socket), null, 0, "base_url");
    }
    if (scheme.equalsIgnoreCase("tcp")) {
      if (url.getHost() == null || url.getPort() <= 0) {
        throw new IllegalArgumentException(
            "base_url must be tcp://127.0.0.1:PORT (inferd's loopback listener, port 47321 by"
                + " default), but was '"
                + Redactor.url(url)
                + "'");
      }
      if (!Loopback.isLoopback(url.getHost())) {
        throw new IllegalArgumentException(
            "inferd listens on loopback only, but base_url names host '"
                + url.getHost()
                + "'; use tcp://127.0.0.1:PORT, or a Unix socket (unix:/path/to/infer.sock)");
      }
      return new InferdEndpoint(null, url.getHost(), url.getPort(), "base_url");
    }
    throw new IllegalArgumentException(
        "driver inferd takes base_url = \"unix:/path/to/infer.sock\" or"
            + " \"tcp://127.0.0.1:PORT\", but was '"
            + Redactor.url(url)
            + "'");
  }

  /**
   * The inference socket the daemon uses when its config names none: {@code
   * $XDG_RUNTIME_DIR/inferd/infer.sock}, else {@code $HOME/.inferd/run/infer.sock}, else {@code
   * /tmp/inferd-$UID/infer.sock}; on macOS {@code $TMPDIR/inferd/infer.sock} first.
   *
   * @param environment the variables, system and user id
   * @return the endpoint, with the rule that chose it
   */
  public static InferdEndpoint resolveDefault(Environment environment) {
    if (environment.macOs()) {
      Optional<String> tmp = environment.variable("TMPDIR");
      if (tmp.isPresent()) {
        return unixDefault(Path.of(tmp.get(), "inferd", INFER_SOCK), "$TMPDIR/inferd");
      }
    }
    Optional<String> runtime = environment.variable("XDG_RUNTIME_DIR");
    if (runtime.isPresent()) {
      return unixDefault(Path.of(runtime.get(), "inferd", INFER_SOCK), "$XDG_RUNTIME_DIR/inferd");
    }
    Optional<String> home = environment.variable("HOME");
    if (home.isPresent()) {
      return unixDefault(Path.of(home.get(), ".inferd", "run", INFER_SOCK), "$HOME/.inferd/run");
    }
    OptionalInt uid = environment.uid().get();
    String folder = "inferd-" + (uid.isPresent() ? Integer.toString(uid.getAsInt()) : "unknown");
    return unixDefault(Path.of("/tmp", folder, INFER_SOCK), "/tmp/inferd-$UID");
  }

  private static InferdEndpoint unixDefault(Path socket, String rule) {
    return new InferdEndpoint(
        socket.toAbsolutePath(), null, 0, "the daemon's default path (" + rule + ")");
  }

  /**
   * Whether this is a Unix socket.
   *
   * @return {@code false} for TCP
   */
  public boolean isUnix() {
    return path != null;
  }

  /**
   * The socket file of a Unix endpoint.
   *
   * @return the path, or empty on TCP
   */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /**
   * The admin socket beside a Unix inference socket ({@code admin.sock} in the same folder).
   *
   * @return the path, or empty on TCP: the daemon's admin socket is never TCP
   */
  public Optional<Path> adminBeside() {
    Optional<Path> socket = path();
    return socket.isPresent() ? Optional.of(socket.get().resolveSibling(ADMIN_SOCK)) : socket;
  }

  /**
   * The address to connect to.
   *
   * @return a Unix domain or an unresolved-free loopback address
   */
  public SocketAddress address() {
    return path != null
        ? UnixDomainSocketAddress.of(path)
        : new InetSocketAddress(Objects.requireNonNull(host), port);
  }

  /**
   * The endpoint as a URL.
   *
   * @return {@code unix:/path} or {@code tcp://host:port}
   */
  public URI uri() {
    return path != null ? URI.create("unix:" + path.toUri().getRawPath()) : tcpUri();
  }

  private URI tcpUri() {
    return URI.create("tcp://" + host + ":" + port);
  }

  /**
   * What chose this endpoint: {@code base_url}, or the daemon's default path and its rule.
   *
   * @return one phrase
   */
  public String origin() {
    return origin;
  }

  /**
   * The endpoint for messages.
   *
   * @return {@code unix:/path} or {@code tcp://host:port}
   */
  @Override
  public String toString() {
    return path != null ? "unix:" + path : "tcp://" + host + ":" + port;
  }
}
