package dev.inference.http;

import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.kit.CallOptions;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.JsonReader;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import dev.inference.runtime.RuntimeOperations;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an HTTP driver knows about its provider's wire: the endpoint, the headers (authentication
 * included), the request body, the response body, the stream's framing and frames, and the error
 * shapes. {@link HttpTransport} does everything else: transport, timeouts in layers, retries,
 * circuit breaker, listener events, redaction and the response contract.
 *
 * <p>A third-party HTTP driver is a dialect plus a {@link dev.inference.spi.ProviderFactory} whose
 * {@code create} returns {@link HttpTransport#client}.
 *
 * @since 0.2
 */
public interface HttpDialect {

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
   * The URL calls are POSTed to, from the profile; checked here, so that a bad one fails when the
   * client is created.
   *
   * @param settings the profile
   * @return the endpoint
   * @throws IllegalArgumentException if the profile has no usable endpoint; the message says what
   *     is expected
   */
  URI endpoint(ProviderSettings settings);

  /**
   * How a streamed body is framed: {@link Framing#sse()}, {@link Framing#ndjson()}, or the
   * dialect's own.
   *
   * @return the framing
   */
  Framing framing();

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
   * Headers to send besides {@code Content-Type}, {@code Accept} and {@code User-Agent}: the
   * authentication ({@code Authorization: Bearer ...}, or {@code x-api-key} and a version header)
   * and the profile's own headers. Called at the first call and again whenever the key's value
   * changes, so a rotated key is picked up; the map returned is kept and must not change.
   *
   * @param settings the profile
   * @return header names and values
   * @throws IllegalStateException if a secret cannot be resolved; the call fails with {@code
   *     AUTHENTICATION}
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
   * @param in a reader before the body's first token
   * @param out where the text, usage and the rest go; an error payload goes to {@link
   *     ResponseSink#error}
   * @throws IOException if the body is not valid JSON or not of the expected shape
   */
  void readResponse(JsonReader in, ResponseSink out) throws IOException;

  /**
   * A decoder for one stream's frames; called once per streamed call.
   *
   * @return a new decoder
   */
  StreamDecoder streamDecoder();

  /**
   * Turns a non-2xx response into an exception. The default is the kit's mapping ({@link
   * ErrorMapper#fromHttp}), which reads every common error shape; a dialect whose provider has its
   * own may read it and fall back on the default.
   *
   * @param status the HTTP status
   * @param header the first value of a response header by lower-case name
   * @param body the body, at most 64 KiB of it
   * @param redactor hides the key, should the server echo it
   * @param clock for a {@code Retry-After} date
   * @return the exception
   */
  default InferenceException httpError(
      int status,
      Function<String, Optional<String>> header,
      byte[] body,
      Redactor redactor,
      Clock clock) {
    return ErrorMapper.fromHttp(status, header, body, providerName(), redactor, clock);
  }

  /**
   * Turns an error payload (one the dialect put into {@link ResponseSink#error}) into an exception.
   * The default is the kit's mapping ({@link ErrorMapper#fromPayload}).
   *
   * @param payload the payload
   * @param redactor hides the key, should the server echo it
   * @return the exception
   */
  default InferenceException payloadError(JsonValue payload, Redactor redactor) {
    return ErrorMapper.fromPayload(payload, 0, providerName(), redactor);
  }

  /**
   * The runtime operations the driver offers on the client's runtime.
   *
   * @param runtime the client's runtime: its settings, endpoint and JSON exchanges
   * @return the operations, or empty (the default)
   */
  default Optional<RuntimeOperations> operations(HttpRuntime runtime) {
    return Optional.empty();
  }
}
