package dev.inference.inferd.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens blocking {@link SocketChannel}s to the daemon (interruptible: an interrupt of the caller's
 * thread closes the channel, which is how the call pipeline stops a call) and tells transient
 * connect failures (nothing listening yet) from permanent ones (access denied), as the daemon's own
 * {@code dial_and_wait_ready} does.
 *
 * <p>A connect is bounded by the profile's connect timeout: a connect to a Unix socket or loopback
 * TCP usually completes or fails at once, but one to a daemon that is wedged with a full listen
 * queue would otherwise wait with nothing to stop it (runtime operations have no call deadline).
 */
final class SocketDialer {

  /** Why a connect failed, for readiness. */
  enum Outcome {
    /** Nothing accepts yet: no socket file, a refused connection, a timeout. */
    NOT_YET,
    /** Waiting will not help: access denied, no Unix sockets, anything else. */
    PERMANENT
  }

  private SocketDialer() {}

  /**
   * Connects to the daemon's inference socket.
   *
   * @param endpoint where
   * @param timeout how long the connect may take
   * @return the open, blocking channel
   * @throws IOException if the connect failed or timed out ({@link SocketTimeoutException}); no
   *     Unix sockets on this system is a {@link NoUnixSockets}; an interrupt a {@link
   *     ClosedByInterruptException}, the interrupt status kept
   */
  static SocketChannel connect(InferdEndpoint endpoint, Duration timeout) throws IOException {
    return connect(
        endpoint.address(),
        endpoint.isUnix() ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET,
        timeout);
  }

  /**
   * Connects within {@code timeout}: the connect runs non-blocking and is waited for on a selector,
   * then the channel is made blocking again for the call.
   *
   * @param address where
   * @param family UNIX or INET
   * @param timeout how long the connect may take
   * @return the open, blocking channel
   * @throws IOException as {@link #connect(InferdEndpoint, Duration)}
   */
  static SocketChannel connect(SocketAddress address, ProtocolFamily family, Duration timeout)
      throws IOException {
    SocketChannel channel;
    try {
      channel = SocketChannel.open(family);
    } catch (UnsupportedOperationException noUnixSockets) {
      throw new NoUnixSockets(noUnixSockets);
    }
    try {
      channel.configureBlocking(false);
      if (!channel.connect(address)) {
        awaitConnected(channel, timeout);
      }
      channel.configureBlocking(true);
      return channel;
    } catch (IOException | RuntimeException failed) {
      channel.close();
      throw failed;
    }
  }

  private static void awaitConnected(SocketChannel channel, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Selector selector = Selector.open()) {
      channel.register(selector, SelectionKey.OP_CONNECT);
      while (!channel.finishConnect()) {
        if (Thread.currentThread().isInterrupted()) {
          throw new ClosedByInterruptException(); // the interrupt status stays set
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException(
              "the connect did not complete within " + timeout.toMillis() + " ms");
        }
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    } // closing the selector deregisters the channel, so it can be made blocking again
  }

  /** This operating system or JDK has no Unix domain sockets. */
  static final class NoUnixSockets extends IOException {
    private static final long serialVersionUID = 1L;

    NoUnixSockets(Throwable cause) {
      super(
          "this operating system has no Unix domain sockets; run inferd with its loopback TCP"
              + " listener and set base_url = \"tcp://127.0.0.1:47321\"",
          cause);
    }
  }

  /**
   * Whether waiting could help.
   *
   * @param failure how the connect failed
   * @param endpoint where it tried
   * @return the outcome
   */
  static Outcome classify(IOException failure, InferdEndpoint endpoint) {
    if (failure instanceof NoUnixSockets || failure instanceof ClosedByInterruptException) {
      return Outcome.PERMANENT;
    }
    if (permissionDenied(failure, endpoint)) {
      return Outcome.PERMANENT;
    }
    if (failure instanceof ConnectException || failure instanceof SocketTimeoutException) {
      return Outcome.NOT_YET; // refused, timed out
    }
    String message = lower(failure);
    if (message.contains("timed out")
        || message.contains("refused")
        || message.contains("temporarily unavailable")) { // EAGAIN: a full listen queue
      return Outcome.NOT_YET;
    }
    if (endpoint.isUnix() && missing(endpoint.path().orElseThrow())) {
      return Outcome.NOT_YET;
    }
    return Outcome.PERMANENT;
  }

  /**
   * What happened, as the end of a sentence that starts with the endpoint.
   *
   * @param failure how the connect failed
   * @param endpoint where it tried
   * @return the description
   */
  static String describe(IOException failure, InferdEndpoint endpoint) {
    if (failure instanceof NoUnixSockets) {
      return failure.getMessage();
    }
    if (permissionDenied(failure, endpoint)) {
      return "access is denied (the socket or a folder above it is not open to this user; the"
          + " daemon's socket is mode 0660, group inferd-users: add the user to that group)";
    }
    if (endpoint.isUnix() && missing(endpoint.path().orElseThrow())) {
      return "there is no socket file (the daemon is not running, or not ready yet: it creates"
          + " the socket once its model is loaded)";
    }
    if (failure instanceof ConnectException || lower(failure).contains("refused")) {
      return "the connection was refused (the daemon is not running or not ready yet)";
    }
    if (lower(failure).contains("temporarily unavailable")) {
      return "the daemon's listen queue is full (it is not accepting connections now)";
    }
    if (failure instanceof SocketTimeoutException) {
      return failure.getMessage() + " (the daemon is not accepting connections)";
    }
    return "the connection failed: " + failure.getMessage();
  }

  /**
   * The exception a call reports when it cannot connect.
   *
   * @param failure how the connect failed
   * @param endpoint where it tried
   * @param providerName the provider
   * @param requestId the call's id
   * @return TRANSPORT, retryable when waiting may help (refused, no socket yet: as an HTTP driver
   *     reports a refused connection), else PERMISSION_DENIED, UNSUPPORTED or TRANSPORT
   */
  static InferenceException callFailure(
      IOException failure, InferdEndpoint endpoint, String providerName, String requestId) {
    if (failure instanceof ClosedByInterruptException) {
      return InferdConnection.interrupted(providerName, requestId, failure);
    }
    ErrorKind kind;
    boolean notYet = false;
    if (failure instanceof NoUnixSockets) {
      kind = ErrorKind.UNSUPPORTED;
    } else if (permissionDenied(failure, endpoint)) {
      kind = ErrorKind.PERMISSION_DENIED;
    } else {
      kind = ErrorKind.TRANSPORT;
      notYet = classify(failure, endpoint) == Outcome.NOT_YET;
    }
    return InferenceException.builder(
            kind,
            "cannot reach "
                + providerName
                + " at "
                + endpoint
                + ": "
                + describe(failure, endpoint)
                + (notYet ? "; start it, or wait with awaitReady()" : ""))
        .retryable(notYet)
        .providerName(providerName)
        .requestId(requestId)
        .cause(failure)
        .build();
  }

  /**
   * A denied folder makes the socket's existence unknowable (neither there nor missing); a denied
   * socket says so in the error.
   */
  private static boolean permissionDenied(IOException failure, InferdEndpoint endpoint) {
    if (lower(failure).contains("permission denied") || lower(failure).contains("access denied")) {
      return true;
    }
    if (!endpoint.isUnix()) {
      return false;
    }
    Path socket = endpoint.path().orElseThrow();
    return !Files.exists(socket) && !Files.notExists(socket);
  }

  private static boolean missing(Path socket) {
    return Files.notExists(socket);
  }

  private static String lower(IOException failure) {
    return failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
  }
}
