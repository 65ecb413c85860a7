package dev.inference.kit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces secret values (API keys, tokens) in text that may reach a message or a log with {@code
 * "****"}. Servers echo keys in error messages, so every provider text passes through one of these
 * before it is shown. Secrets shorter than 4 characters are ignored: replacing them would mangle
 * ordinary text without protecting anything. Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class Redactor {

  /** Replaces nothing. */
  public static final Redactor NONE = new Redactor(List.of());

  private static final String MASK = "****";
  private static final int MIN_SECRET_LENGTH = 4;

  /** Longest first, so a secret that contains another is replaced whole. */
  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /**
   * A redactor for the given secret values.
   *
   * @param secrets the values to hide; those shorter than 4 characters are ignored
   * @return the redactor
   */
  public static Redactor of(Collection<String> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    // a loop, not a stream: every call makes one, and the first stream with distinct() and
    // sorted() costs a cold JVM milliseconds of lambda and pipeline set-up
    List<String> kept = new ArrayList<>(secrets.size());
    for (String secret : secrets) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() >= MIN_SECRET_LENGTH && !kept.contains(secret)) {
        kept.add(secret);
      }
    }
    if (kept.isEmpty()) {
      return NONE;
    }
    if (kept.size() > 1) {
      kept.sort(Comparator.comparingInt(String::length).reversed()); // stable: ties keep order
    }
    return new Redactor(List.copyOf(kept));
  }

  /**
   * The text with every occurrence of every secret replaced by {@code "****"}.
   *
   * @param text the text
   * @return the redacted text, never {@code null}
   */
  public String redact(String text) {
    Objects.requireNonNull(text, "text");
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " secrets]";
  }

  /**
   * The URL as text with any user info ({@code user:password@}) replaced by {@code ****}, for
   * {@code describe()}, {@code toString()}, log lines and messages. Works on the text rather than
   * on {@link java.net.URI#getRawUserInfo()}, which is {@code null} when the authority is not a
   * server name (a Docker service name) although the text may still hold a secret.
   *
   * @param url the URL
   * @return the text, never {@code null}
   */
  public static String url(java.net.URI url) {
    return dev.inference.Secret.redactUserInfo(url.toString());
  }

  /** Header names whose values are credentials. */
  private static final java.util.Set<String> SENSITIVE_HEADERS =
      java.util.Set.of(
          "authorization",
          "proxy-authorization",
          "api-key",
          "x-api-key",
          "cookie",
          "set-cookie",
          "x-goog-api-key");

  /**
   * Headers for a log line: the values of credential headers ({@code Authorization}, {@code
   * x-api-key}, ...) are replaced by {@code ****}, and every other value is redacted, so a key in a
   * header the library does not know by name (a provider's own {@code x-acme-key}) is hidden too.
   *
   * @param headers header names and values
   * @return a {@code {name=[value]}} rendering safe to log
   */
  public String headers(java.util.Map<String, java.util.List<String>> headers) {
    java.util.Map<String, Object> shown = new java.util.TreeMap<>();
    headers.forEach(
        (name, values) ->
            shown.put(
                name,
                SENSITIVE_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))
                    ? java.util.List.of(MASK)
                    : values.stream().map(this::redact).toList()));
    return shown.toString();
  }
}
