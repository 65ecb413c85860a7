package dev.inference.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** What the raw socket servers of these tests share: reading one HTTP/1.1 request. */
final class RawRequests {

  private RawRequests() {}

  /**
   * Reads one request's head and its {@code Content-Length} body.
   *
   * @return false when the connection ended before a whole head
   */
  static boolean read(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.append((char) b);
    }
    String text = head.toString().toLowerCase(Locale.ROOT);
    int at = text.indexOf("content-length:");
    if (at >= 0) {
      int end = text.indexOf("\r\n", at);
      in.readNBytes(Integer.parseInt(text.substring(at + 15, end).trim()));
    }
    return true;
  }
}
