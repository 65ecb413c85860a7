package dev.inference.inferd.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * One connection for one call: connected, the auth frame written first on TCP when the profile has
 * a key, then the request frame. Closing it is how a call is cancelled: the daemon cancels the job
 * of a client that disconnects.
 */
final class InferdConnection implements AutoCloseable {

  private final SocketChannel channel;
  private final boolean authSent;

  private InferdConnection(SocketChannel channel, boolean authSent) {
    this.channel = channel;
    this.authSent = authSent;
  }

  /**
   * Connects and sends the request.
   *
   * @param endpoint where
   * @param key the profile's key; sent only over TCP, as the first frame
   * @param request the request frame
   * @param connectTimeout how long the connect may take
   * @param providerName for messages
   * @param requestId for messages
   * @return the connection, the request sent
   * @throws InferenceException if the daemon cannot be reached or the request not sent
   */
  static InferdConnection open(
      InferdEndpoint endpoint,
      Optional<Secret> key,
      byte[] request,
      Duration connectTimeout,
      String providerName,
      String requestId) {
    SocketChannel channel;
    try {
      channel = SocketDialer.connect(endpoint, connectTimeout);
    } catch (IOException failed) {
      throw SocketDialer.callFailure(failed, endpoint, providerName, requestId);
    }
    boolean auth = !endpoint.isUnix() && key.isPresent();
    InferdConnection connection = new InferdConnection(channel, auth);
    try {
      if (auth) {
        connection.write(InferdRequests.authFrame(revealed(key.get(), providerName, requestId)));
      }
      connection.write(request);
      return connection;
    } catch (InferenceException unset) {
      connection.close();
      throw unset;
    } catch (IOException failed) {
      connection.close();
      if (failed instanceof ClosedByInterruptException) {
        throw interrupted(providerName, requestId, failed);
      }
      throw auth
          ? refusedKey(providerName, requestId, failed)
          : InferenceException.builder(
                  ErrorKind.TRANSPORT,
                  "could not send the request to "
                      + providerName
                      + " at "
                      + endpoint
                      + ": "
                      + failed.getMessage()
                      + "; retry")
              .retryable(true)
              .providerName(providerName)
              .requestId(requestId)
              .cause(failed)
              .build();
    }
  }

  /** The key for the auth frame, read now: an unset one fails this call, not the client. */
  private static String revealed(Secret key, String providerName, String requestId) {
    try {
      return key.reveal();
    } catch (IllegalStateException unset) {
      throw InferenceException.builder(ErrorKind.AUTHENTICATION, unset.getMessage())
          .providerName(providerName)
          .requestId(requestId)
          .build();
    }
  }

  /**
   * The calling thread was interrupted while it connected, wrote or read: the call is cancelled
   * (the interrupt status stays set, as the channel left it), not a failure of the daemon.
   */
  static InferenceException interrupted(String providerName, String requestId, Throwable cause) {
    Thread.currentThread().interrupt();
    return InferenceException.builder(ErrorKind.CANCELLED, "the calling thread was interrupted")
        .providerName(providerName)
        .requestId(requestId)
        .cause(cause)
        .build();
  }

  /**
   * What a silent close right after the auth frame means: the daemon refused the key (it closes
   * without a word, so as not to help a guesser).
   */
  static InferenceException refusedKey(
      String providerName, String requestId, @org.jspecify.annotations.Nullable Throwable cause) {
    InferenceException.Builder refused =
        InferenceException.builder(
                ErrorKind.AUTHENTICATION,
                providerName
                    + " closed the connection without a byte after the auth frame: it most likely"
                    + " refused the api_key (the daemon closes silently on a wrong key). Check the"
                    + " key its TCP listener expects.")
            .retryable(false)
            .providerName(providerName)
            .requestId(requestId);
    if (cause != null) {
      refused.cause(cause);
    }
    return refused.build();
  }

  private void write(byte[] frame) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(frame);
    while (out.hasRemaining()) {
      channel.write(out);
    }
  }

  /**
   * Reads what the daemon sent next, blocking.
   *
   * @param into the buffer
   * @return the bytes read, or -1 at the end of the input
   * @throws IOException if reading fails or the connection was closed
   */
  int read(ByteBuffer into) throws IOException {
    return channel.read(into);
  }

  /**
   * Whether the connection began with an auth frame.
   *
   * @return {@code true} on TCP with a key
   */
  boolean authSent() {
    return authSent;
  }

  /** Closes the connection at once; a blocked read fails. Idempotent, never throws. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the connection is being dropped anyway
    }
  }
}
