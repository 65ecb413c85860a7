package dev.inference.inferd.internal;

import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.ProviderSettings;
import dev.inference.kit.CallTransport;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
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
  private final Redactor redactor;
  private final int maxFrameBytes;

  InferdCallTransport(
      ProviderSettings settings,
      InferdEndpoint endpoint,
      String providerName,
      Redactor redactor,
      int maxFrameBytes) {
    this.settings = settings;
    this.endpoint = endpoint;
    this.requests = new InferdRequests(settings, providerName);
    this.providerName = providerName;
    this.redactor = redactor;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public Call prepare(InferenceRequest request, boolean stream) {
    byte[] frame = requests.frame(request, stream);
    return new Call() {
      @Override
      public InferenceResponse send() {
        try (InferdConnection connection = connect(request, frame)) {
          ResponseReader reader = reader(connection, request);
          ResponseSink sink = ResponseSink.forBody();
          try {
            reader.readAll(sink); // a daemon that streams anyway is read the same way
          } catch (IOException failed) {
            throw reader.failure(failed);
          }
          return response(request, sink);
        }
      }

      @Override
      public StreamAttempt open() {
        InferdConnection connection = connect(request, frame);
        return new InferdStreamAttempt(
            connection, reader(connection, request), sink -> response(request, sink));
      }
    };
  }

  private InferdConnection connect(InferenceRequest request, byte[] frame) {
    return InferdConnection.open(
        endpoint, settings.apiKey(), frame, providerName, request.requestId());
  }

  private ResponseReader reader(InferdConnection connection, InferenceRequest request) {
    return new ResponseReader(
        connection, request.requestId(), providerName, redactor, maxFrameBytes);
  }

  private InferenceResponse response(InferenceRequest request, ResponseSink sink) {
    return sink.toResponse(request, providerName, settings.model(), Map.of(), redactor);
  }
}
