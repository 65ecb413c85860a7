package dev.inference.kit;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one loopback rule: whether a URL's host is this machine, judged from the text alone, never by
 * resolving the name. Loopback hosts are {@code localhost} and its subdomains ({@code
 * api.localhost}, RFC 6761), the IPv4 block {@code 127.0.0.0/8} written as a dotted quad, and
 * {@code [::1]}; case does not matter and one trailing dot (a fully qualified name) is allowed.
 * {@code 127.evil.example} and {@code localhost.evil.example} are not loopback.
 *
 * @since 0.2
 */
public final class Loopback {

  private static final Pattern V4 =
      Pattern.compile(
          "127\\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})){2}");

  private Loopback() {}

  /**
   * Whether the host names this machine.
   *
   * @param host a URL's host, with or without the brackets of an IPv6 literal; {@code null} is not
   *     loopback
   * @return whether it is loopback
   */
  public static boolean isLoopback(@Nullable String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || V4.matcher(h).matches()
        || h.equals("[::1]")
        || h.equals("::1");
  }

  /**
   * Whether the URL's host names this machine.
   *
   * @param url the URL
   * @return whether its host is loopback; a URL without a host is not
   */
  public static boolean isLoopback(URI url) {
    return isLoopback(url.getHost());
  }
}
