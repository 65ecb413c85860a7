package dev.inference.http.internal;

import dev.inference.InferenceRequest;
import dev.inference.RuntimeOperations;
import dev.inference.kit.CallOptions;
import dev.inference.kit.JsonReader;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.ResponseSink;
import dev.inference.spi.ProviderSettings;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What an HTTP chat driver knows about its provider's wire format; {@link HttpChatClient} does
 * everything else (transport, framing, timeouts, errors, listener events, the response contract).
 */
public interface ChatDialect {

  /** How a streamed body is framed. */
  enum Framing {
    /** Server-sent events; {@code data: [DONE]} or the end of the body ends the stream. */
    SSE,
    /** One JSON object per line; the frame that completes the response ends the stream. */
    NDJSON
  }

  /**
   * The wire dialect, as {@code describe} reports it.
   *
   * @return the kind ({@code openai_chat_completions})
   */
  String kind();

  /**
   * The provider name responses and errors carry.
   *
   * @return the provider name ({@code openai})
   */
  String providerName();

  /**
   * The stream framing.
   *
   * @return the framing
   */
  Framing framing();

  /**
   * The media type a streamed body is asked for with.
   *
   * @return the {@code Accept} value for streams
   */
  default String streamMediaType() {
    return framing() == Framing.SSE ? "text/event-stream" : "application/x-ndjson";
  }

  /**
   * Writes the request body. Temperature and token limit are already resolved against the profile's
   * defaults.
   *
   * @param out the writer
   * @param request the request
   * @param call the resolved call options
   * @param stream whether the provider is asked to stream
   * @throws IOException if writing fails
   */
  void writeRequest(JsonWriter out, InferenceRequest request, CallOptions call, boolean stream)
      throws IOException;

  /**
   * Headers to send besides {@code Content-Type}, {@code Accept} and {@code User-Agent}: auth and
   * the profile's own headers. Called for every call, so a rotated key is picked up.
   *
   * @param settings the profile
   * @return header names and values
   */
  Map<String, String> headers(ProviderSettings settings);

  /**
   * Headers for one request, sent after {@link #headers}; none by default.
   *
   * @param request the request
   * @return header names and values
   */
  default Map<String, String> requestHeaders(InferenceRequest request) {
    return Map.of();
  }

  /**
   * Reads a whole non-streamed 2xx body.
   *
   * @param parser a reader before the body's first token
   * @param out where the text, usage and the rest go; an error payload goes to {@link
   *     ResponseSink#error}
   * @throws IOException if the body is not valid JSON
   */
  void readResponse(JsonReader parser, ResponseSink out) throws IOException;

  /**
   * Reads one stream frame.
   *
   * @param parser a reader before the frame's first token
   * @param out where deltas and the rest go
   * @throws IOException if the frame is not valid JSON
   */
  void readChunk(JsonReader parser, ResponseSink out) throws IOException;

  /**
   * The runtime operations the driver offers on the client's runtime.
   *
   * @param client the client, for its settings, endpoint and JSON exchanges
   * @return the operations, or empty (the default)
   */
  default Optional<RuntimeOperations> operations(HttpChatClient client) {
    return Optional.empty();
  }
}
