package dev.inference.config;

/** Formats a located message; shared by problems and warnings. */
final class Locations {

  private Locations() {}

  static String format(String path, int line, int column, String message) {
    StringBuilder out = new StringBuilder(path);
    if (line > 0) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append('(').append(line).append(':').append(column).append(')');
    }
    if (out.length() > 0) {
      out.append(": ");
    }
    return out.append(message).toString();
  }
}
