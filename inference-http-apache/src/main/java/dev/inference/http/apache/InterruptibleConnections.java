package dev.inference.http.apache;

import java.nio.channels.SocketChannel;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;

/**
 * A connection pool whose sockets are {@link SocketChannel}s seen through their socket adaptor: a
 * read, write or connect blocked on one ends when its thread is interrupted (the channel is closed,
 * {@link java.nio.channels.ClosedByInterruptException}), as the kit's pipeline expects of a
 * transport. A plain {@link java.net.Socket}'s streams ignore interrupts.
 */
final class InterruptibleConnections extends PoolingHttpClientConnectionManagerBuilder {

  @Override
  protected HttpClientConnectionOperator createConnectionOperator(
      SchemePortResolver schemePortResolver, DnsResolver dnsResolver, TlsSocketStrategy tls) {
    return new DefaultHttpClientConnectionOperator(
        proxy -> SocketChannel.open().socket(),
        schemePortResolver,
        dnsResolver,
        RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build());
  }
}
