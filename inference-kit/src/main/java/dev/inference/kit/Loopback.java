package dev.inference.kit;

import java.net.URI;
import java.util.Locale;
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
        || loopbackV4(h)
        || h.equals("[::1]")
        || h.equals("::1");
  }

  /**
   * {@code 127.x.y.z}, each part {@code 25[0-5]|2[0-4][0-9]|1?[0-9]{1,2}}: by hand, because every
   * client for a local endpoint asks on its way to a first answer, and a regular expression there
   * links lambdas inside the JDK (bench/notes.md; {@code LoopbackTest} compares it with the
   * expression).
   */
  private static boolean loopbackV4(String host) {
    if (!host.startsWith("127.")) {
      return false;
    }
    int start = 4;
    for (int part = 0; part < 3; part++) {
      int end = part < 2 ? host.indexOf('.', start) : host.length();
      if (end < 0 || !octet(host, start, end)) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  private static boolean octet(String host, int start, int end) {
    int length = end - start;
    if (length < 1 || length > 3) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (host.charAt(i) < '0' || host.charAt(i) > '9') {
        return false;
      }
    }
    char first = host.charAt(start);
    return length < 3
        || first == '1'
        || (first == '2' && Integer.parseInt(host, start, end, 10) <= 255);
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
