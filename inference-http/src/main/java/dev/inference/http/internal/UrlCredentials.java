package dev.inference.http.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * User-info in a base URL ({@code http://user:password@gateway/}) as HTTP clients treat it: it is
 * taken off the URL the JDK sees (which would otherwise show it in its own debug log) and sent as
 * {@code Authorization: Basic}, unless the dialect sends its own {@code Authorization}.
 */
final class UrlCredentials {

  private final URI target;
  private final @Nullable String basic;
  private final List<String> secrets;

  private UrlCredentials(URI target, @Nullable String basic, List<String> secrets) {
    this.target = target;
    this.basic = basic;
    this.secrets = secrets;
  }

  /** The credentials of a URL; none when it has no user-info. */
  static UrlCredentials of(URI uri) {
    String raw = uri.getRawUserInfo();
    String userInfo = uri.getUserInfo();
    if (raw == null || userInfo == null || uri.getRawAuthority() == null) {
      return new UrlCredentials(uri, null, List.of());
    }
    String authority = uri.getRawAuthority();
    StringBuilder text =
        new StringBuilder(uri.getScheme())
            .append("://")
            .append(authority.substring(authority.lastIndexOf('@') + 1));
    if (uri.getRawPath() != null) {
      text.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      text.append('?').append(uri.getRawQuery());
    }
    String token = Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    int colon = userInfo.indexOf(':');
    String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
    return new UrlCredentials(
        URI.create(text.toString()), "Basic " + token, List.of(token, password, raw));
  }

  /** The URL without its user-info: what the JDK client is given. */
  URI target() {
    return target;
  }

  /** What a redactor must hide: the token, the password and the raw user-info; none without. */
  List<String> secrets() {
    return secrets;
  }

  /** The Basic authorization to send, unless the dialect's headers authorize the call already. */
  Optional<String> authorization(Map<String, String> dialectHeaders) {
    if (basic == null
        || dialectHeaders.keySet().stream().anyMatch("authorization"::equalsIgnoreCase)) {
      return Optional.empty();
    }
    return Optional.of(basic);
  }
}
