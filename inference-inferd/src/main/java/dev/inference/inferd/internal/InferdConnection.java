package dev.inference.inferd.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
   * @param providerName for messages
   * @param requestId for messages
   * @return the connection, the request sent
   * @throws InferenceException if the daemon cannot be reached or the request not sent
   */
  static InferdConnection open(
      InferdEndpoint endpoint,
      Optional<Secret> key,
      byte[] request,
      String providerName,
      String requestId) {
    SocketChannel channel;
    try {
      channel = SocketDialer.connect(endpoint);
    } catch (IOException failed) {
      throw SocketDialer.callFailure(failed, endpoint, providerName, requestId);
    }
    boolean auth = !endpoint.isUnix() && key.isPresent();
    InferdConnection connection = new InferdConnection(channel, auth);
    try {
      if (auth) {
        connection.write(InferdRequests.authFrame(key.get().reveal()));
      }
      connection.write(request);
      return connection;
    } catch (IOException failed) {
      connection.close();
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
                    + " closed the connection without answering after the auth frame: it refused"
                    + " the api_key. Check the key the daemon's TCP listener expects.")
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
