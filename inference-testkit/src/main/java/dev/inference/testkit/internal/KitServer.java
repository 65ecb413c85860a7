package dev.inference.testkit.internal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every kit test the one WireMock server of the run: started on first use on a free loopback
 * port, stopped when the run ends. Starting a server per test would cost more than the rules.
 */
public final class KitServer implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KitServer.class);

  /** For JUnit. */
  public KitServer() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == WireMockServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", key -> new Running(), Running.class)
        .server;
  }

  /** Stops the server when the root context closes (JUnit closes AutoCloseable store values). */
  static final class Running implements AutoCloseable {
    final WireMockServer server =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(64)
                .jettyStopTimeout(100L));

    Running() {
      server.start();
    }

    @Override
    public void close() {
      server.stop();
    }
  }
}
