package dev.inference.inferd.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Json;
import dev.inference.kit.JsonReader;
import dev.inference.kit.NdjsonDecoder;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads one request's response frames off its connection: the kit's NDJSON framing with the frame
 * cap (a frame that passes it fails at once, nothing more is buffered), each frame parsed and
 * handed to the {@link FrameDecoder}, until exactly one terminal frame. The end of the input before
 * it is {@code STREAM_TRUNCATED} with the partial text once a frame arrived; before any whole frame
 * it is a broken connection ({@code TRANSPORT}, retried before the first token as a reset is);
 * right after an auth frame, with nothing received, it is the daemon's silent refusal of the key:
 * {@code AUTHENTICATION}.
 */
final class ResponseReader {

  private static final int READ_BUFFER_BYTES = 8192;

  private final InferdConnection connection;
  private final String requestId;
  private final String providerName;
  private final Redactor redactor;
  private final int maxFrameBytes;
  private final FrameDecoder decoder;
  private final NdjsonDecoder lines;
  private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  private @Nullable ResponseSink sink;
  private long received;
  private int frames;
  private boolean finishing;
  private boolean ended;

  ResponseReader(
      InferdConnection connection,
      String requestId,
      String providerName,
      Redactor redactor,
      int maxFrameBytes) {
    this.connection = connection;
    this.requestId = requestId;
    this.providerName = providerName;
    this.redactor = redactor;
    this.maxFrameBytes = maxFrameBytes;
    this.decoder = new FrameDecoder(requestId, providerName, redactor);
    this.lines = NdjsonDecoder.ofBytes(maxFrameBytes, this::line);
  }

  /**
   * Reads what arrived next into the sink.
   *
   * @param into where the answer goes
   * @return the bytes read, or -1 once the terminal frame came
   * @throws IOException if reading failed (the connection was closed or reset)
   * @throws InferenceException for an error frame, a frame that is not JSON or over the cap, or the
   *     end of the input before the terminal frame
   */
  int read(ResponseSink into) throws IOException {
    sink = into;
    if (ended) {
      return -1;
    }
    buffer.clear();
    int read = connection.read(buffer);
    if (read < 0) {
      finishing = true;
      try {
        lines.finish();
      } catch (InferenceException failed) {
        throw framingFailure(failed, into);
      }
      if (!ended) {
        throw endedEarly(into);
      }
      return -1;
    }
    received += read;
    try {
      lines.feed(buffer.array(), 0, read);
    } catch (InferenceException failed) {
      throw framingFailure(failed, into);
    }
    return ended ? -1 : read;
  }

  /** Reads until the terminal frame. */
  void readAll(ResponseSink into) throws IOException {
    while (read(into) >= 0) {
      // each read puts its frames into the sink
    }
  }

  /**
   * What a read that failed with an I/O error means: right after the auth frame with nothing
   * received, a refused key (the daemon may reset rather than close).
   *
   * @param failure the read's failure
   * @return the exception
   */
  InferenceException failure(IOException failure) {
    if (failure instanceof ClosedByInterruptException) {
      return InferdConnection.interrupted(providerName, requestId, failure);
    }
    if (connection.authSent() && received == 0) {
      return InferdConnection.refusedKey(providerName, requestId, failure);
    }
    return InferenceException.builder(
            ErrorKind.TRANSPORT,
            "the connection to "
                + providerName
                + " broke while reading the answer: "
                + failure.getMessage()
                + "; retry")
        .retryable(true)
        .providerName(providerName)
        .requestId(requestId)
        .cause(failure)
        .build();
  }

  private InferenceException endedEarly(ResponseSink into) {
    if (connection.authSent() && received == 0) {
      return InferdConnection.refusedKey(providerName, requestId, null);
    }
    if (frames == 0) {
      return brokenBeforeAFrame(null);
    }
    return InferenceException.builder(
            ErrorKind.STREAM_TRUNCATED,
            providerName
                + " closed the connection before its done or error frame for request "
                + requestId
                + " (the daemon stopped or its backend crashed); retry")
        .retryable(true)
        .providerName(providerName)
        .requestId(requestId)
        .partialText(redactor.redact(into.text()))
        .build();
  }

  /**
   * The connection ended before one whole frame arrived: nothing of the answer was read, so it is a
   * broken connection (retried like a reset one), not a truncated answer.
   */
  private InferenceException brokenBeforeAFrame(@Nullable Throwable cause) {
    InferenceException.Builder broken =
        InferenceException.builder(
                ErrorKind.TRANSPORT,
                providerName
                    + " closed the connection before it sent a whole frame for request "
                    + requestId
                    + " (the daemon stopped or crashed); retry")
            .retryable(true)
            .providerName(providerName)
            .requestId(requestId);
    if (cause != null) {
      broken.cause(cause);
    }
    return broken.build();
  }

  /**
   * A failure out of the NDJSON framing: the kit's frame-cap error (it names no provider) made
   * ours; the frame decoder's own failures pass as they are.
   */
  private InferenceException framingFailure(InferenceException failed, ResponseSink into) {
    return failed.kind() == ErrorKind.MALFORMED_RESPONSE && failed.providerName().isEmpty()
        ? overCap(failed, into)
        : failed;
  }

  private InferenceException overCap(InferenceException failed, ResponseSink into) {
    connection.close(); // protocol v1 never resyncs after a frame over the cap
    return InferenceException.builder(
            ErrorKind.MALFORMED_RESPONSE,
            providerName
                + " sent a frame over the "
                + maxFrameBytes
                + "-byte cap; the connection is closed. Raise max_frame_bytes if the daemon's"
                + " frames are that big.")
        .cause(failed)
        .providerName(providerName)
        .requestId(requestId)
        .partialText(redactor.redact(into.text()))
        .build();
  }

  private void line(byte[] bytes, int offset, int length) {
    if (ended) {
      return;
    }
    InferdFrame frame;
    try (JsonReader reader = Json.reader(bytes, offset, length)) {
      frame = InferdFrame.read(reader, requestId);
    } catch (IOException notJson) {
      throw notAFrame(bytes, offset, length, notJson);
    }
    if (frame == null) {
      throw notAFrame(bytes, offset, length, null);
    }
    frames++;
    if (decoder.frame(frame, Objects.requireNonNull(sink))) {
      ended = true;
    }
  }

  private InferenceException notAFrame(
      byte[] bytes, int offset, int length, @Nullable IOException cause) {
    if (finishing && frames == 0) {
      return brokenBeforeAFrame(cause); // what came before the end of input was not even a frame
    }
    ResponseSink collected = Objects.requireNonNull(sink);
    String quoted =
        ErrorMapper.snippet(new String(bytes, offset, length, StandardCharsets.UTF_8), redactor);
    InferenceException.Builder failure =
        finishing
            ? InferenceException.builder(
                    ErrorKind.STREAM_TRUNCATED,
                    providerName
                        + " closed the connection in the middle of a frame: "
                        + quoted
                        + "; retry")
                .retryable(true)
            : InferenceException.builder(
                ErrorKind.MALFORMED_RESPONSE,
                providerName + " sent a frame that is not a JSON object: " + quoted);
    failure
        .providerName(providerName)
        .requestId(requestId)
        .partialText(redactor.redact(collected.text()));
    if (cause != null) {
      failure.cause(cause);
    }
    return failure.build();
  }
}
