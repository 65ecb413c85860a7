package dev.inference.testkit;

import dev.inference.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kit's side of the wire, as the rules use it, whatever the transport: what the server answers
 * (a scenario for every call or for the calls holding a prompt, a sequence for retries, the
 * transport's faults, connections that hold), what it saw (requests, the sent request as JSON) and
 * where the driver points (the endpoint). {@link HttpWire} plays it on the kit's WireMock server
 * and raw HTTP sockets; {@link SocketWire} on the kit's {@link SocketServer}.
 */
interface KitWire {

  /** The faults of rule 14.6, named as WireMock names them; not every transport has all. */
  enum Fault {
    /** The connection ends before any byte of the answer. */
    EMPTY_RESPONSE,
    /** HTTP only: a chunk of the chunked body that is not a chunk. */
    MALFORMED_RESPONSE_CHUNK,
    /** Bytes that are not the protocol, then the end of the connection. */
    RANDOM_DATA_THEN_CLOSE,
    /** The connection is reset (TCP RST) after the request. */
    CONNECTION_RESET_BY_PEER
  }

  /** What a {@link Held} connection sends before it holds or resets. */
  enum Hold {
    /** The first delta of a stream, then the connection stays open. */
    FIRST_DELTA_THEN_HOLD,
    /** The first delta of a stream, then a moment later a reset. */
    FIRST_DELTA_THEN_RESET,
    /** HTTP: the status and headers of a stream; sockets: nothing at all. Then it stays open. */
    NOTHING_THEN_HOLD
  }

  /** A call served by a connection that holds or resets, and what the server saw of its client. */
  interface Held extends AutoCloseable {
    /**
     * Where the driver connects for it.
     *
     * @return the endpoint, for {@code KitContext.client(URI, ...)}
     */
    URI endpoint();

    /**
     * Whether the client is still connected, as far as the server has seen.
     *
     * @return true until the server saw the connection end
     */
    boolean clientConnected();

    /**
     * Waits until the client closed the connection.
     *
     * @param wait the longest wait
     * @return whether it did within the wait
     * @throws InterruptedException if interrupted
     */
    boolean awaitClientGone(Duration wait) throws InterruptedException;

    @Override
    void close() throws IOException;
  }

  /**
   * Whether this is the HTTP transport (WireMock); the socket transport skips what needs HTTP.
   *
   * @return true for HTTP
   */
  boolean http();

  /**
   * The kit's server as the driver's profile names it.
   *
   * @return {@code http://127.0.0.1:PORT/}, {@code tcp://127.0.0.1:PORT} or {@code unix:/path}
   */
  URI endpoint();

  /**
   * What {@code describe().endpoint()} must contain to name the kit's server.
   *
   * @return {@code 127.0.0.1:PORT}, or the socket's path
   */
  String endpointShown();

  /**
   * The endpoint of this transport at a loopback TCP port, for a listener the rule made.
   *
   * @param port the port
   * @return the endpoint, or empty when the transport is not TCP (a Unix socket)
   */
  Optional<URI> endpointAt(int port);

  /**
   * An endpoint where nothing listens.
   *
   * @return the endpoint
   * @throws IOException if no free port can be found
   */
  URI refusedEndpoint() throws IOException;

  /** Forgets every stub and every request seen. */
  void reset();

  /**
   * Whether the fixture renders the scenario on this transport (the kit's own scenarios aside).
   *
   * @param scenario the scenario
   * @return true when the fixture renders it
   */
  boolean renders(Scenario scenario);

  /**
   * Answers every call with the scenario; a scenario the fixture cannot render fails or skips the
   * rule.
   *
   * @param scenario the answer
   */
  void stub(Scenario scenario);

  /**
   * Answers the calls whose request holds {@code prompt} with the scenario.
   *
   * @param prompt text the request must contain
   * @param scenario the answer
   */
  void stubFor(String prompt, Scenario scenario);

  /**
   * Answers the first call with {@code first} and every later one with {@code then}.
   *
   * @param first the first answer
   * @param then the later answers
   */
  void stubSequence(Scenario first, Scenario then);

  /**
   * Answers every call with the scenario's bytes in pieces of {@code chunkBytes}, a moment apart.
   *
   * @param scenario the answer
   * @param chunkBytes the size of each piece
   */
  void stubSplit(Scenario scenario, int chunkBytes);

  /**
   * Answers every call with {@code longer}'s bytes cut halfway through what it has more than {@code
   * shorter}: inside the frame of its extra delta.
   *
   * @param shorter the stream with the whole frames
   * @param longer the same stream with one more delta
   * @return false when the kit can tell now that {@code longer} does not extend {@code shorter}
   */
  boolean stubCutInsideFrame(Scenario.Truncated shorter, Scenario.Truncated longer);

  /**
   * Whether every cut served since {@link #stubCutInsideFrame} could be made ({@code longer}
   * extended {@code shorter} for the request at hand).
   *
   * @return false when a call got the shorter stream uncut instead
   */
  boolean cutsServed();

  /**
   * The faults this transport can play, for rule 14.6.
   *
   * @return the faults
   */
  List<Fault> faults();

  /**
   * Answers every call with a fault.
   *
   * @param fault the fault, one of {@link #faults()}
   */
  void stubFault(Fault fault);

  /**
   * Serves the next calls on a connection that holds or resets.
   *
   * @param how what it sends first and what it does then
   * @return the connection's view; close it when the rule is done
   * @throws IOException if the server cannot start
   */
  Held hold(Hold how) throws IOException;

  /**
   * The HTTP status an error scenario is rendered with.
   *
   * @param error the scenario
   * @return the status, or empty on a transport without statuses
   */
  OptionalInt status(Scenario error);

  /**
   * How many calls reached the server since the last reset.
   *
   * @return the count
   */
  int requestsSeen();

  /**
   * The one request the server saw since the last reset, parsed: the HTTP body or the request
   * frame.
   *
   * @return the request
   * @throws AssertionError when the server saw not exactly one, or it is not JSON
   */
  JsonValue sentBody();

  /** Stops what the wire started for the test. Idempotent. */
  void close();

  /** Reads a request as JSON, failing the rule with the text when it is not. */
  static JsonValue parse(String body) {
    try {
      return JsonValue.parse(body);
    } catch (IllegalArgumentException notJson) {
      throw new AssertionError("the request body is not JSON: " + body, notJson);
    }
  }
}
