package dev.inference.benchmarks.contenders;

import dev.inference.benchmarks.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * {@code raw-openai} over Apache HttpClient 5 classic (blocking I/O on the caller's thread). The
 * pool allows 256 connections to the stub (the default, 5 a route, would queue 16 threads).
 */
final class RawOpenAiApache extends RawOnCallerThread {

  private final CloseableHttpClient http =
      HttpClients.custom()
          .setConnectionManager(
              PoolingHttpClientConnectionManagerBuilder.create()
                  .setMaxConnPerRoute(256)
                  .setMaxConnTotal(256)
                  .build())
          .disableAutomaticRetries()
          .disableRedirectHandling()
          .disableCookieManagement()
          .build();

  RawOpenAiApache(URI endpoint) {
    super(endpoint);
  }

  private ClassicHttpResponse execute(byte[] body) throws IOException {
    HttpPost post = new HttpPost(endpoint);
    post.setHeader("Authorization", "Bearer " + Fixtures.API_KEY);
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    ClassicHttpResponse response = http.executeOpen(null, post, null);
    if (response.getCode() != 200) {
      response.close();
      throw new IllegalStateException("HTTP " + response.getCode());
    }
    return response;
  }

  @Override
  byte[] post(byte[] body) throws IOException {
    try (ClassicHttpResponse response = execute(body)) {
      return EntityUtils.toByteArray(response.getEntity());
    }
  }

  @Override
  InputStream postStreamed(byte[] body) throws IOException {
    return execute(body).getEntity().getContent();
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }
}
