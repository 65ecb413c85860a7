package dev.inference;

import dev.inference.spi.SecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A credential whose value never appears in {@code toString()}, messages or logs.
 *
 * <p>{@link #ofEnv(String)} reads the environment variable each time the value is needed, so a
 * rotated key is picked up and a missing one fails with a message that names the variable. {@link
 * #ofReference(String)} does the same for {@code secret://} references: an environment variable, a
 * file that only its owner may read, or a vault through a {@link SecretResolver}.
 *
 * @since 0.1
 */
public final class Secret {

  private final String source;
  private final Supplier<@Nullable String> value;

  private Secret(String source, Supplier<@Nullable String> value) {
    this.source = source;
    this.value = value;
  }

  /**
   * A secret with a literal value.
   *
   * @param value the credential; must not be blank
   * @return the secret
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret("literal", new Lookup(Lookup.LITERAL, value, null, ""));
  }

  /**
   * A secret read from an environment variable when it is used.
   *
   * @param name the variable's name
   * @return the secret
   */
  public static Secret ofEnv(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an environment variable name must not be blank");
    }
    return new Secret("env:" + name, new Lookup(Lookup.ENV, name, null, ""));
  }

  /** The prefix of a secret reference. */
  private static final String REFERENCE = "secret://";

  private static final int MAX_FILE_BYTES = 64 * 1024;

  /** Compiled on first use: only a {@code secret://} reference needs it (bench/notes.md). */
  private static final class Scheme {
    static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private Scheme() {}
  }

  /**
   * A secret named by a reference and resolved each time the value is needed, never before: {@code
   * secret://env/NAME} reads the environment variable {@code NAME}; {@code secret://file/PATH}
   * reads the file at the absolute path {@code /PATH} ({@code secret://file/run/secrets/openai}
   * reads {@code /run/secrets/openai}), trailing line breaks dropped, and refuses a file that group
   * or others may read or write where POSIX permissions exist; {@code secret://<scheme>/...} asks
   * the {@link SecretResolver} for that scheme found with {@link ServiceLoader}. {@link
   * #toString()} shows the reference, never the value.
   *
   * @param reference {@code secret://<scheme>/<rest>}, {@code <rest>} not empty
   * @return the secret
   * @throws IllegalArgumentException if the reference is not of that form; the message explains the
   *     form
   */
  public static Secret ofReference(String reference) {
    Objects.requireNonNull(reference, "reference");
    String trimmed = reference.trim();
    int slash = trimmed.indexOf('/', REFERENCE.length());
    String scheme =
        trimmed.startsWith(REFERENCE) && slash > REFERENCE.length()
            ? trimmed.substring(REFERENCE.length(), slash)
            : "";
    String rest = slash < 0 ? "" : trimmed.substring(slash + 1);
    if (!Scheme.PATTERN.matcher(scheme).matches() || rest.isBlank()) {
      throw new IllegalArgumentException(
          "a secret reference must look like secret://env/NAME, secret://file/PATH or"
              + " secret://<scheme>/<name> for an installed SecretResolver, but was '"
              + trimmed
              + "'");
    }
    switch (scheme) {
      case "env":
        return new Secret(trimmed, new Lookup(Lookup.ENV, rest, null, ""));
      case "file":
        return new Secret(trimmed, new Lookup(Lookup.FILE, trimmed, filePath(rest), ""));
      default:
        return new Secret(trimmed, new Lookup(Lookup.RESOLVER, trimmed, null, scheme));
    }
  }

  /**
   * Where a secret's value comes from, read at each use. A class, not a lambda per kind: profiles'
   * keys are made on the way to the first answer of {@code inference run}, where linking a lambda's
   * call site costs more than loading a class (bench/notes.md).
   */
  private static final class Lookup implements Supplier<@Nullable String> {
    static final int LITERAL = 0;
    static final int ENV = 1;
    static final int FILE = 2;
    static final int RESOLVER = 3;

    private final int kind;
    private final String text; // the value, the variable's name, or the reference
    private final @Nullable Path file;
    private final String scheme;

    Lookup(int kind, String text, @Nullable Path file, String scheme) {
      this.kind = kind;
      this.text = text;
      this.file = file;
      this.scheme = scheme;
    }

    @Override
    public @Nullable String get() {
      switch (kind) {
        case LITERAL:
          return text;
        case ENV:
          return System.getenv(text);
        case FILE:
          return readFile(text, Objects.requireNonNull(file));
        default:
          return resolve(text, scheme);
      }
    }
  }

  private static Path filePath(String rest) {
    // secret://file/C:/keys/openai on Windows; /C:/... is not a path there
    boolean drive =
        rest.length() >= 2 && Character.isLetter(rest.charAt(0)) && rest.charAt(1) == ':';
    return Path.of(drive ? rest : "/" + rest);
  }

  private static String readFile(String reference, Path file) {
    try {
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null) {
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        if (permissions.contains(PosixFilePermission.GROUP_READ)
            || permissions.contains(PosixFilePermission.GROUP_WRITE)
            || permissions.contains(PosixFilePermission.OTHERS_READ)
            || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new IllegalStateException(
              "secret "
                  + reference
                  + " is refused: the file "
                  + file
                  + " may be read or written by group or others; run chmod 600 "
                  + file);
        }
      }
      byte[] bytes;
      try (java.io.InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
      if (bytes.length > MAX_FILE_BYTES) {
        throw new IllegalStateException(
            "secret " + reference + " is refused: the file " + file + " is larger than 64 KiB");
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
      return text.substring(0, end);
    } catch (IOException unreadable) {
      throw new IllegalStateException(
          "secret "
              + reference
              + " could not be read: "
              + unreadable.getClass().getSimpleName()
              + " on "
              + file);
    }
  }

  private static String resolve(String reference, String scheme) {
    List<String> schemes = new ArrayList<>(List.of("env", "file"));
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      ServiceLoader<SecretResolver> resolvers =
          loader == null
              ? ServiceLoader.load(SecretResolver.class)
              : ServiceLoader.load(SecretResolver.class, loader);
      for (SecretResolver resolver : resolvers) {
        String name = resolver.scheme().toLowerCase(Locale.ROOT);
        if (name.equals(scheme)) {
          try {
            return resolver.resolve(reference);
          } catch (RuntimeException failed) {
            throw new IllegalStateException(
                "secret "
                    + reference
                    + " could not be resolved by "
                    + resolver.getClass().getName()
                    + ": "
                    + failed.getClass().getSimpleName(),
                failed);
          }
        }
        schemes.add(name);
      }
    } catch (ServiceConfigurationError broken) {
      throw new IllegalStateException(
          "secret " + reference + ": a SecretResolver could not be loaded: " + broken.getMessage(),
          broken);
    }
    throw new IllegalStateException(
        "secret "
            + reference
            + " names the scheme '"
            + scheme
            + "', but no SecretResolver handles it; installed schemes: "
            + String.join(", ", new TreeSet<>(schemes)));
  }

  /**
   * The credential, for the driver that sends it; never log or print it.
   *
   * @return the value, never {@code null}
   * @throws IllegalStateException if the value comes from an environment variable that is unset or
   *     blank, or from a reference that cannot be resolved; the message names the variable or the
   *     reference, never a value
   */
  public String reveal() {
    String revealed = value.get();
    if (revealed == null || revealed.isBlank()) {
      throw new IllegalStateException(
          "secret " + source + " has no value: set it before connecting");
    }
    return revealed;
  }

  /**
   * Where the value comes from ({@code literal}, {@code env:OPENAI_API_KEY}, {@code
   * secret://file/run/secrets/openai}); safe to show.
   *
   * @return the source, never the value
   */
  public String source() {
    return source;
  }

  /**
   * Redacted: shows where the value comes from, never the value.
   *
   * @return {@code Secret[<source>]}
   */
  @Override
  public String toString() {
    return "Secret[" + source + "]";
  }

  /**
   * A URL as text with any user info ({@code user:password@}) replaced by {@code ****}: the one
   * rule for every {@code describe()}, {@code toString()}, log line and message that shows an
   * endpoint. It works on the text, so it also masks what {@link java.net.URI#getRawUserInfo()}
   * misses (an authority that is not a server name).
   *
   * @param url a URL as text
   * @return the text with its user info masked, never {@code null}
   * @since 0.2
   */
  public static String redactUserInfo(String url) {
    return dev.inference.internal.UserInfo.redact(Objects.requireNonNull(url, "url"));
  }
}
