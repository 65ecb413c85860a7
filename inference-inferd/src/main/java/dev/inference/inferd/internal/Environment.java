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
    return new Environment(new SystemVariables(), System.getProperty("os.name", ""), new Uid());
  }

  /** A variable that is set and not blank. */
  Optional<String> variable(String name) {
    Optional<String> value = variables.apply(name);
    return value.isPresent() && !value.get().isBlank() ? value : Optional.empty();
  }

  // classes, not lambdas: every installed driver is made when `inference run` starts, and linking
  // a lambda's call site costs more there than loading a class (bench/notes.md)
  private static final class SystemVariables implements Function<String, Optional<String>> {
    @Override
    public Optional<String> apply(String name) {
      return Optional.ofNullable(System.getenv(name));
    }
  }

  private static final class Uid implements Supplier<OptionalInt> {
    @Override
    public OptionalInt get() {
      return processUid();
    }
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
