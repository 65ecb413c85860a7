package dev.inference.inferd.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.ProviderSettings;
import dev.inference.kit.CallTransport;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import dev.inference.kit.SecretRedactor;
import dev.inference.kit.StreamAttempt;
import java.io.IOException;
import java.util.Map;

/**
 * The kit's call pipeline over protocol v1: one connection per attempt, the request frame written
 * once prepared, the answer read frame by frame on the caller's thread.
 *
 * <p>Why one connection per call and no multiplexing, although v1 lets requests share a connection
 * keyed by id: closing the connection is the only way v1 has to cancel a job (there is no cancel
 * frame), so a shared connection could not cancel one call without cancelling all; the daemon runs
 * one generation at a time, so sharing buys no throughput; a frame over the cap makes the daemon
 * close the connection, which would fail every call on it; and a Unix or loopback connect costs
 * microseconds. Frames for another id are still ignored, should a daemon send any.
 */
final class InferdCallTransport implements CallTransport {

  private final ProviderSettings settings;
  private final InferdEndpoint endpoint;
  private final InferdRequests requests;
  private final String providerName;
  private final SecretRedactor redactors;
  private final int maxFrameBytes;

  InferdCallTransport(
      ProviderSettings settings,
      InferdEndpoint endpoint,
      String providerName,
      SecretRedactor redactors,
      int maxFrameBytes) {
    this.settings = settings;
    this.endpoint = endpoint;
    this.requests = new InferdRequests(settings, providerName);
    this.providerName = providerName;
    this.redactors = redactors;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public Call prepare(InferenceRequest request, boolean stream) {
    byte[] frame = requests.frame(request, stream);
    if (frame.length >= maxFrameBytes) {
      // the daemon would stop reading at its cap and close: refuse before any byte instead
      throw InferenceException.builder(
              ErrorKind.INVALID_REQUEST,
              "the request frame is "
                  + frame.length
                  + " bytes, at or over the "
                  + maxFrameBytes
                  + "-byte frame cap of "
                  + providerName
                  + "; send a shorter conversation (or raise max_frame_bytes if the daemon's cap"
                  + " is higher)")
          .providerName(providerName)
          .requestId(request.requestId())
          .build();
    }
    Redactor redactor = redactors.current();
    return new Call() {
      @Override
      public InferenceResponse send() {
        try (InferdConnection connection = connect(request, frame)) {
          ResponseReader reader = reader(connection, request, redactor);
          ResponseSink sink = ResponseSink.forBody();
          try {
            reader.readAll(sink); // a daemon that streams anyway is read the same way
          } catch (IOException failed) {
            throw reader.failure(failed);
          }
          return response(request, sink, redactor);
        }
      }

      @Override
      public StreamAttempt open() {
        InferdConnection connection = connect(request, frame);
        return new InferdStreamAttempt(
            connection,
            reader(connection, request, redactor),
            sink -> response(request, sink, redactor));
      }
    };
  }

  private InferdConnection connect(InferenceRequest request, byte[] frame) {
    return InferdConnection.open(
        endpoint,
        settings.apiKey(),
        frame,
        settings.timeouts().connect(),
        providerName,
        request.requestId());
  }

  private ResponseReader reader(
      InferdConnection connection, InferenceRequest request, Redactor redactor) {
    return new ResponseReader(
        connection, request.requestId(), providerName, redactor, maxFrameBytes);
  }

  private InferenceResponse response(
      InferenceRequest request, ResponseSink sink, Redactor redactor) {
    return sink.toResponse(request, providerName, settings.model(), Map.of(), redactor);
  }
}
