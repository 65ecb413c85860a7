package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The kit's wire over a raw socket: one {@link SocketServer} per test (loopback TCP, or a Unix
 * socket in a temporary folder), whose connections read frames until a call, answer it with the
 * {@link SocketWireFixture}'s bytes for that call, then end their side and wait for the driver to
 * close. One call per connection, as a daemon that closes a finished stream's connection.
 */
final class SocketWire implements KitWire {

  /** How one call is answered, on its connection; the connection is ended afterwards. */
  @FunctionalInterface
  private interface Plan {
    void answer(SocketServer.Connection connection, JsonValue request) throws IOException;
  }

  /** A stub: the calls it matches (by the request line) and how it answers them. */
  private record Stub(Predicate<String> matches, Plan plan) {}

  private static final Duration RESET_AFTER = Duration.ofMillis(150);
  private static final Duration SPLIT_SPREAD = Duration.ofMillis(150);

  /** Bytes that are no frame (no line end, not JSON), for the fault of random data. */
  private static final byte[] RANDOM_DATA = {
    (byte) 0xde, (byte) 0xad, 'x', 0x00, (byte) 0xff, '{', '"', (byte) 0xc3, '!', 0x7f, (byte) 0x80
  };

  private final SocketWireFixture fixture;
  private final Consumer<Scenario> unrenderable;
  private final @Nullable Path folder;
  private final SocketServer server;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<Stub> stubs = new CopyOnWriteArrayList<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile boolean cutsServed = true;

  /**
   * Starts the test's server.
   *
   * @param fixture the driver's fixture
   * @param unrenderable fails or skips the rule for a scenario the fixture cannot render; throws
   */
  SocketWire(SocketWireFixture fixture, Consumer<Scenario> unrenderable) {
    this.fixture = fixture;
    this.unrenderable = unrenderable;
    if (fixture.unixSocket()) {
      try {
        folder = Files.createTempDirectory("inference-testkit-");
      } catch (IOException failed) {
        throw new UncheckedIOException("cannot make a folder for the kit's Unix socket", failed);
      }
      server = SocketServer.unix(folder.resolve("kit.sock"), this::serve);
    } else {
      folder = null;
      server = SocketServer.tcp(this::serve);
    }
  }

  private void serve(SocketServer.Connection connection) throws IOException {
    for (String line = connection.readLine(); line != null; line = connection.readLine()) {
      JsonValue frame = frame(line);
      if (!fixture.isCall(frame)) {
        continue; // an authentication frame or a handshake: read, not answered
      }
      calls.add(line);
      Plan plan = (c, request) -> {}; // unstubbed: the connection ends without a byte
      for (int i = stubs.size() - 1; i >= 0; i--) {
        if (stubs.get(i).matches().test(line)) {
          plan = stubs.get(i).plan();
          break;
        }
      }
      plan.answer(connection, frame);
      try {
        connection.endOutput();
        connection.hold();
      } catch (IOException alreadyGone) {
        // the plan reset the connection, or the driver closed it first
      }
      return;
    }
  }

  private static JsonValue frame(String line) {
    try {
      return JsonValue.parse(line);
    } catch (IllegalArgumentException notJson) {
      return JsonValue.of(line);
    }
  }

  @Override
  public boolean http() {
    return false;
  }

  @Override
  public URI endpoint() {
    return URI.create(server.endpoint());
  }

  @Override
  public String endpointShown() {
    return server.path().map(Path::toString).orElseGet(() -> endpoint().getAuthority());
  }

  @Override
  public Optional<URI> endpointAt(int port) {
    return folder != null ? Optional.empty() : Optional.of(tcp(port));
  }

  private static URI tcp(int port) {
    return URI.create("tcp://127.0.0.1:" + port);
  }

  @Override
  public URI refusedEndpoint() throws IOException {
    if (folder == null) {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      return tcp(port);
    }
    // a socket file nobody listens on any more: connecting to it is refused
    Path stale = folder.resolve("refused.sock");
    try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.bind(UnixDomainSocketAddress.of(stale));
    }
    return URI.create("unix:" + stale);
  }

  @Override
  public void reset() {
    stubs.clear();
    calls.clear();
    cutsServed = true;
  }

  @Override
  public boolean renders(Scenario scenario) {
    return fixture.render(scenario).isPresent();
  }

  /** The fixture's reply; a scenario it cannot render fails or skips the rule here. */
  private SocketWireFixture.Reply rendered(Scenario scenario) {
    Optional<SocketWireFixture.Reply> reply = fixture.render(scenario);
    if (reply.isEmpty()) {
      unrenderable.accept(scenario);
      throw new AssertionError("unreachable: " + scenario);
    }
    return reply.get();
  }

  /** How a scenario is answered: the fixture's bytes, or for a stall the kit's timing of them. */
  private Plan plan(Scenario scenario) {
    if (scenario instanceof Scenario.Stall stall) {
      SocketWireFixture.Reply reply = rendered(stall.answer());
      return (connection, request) -> {
        byte[] bytes = reply.bytes(request);
        int first = stall.where() == Scenario.Stall.Where.BEFORE_HEADERS ? 0 : bytes.length / 2;
        connection.write(Arrays.copyOfRange(bytes, 0, first));
        pause(stall.stall());
        connection.write(Arrays.copyOfRange(bytes, first, bytes.length));
      };
    }
    SocketWireFixture.Reply reply = rendered(scenario);
    return (connection, request) -> connection.write(reply.bytes(request));
  }

  @Override
  public void stub(Scenario scenario) {
    stubs.add(new Stub(line -> true, plan(scenario)));
  }

  @Override
  public void stubFor(String prompt, Scenario scenario) {
    stubs.add(new Stub(line -> line.contains(prompt), plan(scenario)));
  }

  @Override
  public void stubSequence(Scenario first, Scenario then) {
    Plan firstPlan = plan(first);
    Plan thenPlan = plan(then);
    AtomicInteger served = new AtomicInteger();
    stubs.add(
        new Stub(
            line -> true,
            (connection, request) ->
                (served.getAndIncrement() == 0 ? firstPlan : thenPlan)
                    .answer(connection, request)));
  }

  @Override
  public void stubSplit(Scenario scenario, int chunkBytes) {
    SocketWireFixture.Reply reply = rendered(scenario);
    stubs.add(
        new Stub(
            line -> true,
            (connection, request) -> {
              byte[] bytes = reply.bytes(request);
              int chunks = (bytes.length + chunkBytes - 1) / chunkBytes;
              Duration gap = SPLIT_SPREAD.dividedBy(Math.max(1, chunks));
              for (int at = 0; at < bytes.length; at += chunkBytes) {
                connection.write(
                    Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunkBytes)));
                pause(gap);
              }
            }));
  }

  @Override
  public boolean stubCutInsideFrame(Scenario.Truncated shorter, Scenario.Truncated longer) {
    SocketWireFixture.Reply whole = rendered(shorter);
    SocketWireFixture.Reply more = rendered(longer);
    stubs.add(
        new Stub(
            line -> true,
            (connection, request) -> {
              byte[] before = whole.bytes(request);
              byte[] after = more.bytes(request);
              if (after.length <= before.length
                  || !Arrays.equals(after, 0, before.length, before, 0, before.length)) {
                cutsServed = false;
                connection.write(before);
                return;
              }
              connection.write(
                  Arrays.copyOf(after, before.length + (after.length - before.length) / 2));
            }));
    return true; // known only per call, from its request: see cutsServed()
  }

  @Override
  public boolean cutsServed() {
    return cutsServed;
  }

  @Override
  public List<Fault> faults() {
    return List.of(
        Fault.EMPTY_RESPONSE, Fault.RANDOM_DATA_THEN_CLOSE, Fault.CONNECTION_RESET_BY_PEER);
  }

  @Override
  public void stubFault(Fault fault) {
    Plan plan =
        switch (fault) {
          case EMPTY_RESPONSE -> (connection, request) -> {};
          case RANDOM_DATA_THEN_CLOSE -> (connection, request) -> connection.write(RANDOM_DATA);
          case CONNECTION_RESET_BY_PEER -> (connection, request) -> connection.reset();
          case MALFORMED_RESPONSE_CHUNK ->
              throw new IllegalArgumentException("a socket has no chunked encoding: " + fault);
        };
    stubs.add(new Stub(line -> true, plan));
  }

  @Override
  public Held hold(Hold how) {
    SocketWireFixture.Reply first =
        how == Hold.NOTHING_THEN_HOLD
            ? request -> new byte[0]
            : rendered(new Scenario.Truncated(List.of("first")));
    CountDownLatch gone = new CountDownLatch(1);
    Stub stub =
        new Stub(
            line -> true,
            (connection, request) -> {
              try {
                connection.write(first.bytes(request));
                if (how == Hold.FIRST_DELTA_THEN_RESET) {
                  // the provider dies a moment after the first frame, as RawServer's does
                  pause(RESET_AFTER);
                  connection.reset();
                } else {
                  connection.hold();
                }
              } finally {
                gone.countDown();
              }
            });
    stubs.add(stub);
    return new Held() {
      @Override
      public URI endpoint() {
        return SocketWire.this.endpoint();
      }

      @Override
      public boolean clientConnected() {
        return gone.getCount() > 0;
      }

      @Override
      public boolean awaitClientGone(Duration wait) throws InterruptedException {
        return gone.await(wait.toNanos(), TimeUnit.NANOSECONDS);
      }

      @Override
      public void close() {
        stubs.remove(stub);
      }
    };
  }

  @Override
  public OptionalInt status(Scenario error) {
    return OptionalInt.empty();
  }

  @Override
  public int requestsSeen() {
    return calls.size();
  }

  @Override
  public JsonValue sentBody() {
    assertThat(calls).as("requests the server saw").hasSize(1);
    return KitWire.parse(calls.get(0));
  }

  /** Holds back, as a provider does; ends early when the test is over. */
  private void pause(Duration wait) {
    try {
      closing.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.close();
    if (folder != null) {
      try (var left = Files.list(folder)) {
        for (Path path : left.toList()) {
          Files.deleteIfExists(path);
        }
        Files.deleteIfExists(folder);
      } catch (IOException ignored) {
        // a temporary folder; the system cleans it up
      }
    }
  }

  @Override
  public String toString() {
    return "SocketWire{" + server + ", " + calls.size() + " calls}";
  }
}
