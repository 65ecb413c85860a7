package dev.inference.inferd.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the default socket path depends on, injected so that tests choose it: environment variables,
 * the operating system, and the user id.
 *
 * @param variables an environment variable by name; empty when unset
 * @param osName the {@code os.name} system property
 * @param uid the user id, when the system has one
 */
public record Environment(
    Function<String, Optional<String>> variables, String osName, Supplier<OptionalInt> uid) {

  /** Checks the components. */
  public Environment {
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(uid, "uid");
  }

  /**
   * This process's environment.
   *
   * @return the environment of the running JVM
   */
  public static Environment system() {
    return new Environment(
        name -> Optional.ofNullable(System.getenv(name)),
        System.getProperty("os.name", ""),
        Environment::processUid);
  }

  /** A variable that is set and not blank. */
  Optional<String> variable(String name) {
    return variables.apply(name).filter(value -> !value.isBlank());
  }

  boolean macOs() {
    return osName.toLowerCase(Locale.ROOT).startsWith("mac");
  }

  /**
   * The effective user id, read as the owner of a file this process creates: there is no JDK call
   * for it that works on every Unix.
   */
  private static OptionalInt processUid() {
    Path probe = null;
    try {
      probe = Files.createTempFile("inferd-uid", ".probe");
      return OptionalInt.of((Integer) Files.getAttribute(probe, "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException noUid) {
      return OptionalInt.empty();
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException ignored) {
          // a temporary file
        }
      }
    }
  }
}
