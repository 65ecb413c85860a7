package dev.inference.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.ProviderSettings;
import dev.inference.spi.DriverContext;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Run by {@link DriverServerTest}: three tests on one {@link DriverServer} of {@link ToolDriver}
 * clients, which it records; the third fails on purpose.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriverServerTestCase {

  /** Every client the server connected, in order, with the port it was given. */
  static final List<Connected> CONNECTED = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static final DriverServer server =
      DriverServer.connecting(
          port -> {
            Connected client =
                new Connected(
                    port,
                    new ToolDriver()
                        .create(
                            ProviderSettings.builder(ToolDriver.ID)
                                .model("tool-1")
                                .baseUrl(URI.create("http://127.0.0.1:" + port + "/v1/tool"))
                                .build(),
                            DriverContext.defaults()));
            CONNECTED.add(client);
            return client;
          });

  /** Whether the client was open in the test's own {@code @BeforeEach} and {@code @AfterEach}. */
  static final List<Boolean> OPEN_IN_CALLBACKS = new CopyOnWriteArrayList<>();

  @BeforeEach
  void stub() {
    OPEN_IN_CALLBACKS.add(!((Connected) server.client()).closed);
    server.stubFor(post("/v1/tool").willReturn(okJson("{\"text\":\"Hi\",\"stop\":\"stop\"}")));
  }

  @AfterEach
  void check() {
    OPEN_IN_CALLBACKS.add(!((Connected) server.client()).closed);
  }

  @Test
  @Order(1)
  void first() {
    assertAnswers();
  }

  @Test
  @Order(2)
  void second() {
    assertAnswers();
  }

  @Test
  @Order(3)
  void failing() {
    assertAnswers();
    throw new AssertionError("on purpose");
  }

  private static void assertAnswers() {
    assertThat(server.client()).isSameAs(CONNECTED.get(CONNECTED.size() - 1));
    assertThat(CONNECTED.get(CONNECTED.size() - 1).port).isEqualTo(server.getPort());
    assertThat(server.client().infer(InferenceRequest.of("Hello?")).text()).isEqualTo("Hi");
    assertThat(server.getAllServeEvents()).as("the server was reset before the test").hasSize(1);
  }

  /** A client that remembers its port and whether it was closed. */
  static final class Connected extends BrokenDrivers.Forwarding {
    final int port;
    volatile boolean closed;

    Connected(int port, InferenceClient real) {
      super(real);
      this.port = port;
    }

    @Override
    public void close() {
      closed = true;
      super.close();
    }
  }
}
