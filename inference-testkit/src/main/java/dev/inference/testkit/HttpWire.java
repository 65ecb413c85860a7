package dev.inference.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.inference.JsonValue;
import dev.inference.testkit.internal.RawServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The kit's wire over HTTP: stubs on the run's WireMock server, rendered by the driver's {@link
 * WireFixture}, and a {@link RawServer} for what WireMock cannot do (hold, reset).
 */
final class HttpWire implements KitWire {

  private final WireMockServer server;
  private final WireFixture fixture;
  private final Consumer<Scenario> unrenderable;

  /**
   * @param server the run's WireMock server
   * @param fixture the driver's fixture
   * @param unrenderable fails or skips the rule for a scenario the fixture cannot render; throws
   */
  HttpWire(WireMockServer server, WireFixture fixture, Consumer<Scenario> unrenderable) {
    this.server = server;
    this.fixture = fixture;
    this.unrenderable = unrenderable;
  }

  @Override
  public boolean http() {
    return true;
  }

  @Override
  public URI endpoint() {
    return at(server.port());
  }

  @Override
  public String endpointShown() {
    return "127.0.0.1:" + server.port();
  }

  @Override
  public Optional<URI> endpointAt(int port) {
    return Optional.of(at(port));
  }

  private static URI at(int port) {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public URI refusedEndpoint() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    return at(port);
  }

  @Override
  public void reset() {
    server.resetAll();
  }

  @Override
  public boolean renders(Scenario scenario) {
    return fixture.render(scenario).isPresent();
  }

  /** The fixture's rendering, or the kit's for the scenarios it plays itself. */
  ResponseDefinitionBuilder rendered(Scenario scenario) {
    if (scenario instanceof Scenario.Stall stall) {
      ResponseDefinitionBuilder answer = rendered(stall.answer());
      int millis = Math.toIntExact(stall.stall().toMillis());
      return stall.where() == Scenario.Stall.Where.BEFORE_HEADERS
          ? answer.withFixedDelay(millis)
          : answer.withChunkedDribbleDelay(2, 2 * millis);
    }
    if (scenario instanceof Scenario.MalformedBody malformed) {
      return aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(malformed.body());
    }
    if (scenario instanceof Scenario.HtmlErrorPage page) {
      return aResponse()
          .withStatus(page.status())
          .withHeader("Content-Type", "text/html")
          .withBody(
              "<html>\r\n<head><title>"
                  + page.status()
                  + " Bad Gateway</title></head>\r\n<body>\r\n<center><h1>"
                  + page.status()
                  + " Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }
    Optional<ResponseDefinitionBuilder> response = fixture.render(scenario);
    if (response.isEmpty()) {
      unrenderable.accept(scenario);
      throw new AssertionError("unreachable: " + scenario);
    }
    return response.get();
  }

  @Override
  public void stub(Scenario scenario) {
    server.stubFor(fixture.chatRequest().willReturn(rendered(scenario)));
  }

  @Override
  public void stubFor(String prompt, Scenario scenario) {
    server.stubFor(
        fixture.chatRequest().withRequestBody(containing(prompt)).willReturn(rendered(scenario)));
  }

  @Override
  public void stubSequence(Scenario first, Scenario then) {
    server.stubFor(
        fixture
            .chatRequest()
            .inScenario("sequence")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(rendered(first))
            .willSetStateTo("answered"));
    server.stubFor(
        fixture
            .chatRequest()
            .inScenario("sequence")
            .whenScenarioStateIs("answered")
            .willReturn(rendered(then)));
  }

  @Override
  public void stubSplit(Scenario scenario, int chunkBytes) {
    int length = body(scenario).length;
    int chunks = (length + chunkBytes - 1) / chunkBytes;
    server.stubFor(
        fixture.chatRequest().willReturn(rendered(scenario).withChunkedDribbleDelay(chunks, 150)));
  }

  @Override
  public boolean stubCutInsideFrame(Scenario.Truncated shorter, Scenario.Truncated longer) {
    byte[] before = body(shorter);
    byte[] more = body(longer);
    if (more.length <= before.length
        || !Arrays.equals(more, 0, before.length, before, 0, before.length)) {
      return false;
    }
    byte[] cut = Arrays.copyOf(more, before.length + (more.length - before.length) / 2);
    server.stubFor(fixture.chatRequest().willReturn(rendered(shorter).withBody(cut)));
    return true;
  }

  @Override
  public boolean cutsServed() {
    return true;
  }

  private byte[] body(Scenario scenario) {
    byte[] body = rendered(scenario).build().getByteBody();
    return body == null ? new byte[0] : body;
  }

  @Override
  public List<Fault> faults() {
    return List.of(Fault.values());
  }

  @Override
  public void stubFault(Fault fault) {
    server.stubFor(
        fixture
            .chatRequest()
            .willReturn(
                aResponse()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.valueOf(fault.name()))));
  }

  @Override
  public Held hold(Hold how) throws IOException {
    ResponseDefinitionBuilder response =
        how == Hold.NOTHING_THEN_HOLD
            ? rendered(new Scenario.Truncated(List.of("x"))).withBody(new byte[0])
            : rendered(new Scenario.Truncated(List.of("first")));
    RawServer raw =
        new RawServer(
            response.build(),
            how == Hold.FIRST_DELTA_THEN_RESET ? RawServer.Then.RESET : RawServer.Then.HOLD);
    return new Held() {
      @Override
      public URI endpoint() {
        return at(raw.port());
      }

      @Override
      public boolean clientConnected() {
        return raw.clientConnected();
      }

      @Override
      public boolean awaitClientGone(Duration wait) throws InterruptedException {
        return raw.awaitClientGone(wait);
      }

      @Override
      public void close() throws IOException {
        raw.close();
      }
    };
  }

  @Override
  public OptionalInt status(Scenario error) {
    return OptionalInt.of(rendered(error).build().getStatus());
  }

  @Override
  public int requestsSeen() {
    return server.getAllServeEvents().size();
  }

  @Override
  public JsonValue sentBody() {
    List<ServeEvent> events = server.getAllServeEvents();
    assertThat(events).as("requests the server saw").hasSize(1);
    return KitWire.parse(events.get(0).getRequest().getBodyAsString());
  }

  @Override
  public void close() {
    // the run's server outlives the test; the next test resets it
  }
}
