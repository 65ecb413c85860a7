package dev.inference.cli;

import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The stdio loop of bitloops-inference protocol v1: one JSON request per line on stdin, one compact
 * JSON response per line on stdout, flushed after each, in request order. Diagnostics go to stderr.
 */
final class ProtocolLoop {

  /** The longest request line accepted, in bytes (the original had no limit). */
  static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final InferenceClient client;
  private final String profile;
  private final List<String> fallback;
  private final InputStream in;
  private final OutputStream out;
  private final PrintStream err;
  private final int maxLineBytes;
  private final Function<InferenceException, InferenceException> explain;

  ProtocolLoop(
      InferenceClient client,
      String profile,
      List<String> fallback,
      InputStream in,
      OutputStream out,
      PrintStream err,
      int maxLineBytes,
      Function<InferenceException, InferenceException> explain) {
    this.client = client;
    this.profile = profile;
    this.fallback = List.copyOf(fallback);
    this.in = in;
    this.out = out;
    this.err = err;
    this.maxLineBytes = maxLineBytes;
    this.explain = explain;
  }

  /** Serves until {@code shutdown} or the end of input; returns the exit code. */
  int run() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    boolean overflow = false;
    try {
      while (true) {
        int read = in.read(buffer);
        if (read < 0) {
          // end of input: a last line without its newline still counts
          if (overflow) {
            tooLong();
          } else if (line.size() > 0 && !handle(line.toByteArray())) {
            return ExitCodes.OK;
          }
          return ExitCodes.OK;
        }
        int start = 0;
        for (int i = 0; i < read; i++) {
          if (buffer[i] != '\n') {
            continue;
          }
          if (overflow || line.size() + (i - start) > maxLineBytes) {
            overflow = false;
            line.reset();
            tooLong();
          } else {
            line.write(buffer, start, i - start);
            byte[] bytes = line.toByteArray();
            line.reset();
            if (!handle(bytes)) {
              return ExitCodes.OK;
            }
          }
          start = i + 1;
        }
        if (!overflow) {
          line.write(buffer, start, read - start);
          if (line.size() > maxLineBytes) {
            overflow = true;
            line.reset();
          }
        }
      }
    } catch (Utf8Exception invalid) {
      err.println("I/O error: stream did not contain valid UTF-8");
      return ExitCodes.FAILURE;
    } catch (IOException failed) {
      err.println("I/O error: " + failed.getMessage());
      return ExitCodes.FAILURE;
    }
  }

  private void tooLong() throws IOException {
    write(
        Protocol.error(
            Protocol.UNKNOWN_ID,
            Protocol.INVALID_REQUEST,
            "request line is longer than the limit of " + maxLineBytes + " bytes; it was skipped",
            Optional.empty()));
  }

  /**
   * Answers one line.
   *
   * @return {@code false} after {@code shutdown}
   */
  private boolean handle(byte[] bytes) throws IOException {
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    if (end == 0) {
      return true;
    }
    utf8(bytes, end);
    Protocol.Request request;
    try {
      request = RequestDecoder.decode(bytes, end);
    } catch (Protocol.DecodeException malformed) {
      write(
          Protocol.error(
              malformed.requestId(),
              Protocol.INVALID_REQUEST,
              String.valueOf(malformed.getMessage()),
              Optional.empty()));
      return true;
    }
    if (request instanceof Protocol.Describe describe) {
      write(Protocol.describe(describe.requestId(), profile, client.describe(), fallback));
    } else if (request instanceof Protocol.Shutdown shutdown) {
      write(Protocol.shutdown(shutdown.requestId()));
      return false;
    } else if (request instanceof Protocol.Infer infer) {
      infer(infer);
    }
    return true;
  }

  private void infer(Protocol.Infer infer) throws IOException {
    String id = infer.requestId();
    if (!infer.stream()) {
      InferenceResponse response;
      try {
        response = client.infer(infer.request());
      } catch (InferenceException failure) {
        write(OriginalErrors.line(id, explain.apply(failure), client.describe().kind()));
        return;
      }
      write(Protocol.infer(id, response));
      return;
    }
    try (InferenceStream stream = client.stream(infer.request())) {
      for (StreamEvent event : stream) {
        if (event instanceof StreamEvent.TextDelta delta) {
          write(Protocol.textDelta(id, delta.text()));
        } else if (event instanceof StreamEvent.ReasoningDelta delta) {
          write(Protocol.reasoningDelta(id, delta.text()));
        } else if (event instanceof StreamEvent.Completed completed) {
          write(Protocol.infer(id, completed.response()));
        }
      }
    } catch (InferenceException failure) {
      write(OriginalErrors.line(id, explain.apply(failure), client.describe().kind()));
    }
  }

  private void write(String json) throws IOException {
    out.write(json.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    out.flush();
    if (out instanceof PrintStream print && print.checkError()) {
      throw new IOException("failed to write JSON line: stdout is closed");
    }
  }

  /** Refuses a line that is not UTF-8, as the original's {@code read_line} does. */
  private static void utf8(byte[] bytes, int length) throws Utf8Exception {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length));
    } catch (CharacterCodingException invalid) {
      throw new Utf8Exception();
    }
  }

  private static final class Utf8Exception extends IOException {
    private static final long serialVersionUID = 1L;
  }
}
