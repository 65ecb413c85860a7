package dev.inference.internal;

/** The one rule for URL user info ({@code user:token@}): it is never shown, only {@code ****}. */
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
