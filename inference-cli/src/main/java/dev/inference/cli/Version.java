package dev.inference.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, from {@code version.properties} filtered by Maven. */
final class Version {

  static final String RUNTIME_NAME = "inference";

  private static final String VERSION = load();

  private Version() {}

  static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }
}
