package dev.inference.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class TlsTrustTest {

  @Test
  void theContextOfAPlainHttpClientTrustsNoCertificate() {
    SSLContext context = TlsTrust.trustingNothing();
    assertThat(context.getProtocol()).isEqualTo("TLS");
    TlsTrust.NoTrust trust = new TlsTrust.NoTrust();
    assertThat(trust.getAcceptedIssuers()).isEmpty();
    assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[0], "RSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("plain http://");
    assertThatThrownBy(
            () -> trust.checkServerTrusted(new X509Certificate[0], "RSA", (java.net.Socket) null))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(
            () ->
                trust.checkServerTrusted(
                    new X509Certificate[0], "RSA", (javax.net.ssl.SSLEngine) null))
        .isInstanceOf(CertificateException.class);
  }
}
