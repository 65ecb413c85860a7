package dev.inference.testkit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import dev.inference.InferenceClient;
import java.util.Objects;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A WireMock server on a free loopback port with a driver's client connected to it for each test:
 * the shape of a driver's own wire tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DriverServer server = DriverServer.connecting(AcmeTestSupport::client);
 *
 * @Test
 * void answers() {
 *   server.stubFor(post("/v1/generate").willReturn(okJson("{\"output\":\"Hi\"}")));
 *   assertThat(server.client().infer(request).text()).isEqualTo("Hi");
 * }
 * }</pre>
 *
 * <p>Before each test, after the server has been reset, the function is given the server's port and
 * its client becomes {@link #client()}, so a test's own {@code @BeforeEach} methods can use it;
 * after each test, after the test's {@code @AfterEach} methods, the client is closed, whether the
 * test passed or not. Everything else is {@link WireMockExtension}'s: register it as a {@code
 * static} field so that one server serves the whole class. Tests of one class must not run
 * concurrently.
 *
 * @since 0.1
 */
public final class DriverServer extends WireMockExtension {

  private final IntFunction<? extends InferenceClient> connect;
  private volatile @Nullable InferenceClient client;

  private DriverServer(IntFunction<? extends InferenceClient> connect) {
    super(
        WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")));
    this.connect = connect;
  }

  /**
   * A server whose tests each get a client from {@code connect}, given the server's HTTP port.
   *
   * @param connect connects a client to {@code http://127.0.0.1:<port>}, for example {@code port ->
   *     Inference.connect(settings(port).build())}; it must not return {@code null}
   * @return the extension, to be registered with {@code @RegisterExtension}
   */
  public static DriverServer connecting(IntFunction<? extends InferenceClient> connect) {
    return new DriverServer(Objects.requireNonNull(connect, "connect"));
  }

  /**
   * The client of the running test, connected to this server.
   *
   * @return the client, never {@code null}
   * @throws IllegalStateException outside a test
   */
  public InferenceClient client() {
    InferenceClient current = client;
    if (current == null) {
      throw new IllegalStateException(
          "no client: DriverServer connects one before each test and closes it after");
    }
    return current;
  }

  @Override
  protected void onBeforeEach(WireMockRuntimeInfo runtime) {
    client =
        Objects.requireNonNull(
            connect.apply(runtime.getHttpPort()), "the connect function returned null");
  }

  @Override
  protected void onAfterEach(WireMockRuntimeInfo runtime) {
    InferenceClient current = client;
    client = null;
    if (current != null) {
      current.close();
    }
  }
}
