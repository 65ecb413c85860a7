package dev.inference.http.internal;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The {@link SSLContext} of a client whose endpoint is plain {@code http://}: it has no TLS at all.
 * An HTTP client needs some context when it is built, and any real one sets up the JDK's TLS
 * provider (its cipher suites, key and random-number providers), about a hundred milliseconds of a
 * cold start's first call, for TLS the client never uses: redirects are never followed, so it only
 * ever connects to its own plain endpoint. Anything that tries a handshake with it fails at once
 * and says why.
 */
final class NoTls extends SSLContextSpi {

  private static final String REFUSED =
      "this client was built for a plain http:// endpoint and has no TLS";

  private NoTls() {}

  /** A context without TLS; holding it costs nothing. */
  static SSLContext context() {
    return new SSLContext(new NoTls(), null, "none") {};
  }

  private static UnsupportedOperationException refused() {
    return new UnsupportedOperationException(REFUSED);
  }

  @Override
  protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
      throws KeyManagementException {
    throw new KeyManagementException(REFUSED);
  }

  @Override
  protected SSLSocketFactory engineGetSocketFactory() {
    throw refused();
  }

  @Override
  protected SSLServerSocketFactory engineGetServerSocketFactory() {
    throw refused();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine() {
    throw refused();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine(String host, int port) {
    throw refused();
  }

  @Override
  protected SSLSessionContext engineGetServerSessionContext() {
    throw refused();
  }

  @Override
  protected SSLSessionContext engineGetClientSessionContext() {
    throw refused();
  }

  @Override
  protected SSLParameters engineGetDefaultSSLParameters() {
    return new SSLParameters();
  }

  @Override
  protected SSLParameters engineGetSupportedSSLParameters() {
    return new SSLParameters();
  }
}
