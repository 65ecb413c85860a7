package dev.inference.spi;

import dev.inference.Secret;

/**
 * Resolves {@code secret://<scheme>/...} references (see {@link Secret#ofReference(String)}) for a
 * vault or secret manager; found with {@link java.util.ServiceLoader}: register the implementation
 * in {@code META-INF/services/dev.inference.spi.SecretResolver} or with {@code provides
 * dev.inference.spi.SecretResolver with ...} in {@code module-info.java}.
 *
 * <p>A reference is resolved each time the credential is needed (when a call is about to be sent),
 * never when a config is loaded, so a rotated secret is picked up; a resolver that talks to a
 * remote service should cache. Implementations must be thread-safe and must never log or put the
 * value in an exception message. The schemes {@code env} and {@code file} are built in and cannot
 * be replaced.
 *
 * @since 0.1
 */
public interface SecretResolver {

  /**
   * The scheme this resolver handles: {@code vault} for {@code secret://vault/...}.
   *
   * @return lower-case letters, digits, {@code -}, {@code _} or {@code .}; never {@code null}
   */
  String scheme();

  /**
   * The credential a reference names.
   *
   * @param reference the whole reference, {@code secret://<scheme>/<rest>}
   * @return the value, never {@code null}; blank means "not set"
   * @throws RuntimeException when the secret cannot be read; the message must not contain the value
   */
  String resolve(String reference);
}
