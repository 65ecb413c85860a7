package dev.inference;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a client protects the API key in transit: whether it may go over plain {@code http://} to a
 * host that is not loopback, and which CA certificates to trust for {@code https://}. Immutable;
 * change one with a {@code with...} method.
 *
 * <pre>{@code
 * Tls tls = Tls.defaults().withCaFile(Path.of("/etc/ssl/private-ca.pem"));
 * }</pre>
 *
 * @since 0.2
 */
public final class Tls {

  private static final Tls DEFAULTS = new Tls(false, null);

  private final boolean allowInsecureHttp;
  private final @Nullable Path caFile;

  private Tls(boolean allowInsecureHttp, @Nullable Path caFile) {
    this.allowInsecureHttp = allowInsecureHttp;
    this.caFile = caFile;
  }

  /**
   * The defaults: no key over plain {@code http://} to a host that is not loopback, and the JDK's
   * trust store.
   *
   * @return the defaults, never {@code null}
   * @since 0.2
   */
  public static Tls defaults() {
    return DEFAULTS;
  }

  /**
   * Whether the API key may be sent over plain {@code http://} to a host that is not loopback
   * ({@code allow_insecure_http}). Off by default: such a call fails before any byte is sent,
   * because anyone on the network path could read the key.
   *
   * @return {@code true} only when explicitly allowed
   * @since 0.2
   */
  public boolean allowInsecureHttp() {
    return allowInsecureHttp;
  }

  /**
   * A PEM file of CA certificates to trust for {@code https://} instead of the JDK's trust store
   * ({@code tls_ca_file}), for servers with a private CA or a self-signed certificate.
   *
   * @return the file, or empty for the JDK's default trust
   * @since 0.2
   */
  public Optional<Path> caFile() {
    return Optional.ofNullable(caFile);
  }

  /**
   * A copy that allows, or refuses, the API key over plain {@code http://} to a host that is not
   * loopback; allow it only for a network you trust (a private network, a service mesh that
   * encrypts for you).
   *
   * @param allowInsecureHttp {@code true} to allow it; {@code false}, the default, to refuse
   * @return the copy
   * @since 0.2
   */
  public Tls withAllowInsecureHttp(boolean allowInsecureHttp) {
    return new Tls(allowInsecureHttp, caFile);
  }

  /**
   * A copy that trusts the CA certificates in a PEM file for {@code https://}, instead of the JDK's
   * trust store. The file is read when the client is created.
   *
   * @param caFile a PEM file holding one or more certificates
   * @return the copy
   * @since 0.2
   */
  public Tls withCaFile(Path caFile) {
    return new Tls(allowInsecureHttp, Objects.requireNonNull(caFile, "caFile"));
  }

  /**
   * A copy that trusts the JDK's trust store again.
   *
   * @return the copy
   * @since 0.2
   */
  public Tls withoutCaFile() {
    return new Tls(allowInsecureHttp, null);
  }

  /**
   * Equal when both values are equal.
   *
   * @param other the other object
   * @return whether it holds the same values
   * @since 0.2
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Tls that
        && allowInsecureHttp == that.allowInsecureHttp
        && Objects.equals(caFile, that.caFile);
  }

  /**
   * A hash of both values.
   *
   * @return the hash
   * @since 0.2
   */
  @Override
  public int hashCode() {
    return Objects.hash(allowInsecureHttp, caFile);
  }

  /**
   * Shows both values.
   *
   * @return {@code Tls{allowInsecureHttp=false, caFile=default}}
   * @since 0.2
   */
  @Override
  public String toString() {
    return "Tls{allowInsecureHttp="
        + allowInsecureHttp
        + ", caFile="
        + (caFile == null ? "default" : caFile.toString())
        + '}';
  }
}
