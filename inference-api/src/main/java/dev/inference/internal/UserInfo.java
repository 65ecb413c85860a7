package dev.inference.internal;

import java.net.URI;
import java.util.Objects;

/**
 * The one rule for URL user info ({@code user:token@}): it is never shown, only {@code ****}; and
 * the check of a base URL, whose messages follow that rule.
 */
public final class UserInfo {

  private UserInfo() {}

  /**
   * The URL text with any user info replaced by {@code ****}. Works on the text rather than on
   * {@link java.net.URI#getRawUserInfo()}, which is {@code null} when the authority is not a server
   * name (a Docker service name) or the URI is opaque, although the text may still hold a secret.
   *
   * @param text a URL as text
   * @return the text, its user info redacted
   */
  public static String redact(String text) {
    int colon = text.indexOf(':');
    boolean scheme = colon > 0 && onlySchemeBefore(text, colon);
    int start;
    if (scheme && text.startsWith("//", colon + 1)) {
      start = colon + 3;
    } else if (text.startsWith("//")) {
      start = 2;
    } else {
      start = scheme ? colon + 1 : 0;
    }
    int end = start;
    while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    int at = text.lastIndexOf('@', end - 1);
    return at < start ? text : text.substring(0, start) + "****" + text.substring(at);
  }

  /**
   * Checks a base URL: absolute {@code http} or {@code https} (any case), with a host that may be a
   * name that is not a DNS name (a Docker service name such as {@code my_ollama}); or, for a socket
   * driver, {@code unix:/path} ({@code unix:///path}) or {@code tcp://host:port}. Which schemes a
   * driver takes is the driver's to say.
   *
   * @param url the URL
   * @return the URL
   * @throws IllegalArgumentException if it is not, the message showing the URL without user info
   */
  public static URI checkBaseUrl(URI url) {
    Objects.requireNonNull(url, "baseUrl");
    String scheme = url.getScheme();
    boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    boolean ok =
        web ? hasHost(url) : "unix".equalsIgnoreCase(scheme) ? isUnixSocket(url) : isTcp(url);
    if (!ok) {
      throw new IllegalArgumentException(
          "baseUrl must be an absolute http:// or https:// URL, but was '"
              + redact(url.toString())
              + "' (a socket driver takes unix:/path or tcp://host:port)");
    }
    return url;
  }

  /** {@code unix:/path} or {@code unix:///path}: an absolute path and nothing else. */
  private static boolean isUnixSocket(URI url) {
    return url.getRawAuthority() == null
        && url.getPath() != null
        && url.getPath().startsWith("/")
        && url.getPath().length() > 1
        && url.getRawQuery() == null
        && url.getRawFragment() == null;
  }

  /** {@code tcp://host:port}, with no path beyond {@code /}. */
  private static boolean isTcp(URI url) {
    return "tcp".equalsIgnoreCase(url.getScheme())
        && url.getHost() != null
        && url.getPort() > 0
        && url.getRawUserInfo() == null
        && (url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/"))
        && url.getRawQuery() == null;
  }

  /**
   * Whether the URL names a host. {@link URI#getHost()} is {@code null} for names that are not DNS
   * names (Docker service names such as {@code my_ollama}), so the raw authority is checked too.
   */
  private static boolean hasHost(URI url) {
    if (url.getHost() != null) {
      return true;
    }
    String authority = url.getRawAuthority();
    if (authority == null) {
      return false;
    }
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && host.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      host = host.substring(0, colon);
    }
    return !host.isBlank();
  }

  /** Whether {@code text[0, end)} can be a scheme: a letter, then letters, digits, + - . */
  private static boolean onlySchemeBefore(String text, int end) {
    if (end <= 0 || !Character.isLetter(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < end; i++) {
      char c = text.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    return true;
  }
}
