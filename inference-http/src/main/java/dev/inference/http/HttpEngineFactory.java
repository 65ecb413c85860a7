package dev.inference.http;

/**
 * Makes the {@link HttpEngine} of one client (experimental); found with {@link
 * java.util.ServiceLoader} and chosen by its {@link #name()} in the profile's {@link
 * HttpTransport#HTTP_CLIENT} key. The built-in {@code jdk} engine is not one of these.
 *
 * @since 0.2
 */
public interface HttpEngineFactory {

  /**
   * The name a profile chooses this engine by, such as {@code apache}; unique, lower case.
   *
   * @return the name, never {@code null}
   */
  String name();

  /**
   * A new engine for one client.
   *
   * @param settings the connect timeout, TLS trust and threads of the client
   * @return the engine, never {@code null}
   */
  HttpEngine create(HttpEngineSettings settings);
}
