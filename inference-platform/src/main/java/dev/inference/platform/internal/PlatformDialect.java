package dev.inference.platform.internal;

import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.http.Framing;
import dev.inference.http.HttpDialect;
import dev.inference.http.HttpRuntime;
import dev.inference.http.StreamDecoder;
import dev.inference.kit.CallOptions;
import dev.inference.kit.JsonReader;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import dev.inference.runtime.RuntimeOperations;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The platform gateway's dialect: OpenAI's chat completions, with the gateway's default endpoint
 * and its cache-refresh header, which only this driver sends.
 */
public final class PlatformDialect implements HttpDialect {

  /**
   * The Bitloops cache-refresh flag: metadata {@code bitloops_refresh_cache} set to {@code true} or
   * {@code "true"} (any case) asks the gateway for a fresh answer.
   */
  public static final String REFRESH_CACHE_METADATA = "bitloops_refresh_cache";

  /** The header the cache-refresh flag becomes. */
  public static final String REFRESH_CACHE_HEADER = "X-Bitloops-Refresh-Cache";

  private final HttpDialect openAi;
  private final URI defaultEndpoint;

  /**
   * Wraps the OpenAI dialect.
   *
   * @param openAi the chat completions dialect
   * @param defaultEndpoint the endpoint when the profile sets no {@code base_url}
   */
  public PlatformDialect(HttpDialect openAi, URI defaultEndpoint) {
    this.openAi = openAi;
    this.defaultEndpoint = defaultEndpoint;
  }

  /**
   * Whether the request carries the cache-refresh flag.
   *
   * @param request the request
   * @return {@code true} when metadata asks for a fresh answer
   */
  public static boolean refreshesCache(InferenceRequest request) {
    JsonValue flag = request.metadata().get(REFRESH_CACHE_METADATA);
    return flag != null
        && (flag.equals(JsonValue.of(true))
            || flag.asString().map(text -> text.trim().equalsIgnoreCase("true")).orElse(false));
  }

  @Override
  public Map<String, String> requestHeaders(InferenceRequest request) {
    Map<String, String> headers = openAi.requestHeaders(request);
    if (!refreshesCache(request)) {
      return headers;
    }
    Map<String, String> refreshing = new LinkedHashMap<>(headers);
    refreshing.put(REFRESH_CACHE_HEADER, "true");
    return refreshing;
  }

  @Override
  public URI endpoint(ProviderSettings settings) {
    return settings.baseUrl().orElse(defaultEndpoint);
  }

  @Override
  public String kind() {
    return openAi.kind();
  }

  @Override
  public String providerName() {
    return openAi.providerName();
  }

  @Override
  public Framing framing() {
    return openAi.framing();
  }

  @Override
  public void writeRequest(
      JsonWriter out, InferenceRequest request, CallOptions call, boolean stream)
      throws IOException {
    openAi.writeRequest(out, request, call, stream);
  }

  @Override
  public Map<String, String> headers(ProviderSettings settings) {
    return openAi.headers(settings);
  }

  @Override
  public void readResponse(JsonReader in, ResponseSink out) throws IOException {
    openAi.readResponse(in, out);
  }

  @Override
  public StreamDecoder streamDecoder() {
    return openAi.streamDecoder();
  }

  @Override
  public InferenceException httpError(
      int status,
      Function<String, Optional<String>> header,
      byte[] body,
      Redactor redactor,
      Clock clock) {
    return openAi.httpError(status, header, body, redactor, clock);
  }

  @Override
  public InferenceException payloadError(JsonValue payload, Redactor redactor) {
    return openAi.payloadError(payload, redactor);
  }

  @Override
  public Optional<RuntimeOperations> operations(HttpRuntime runtime) {
    return openAi.operations(runtime);
  }
}
