package dev.inference.http.internal;

import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineRequest;
import java.io.IOException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An engine made on its first request. A client that is only asked to describe itself (the stdio
 * protocol's {@code describe}, a health page, a bean that is never called) never sets up a
 * connection pool, a selector thread or a TLS context, which are most of a client's start-up.
 */
final class LazyHttpEngine implements HttpEngine {

  private final Supplier<HttpEngine> factory;
  private volatile @Nullable HttpEngine engine;
  private boolean closed;

  LazyHttpEngine(Supplier<HttpEngine> factory) {
    this.factory = factory;
  }

  @Override
  public Exchange send(HttpEngineRequest request) throws IOException, InterruptedException {
    HttpEngine made = engine;
    if (made == null) {
      made = make();
    }
    return made.send(request);
  }

  private synchronized HttpEngine make() throws IOException {
    HttpEngine made = engine;
    if (made == null) {
      if (closed) {
        throw new IOException("the client is closed");
      }
      made = factory.get();
      engine = made;
    }
    return made;
  }

  @Override
  public synchronized void close() {
    closed = true;
    HttpEngine made = engine;
    if (made != null) {
      made.close();
    }
  }
}
