package dev.inference.http.apache;

import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineFactory;
import dev.inference.http.HttpEngineSettings;

/**
 * The engine {@code apache}: Apache HttpClient 5 classic, blocking I/O on the caller's thread
 * (experimental). A profile chooses it with {@code http_client = "apache"}; {@link
 * java.util.ServiceLoader} finds this factory when the module is on the class or module path.
 *
 * @since 0.2
 */
public final class ApacheHttpEngineFactory implements HttpEngineFactory {

  /** The name a profile chooses this engine by: {@code apache}. */
  public static final String NAME = "apache";

  /** The factory, as {@link java.util.ServiceLoader} makes it. */
  public ApacheHttpEngineFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public HttpEngine create(HttpEngineSettings settings) {
    return new ApacheHttpEngine(settings);
  }
}
