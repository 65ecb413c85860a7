package dev.inference.kit;

import dev.inference.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Redactor} of a client whose key may change while it runs (a key read from an
 * environment variable or a secret reference at each call): {@link #current()} reveals the key
 * again and rebuilds the redactor only when the key changed. A key that cannot be revealed (its
 * variable unset) hides nothing but the fixed secrets, and never throws here: the call that needs
 * the key reports it.
 *
 * <p>Thread-safe.
 *
 * @since 0.2
 */
public final class SecretRedactor {

  private final Optional<Secret> key;
  private final List<String> fixed;
  private volatile @Nullable Cached last;

  /**
   * Follows {@code key}, and always hides {@code fixed}.
   *
   * @param key the profile's key, if any
   * @param fixed secrets that never change (a base URL's password), possibly none
   */
  public SecretRedactor(Optional<Secret> key, Collection<String> fixed) {
    this.key = Objects.requireNonNull(key, "key");
    this.fixed = List.copyOf(fixed);
  }

  /**
   * The redactor for the key as it is now.
   *
   * @return the redactor, {@link Redactor#NONE} when there is nothing to hide
   */
  public Redactor current() {
    String now = "";
    if (key.isPresent()) {
      try {
        now = key.get().reveal();
      } catch (IllegalStateException unset) {
        now = "";
      }
    }
    if (now.isEmpty() && fixed.isEmpty()) {
      return Redactor.NONE;
    }
    Cached cached = last;
    if (cached == null || !cached.key.equals(now)) {
      List<String> secrets = new ArrayList<>(fixed);
      secrets.add(now);
      cached = new Cached(now, Redactor.of(secrets));
      last = cached;
    }
    return cached.redactor;
  }

  @Override
  public String toString() {
    return "SecretRedactor[****]";
  }

  private static final class Cached {
    final String key;
    final Redactor redactor;

    Cached(String key, Redactor redactor) {
      this.key = key;
      this.redactor = redactor;
    }
  }
}
