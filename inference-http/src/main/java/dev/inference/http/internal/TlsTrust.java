package dev.inference.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The client's {@link SSLContext} when it is not the JDK default one. */
final class TlsTrust {

  private TlsTrust() {}

  /**
   * Loads the certificates and builds the context.
   *
   * @throws IllegalArgumentException if the file cannot be read or holds no certificate; the
   *     message names the file and {@code tls_ca_file}
   */
  static SSLContext trusting(Path caFile) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException unreadable) {
      throw new IllegalArgumentException(
          "tls_ca_file " + caFile + " could not be read as PEM certificates: " + unreadable,
          unreadable);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(
          "tls_ca_file " + caFile + " holds no certificate; it must be a PEM file");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException failed) {
      throw new IllegalArgumentException(
          "tls_ca_file " + caFile + " could not be used: " + failed, failed);
    }
  }
}
