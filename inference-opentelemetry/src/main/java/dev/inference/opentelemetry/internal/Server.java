package dev.inference.opentelemetry.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code server.address} and {@code server.port} of an endpoint, parsed safely: an endpoint
 * that is not a URI gives neither, and never fails the call.
 *
 * @param address the host, or the socket's path for a {@code unix:} endpoint
 * @param port the port: the URI's, else the scheme's default; empty for a Unix socket
 */
public record Server(Optional<String> address, OptionalLong port) {

  /** No address, no port. */
  static final Server UNKNOWN = new Server(Optional.empty(), OptionalLong.empty());

  /**
   * Parses an endpoint as {@link dev.inference.ProviderDescription#endpoint()} gives it (any user
   * info already redacted; it is never read here).
   *
   * @param endpoint the endpoint
   * @return the server, {@link #UNKNOWN} when the endpoint cannot be read
   */
  public static Server of(String endpoint) {
    try {
      URI uri = new URI(endpoint);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("unix")) {
        String path = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
        return path == null || path.isEmpty()
            ? UNKNOWN
            : new Server(Optional.of(path), OptionalLong.empty());
      }
      String host = uri.getHost();
      if (host == null || host.isEmpty()) {
        return UNKNOWN;
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = uri.getPort();
      if (port < 0) {
        port =
            switch (scheme) {
              case "http" -> 80;
              case "https" -> 443;
              default -> -1;
            };
      }
      return new Server(Optional.of(host), port < 0 ? OptionalLong.empty() : OptionalLong.of(port));
    } catch (java.net.URISyntaxException | RuntimeException unreadable) {
      return UNKNOWN;
    }
  }
}
