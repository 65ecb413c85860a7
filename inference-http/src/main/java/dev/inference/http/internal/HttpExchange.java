package dev.inference.http.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.http.BodyTooLargeException;
import dev.inference.http.EndpointRules;
import dev.inference.http.HttpDialect;
import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineRequest;
import dev.inference.http.HttpEngineTimeoutException;
import dev.inference.kit.CallOptions;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Json;
import dev.inference.kit.JsonReader;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import dev.inference.kit.SecretRedactor;
import dev.inference.spi.ConfigKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of one client: builds requests (body, headers, the plain-http key guard), sends
 * them through the client's {@link HttpEngine} on the caller's thread or on the client's executor,
 * maps transport failures and HTTP errors to {@link InferenceException}s, and reads a whole body
 * into the canonical response.
 */
final class HttpExchange {

  static final String USER_AGENT = "inference-java/0.1";

  /** The most of an error body that is read and quoted. */
  static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  /** The logger, made on first use: a exchange that never logs never starts a logging back-end. */
  private static final class Log {

    static final System.Logger LOG = System.getLogger(HttpChatClient.class.getName());
  }

  private final ProviderSettings settings;
  private final HttpDialect dialect;
  private final URI endpoint;
  private final UrlCredentials credentials;
  private final HttpEngine engine;
  private final ExecutorService executor;
  private final Clock clock;
  private final int maxBodyBytes;
  private final SecretRedactor redactors;
  private volatile @Nullable KeyedHeaders keyedHeaders;

  HttpExchange(
      ProviderSettings settings,
      HttpDialect dialect,
      URI endpoint,
      HttpEngine engine,
      ExecutorService executor,
      Clock clock,
      int maxBodyBytes) {
    this.settings = settings;
    this.dialect = dialect;
    this.endpoint = endpoint;
    this.credentials = UrlCredentials.of(endpoint);
    this.redactors = new SecretRedactor(settings.apiKey(), credentials.secrets());
    this.engine = engine;
    this.executor = executor;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** A byte limit from the profile, checked by its key. */
  static int limit(ProviderSettings settings, ConfigKey<Long> key, int fallback) {
    Optional<Long> limit = key.from(settings);
    return limit.isPresent() ? limit.get().intValue() : fallback;
  }

  HttpDialect dialect() {
    return dialect;
  }

  HttpEngine engine() {
    return engine;
  }

  /** One attempt of a blocking call, on the caller's thread. */
  InferenceResponse attemptOnCaller(
      InferenceRequest request, HttpEngineRequest httpRequest, Redactor redactor) {
    return read(request, sendOnCaller(request, httpRequest, redactor), redactor);
  }

  /** The engine's blocking send, its failures mapped; an interrupt stays set for the caller. */
  HttpEngine.Exchange sendOnCaller(
      InferenceRequest request, HttpEngineRequest httpRequest, Redactor redactor) {
    try {
      return engine.send(httpRequest);
    } catch (IOException failed) {
      throw transportFailure(request.requestId(), failed, redactor);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt(); // the application's, or CallerAbort's to absorb
      throw failure(request, ErrorKind.CANCELLED, "the calling thread was interrupted")
          .cause(interrupted)
          .build();
    }
  }

  /** One attempt of a non-streamed asynchronous call: send, then read the whole body. */
  CompletableFuture<InferenceResponse> sendAndRead(
      InferenceRequest request, HttpEngineRequest httpRequest, Redactor redactor) {
    CompletableFuture<HttpEngine.Exchange> exchange = send(httpRequest);
    CompletableFuture<InferenceResponse> read =
        exchange.handle(
            (response, error) -> {
              if (error != null) {
                throw transportFailure(request.requestId(), error, redactor);
              }
              return read(request, response, redactor);
            });
    read.whenComplete(
        (response, error) -> {
          if (read.isCancelled()) {
            exchange.cancel(true);
          }
        });
    return read;
  }

  InferenceResponse read(
      InferenceRequest request, HttpEngine.Exchange response, Redactor redactor) {
    try (response) {
      return readBody(request, response, redactor);
    } catch (InferenceException failure) {
      throw failure;
    } catch (RuntimeException bug) {
      throw failure(request, ErrorKind.MALFORMED_RESPONSE, "could not read the response: " + bug)
          .cause(bug)
          .build();
    }
  }

  /**
   * Sends on this client's executor with the engine's blocking {@link HttpEngine#send}. (The JDK's
   * {@code HttpClient.sendAsync} hands every response over through the JDK's default asynchronous
   * pool, which on a machine with fewer than three cores is a new thread per call; {@code send}
   * does not.) Cancelling the returned future interrupts the send, which aborts the exchange.
   */
  CompletableFuture<HttpEngine.Exchange> send(HttpEngineRequest httpRequest) {
    CompletableFuture<HttpEngine.Exchange> exchange = new CompletableFuture<>();
    Future<?> task;
    try {
      task =
          executor.submit(
              () -> {
                try {
                  HttpEngine.Exchange answer = engine.send(httpRequest);
                  if (!exchange.complete(answer)) {
                    answer.abort(); // cancelled meanwhile: nobody reads it
                  }
                } catch (InterruptedException interrupted) {
                  exchange.cancel(true);
                } catch (IOException | RuntimeException failed) {
                  exchange.completeExceptionally(failed);
                }
              });
    } catch (RejectedExecutionException closed) {
      exchange.completeExceptionally(new IOException("the client is closed", closed));
      return exchange;
    }
    exchange.whenComplete(
        (response, error) -> {
          if (exchange.isCancelled()) {
            task.cancel(true);
          }
        });
    return exchange;
  }

  InferenceException.Builder failure(InferenceRequest request, ErrorKind kind, String message) {
    return failure(request.requestId(), kind, message);
  }

  /** A failure for a call with the given request id; runtime operations have none. */
  InferenceException.Builder failure(@Nullable String requestId, ErrorKind kind, String message) {
    InferenceException.Builder builder =
        InferenceException.builder(kind, message).providerName(dialect.providerName());
    return requestId == null ? builder : builder.requestId(requestId);
  }

  /** Builds the canonical response from what the dialect collected. */
  InferenceResponse toResponse(
      InferenceRequest request,
      ResponseSink collected,
      Map<String, List<String>> headers,
      Redactor redactor) {
    return collected.toResponse(
        request, dialect.providerName(), settings.model(), headers, redactor);
  }

  InferenceException httpError(
      @Nullable String requestId,
      int status,
      HttpEngine.Exchange headers,
      byte[] body,
      Redactor redactor) {
    if (status / 100 == 3) {
      return failure(
              requestId,
              ErrorKind.INVALID_REQUEST,
              dialect.providerName()
                  + " answered HTTP "
                  + status
                  + " (a redirect to "
                  + redactor.redact(headers.header("location").orElse("nowhere"))
                  + "); redirects are not followed: set base_url to the final endpoint")
          .httpStatus(status)
          .build();
    }
    InferenceException mapped = dialect.httpError(status, headers::header, body, redactor, clock);
    return requestId == null ? mapped : mapped.toBuilder().requestId(requestId).build();
  }

  InferenceException payloadError(
      InferenceRequest request, JsonValue payload, int status, Redactor redactor) {
    return dialect.payloadError(payload, redactor).toBuilder()
        .requestId(request.requestId())
        .build();
  }

  InferenceException transportFailure(
      @Nullable String requestId, Throwable error, Redactor redactor) {
    Throwable cause = ErrorMapper.unwrap(error);
    if (cause instanceof InferenceException known) {
      return known;
    }
    if (cause instanceof CancellationException) {
      return failure(requestId, ErrorKind.CANCELLED, "the call was cancelled").cause(cause).build();
    }
    for (Throwable link = cause; link != null; link = link.getCause()) {
      if (link instanceof BodyTooLargeException tooLarge) {
        return failure(
                requestId,
                ErrorKind.MALFORMED_RESPONSE,
                dialect.providerName()
                    + " sent a response body larger than the "
                    + tooLarge.limit()
                    + "-byte limit; reading stopped there. Raise max_body_bytes if its answers"
                    + " are really that big")
            .cause(tooLarge)
            .build();
      }
    }
    String where = endpoint.getHost() + ":" + port(endpoint);
    if (cause instanceof javax.net.ssl.SSLException) {
      String detail =
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return failure(
              requestId,
              ErrorKind.TRANSPORT,
              "the TLS handshake with "
                  + where
                  + " failed: "
                  + redactor.redact(detail)
                  + "; if the server's certificate comes from a private CA or is self-signed,"
                  + " set tls_ca_file to its PEM certificate")
          .cause(cause)
          .build();
    }
    // without a first-event timeout the JDK's only timer is the connect timeout, which it reports
    // as a plain response timeout when the connection is made late under load
    HttpEngineTimeoutException.Phase late =
        cause instanceof HttpEngineTimeoutException timeout ? timeout.phase() : null;
    if (late == HttpEngineTimeoutException.Phase.CONNECT
        || (late == HttpEngineTimeoutException.Phase.RESPONSE
            && settings.timeouts().firstEvent().isEmpty())) {
      return failure(
              requestId,
              ErrorKind.TIMEOUT,
              "could not connect to "
                  + where
                  + " within "
                  + settings.timeouts().connect().toMillis()
                  + " ms; check that the server is up and reachable")
          .timeoutPhase(InferenceException.TimeoutPhase.CONNECT)
          .cause(cause)
          .build();
    }
    if (late == HttpEngineTimeoutException.Phase.RESPONSE) {
      return failure(
              requestId,
              ErrorKind.TIMEOUT,
              dialect.providerName()
                  + " did not answer within the first-event timeout of "
                  + settings.timeouts().firstEvent().orElseThrow().toMillis()
                  + " ms; raise first_token_timeout_secs if the model needs longer to start")
          .timeoutPhase(InferenceException.TimeoutPhase.FIRST_EVENT)
          .cause(cause)
          .build();
    }
    if (cause instanceof java.net.ConnectException) {
      return failure(
              requestId,
              ErrorKind.TRANSPORT,
              "could not connect to "
                  + where
                  + " (connection refused); check that the server is running and base_url is right")
          .cause(cause)
          .build();
    }
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return failure(
            requestId,
            ErrorKind.TRANSPORT,
            "the connection to " + where + " failed: " + redactor.redact(detail))
        .cause(cause)
        .build();
  }

  InferenceResponse readBody(
      InferenceRequest request, HttpEngine.Exchange response, Redactor redactor) {
    int status = response.status();
    byte[] body = bufferedBody(request.requestId(), response, redactor);
    if (status / 100 != 2) {
      throw httpError(request.requestId(), status, response, body, redactor);
    }
    ResponseSink collected = ResponseSink.forBody();
    try (JsonReader parser = Json.reader(body)) {
      dialect.readResponse(parser, collected);
    } catch (IOException notJson) {
      throw unusable(request, status, "with a body that is not valid JSON", body, redactor)
          .cause(notJson)
          .build();
    }
    if (collected.error().isPresent()) {
      // the status and the body stay: a 2xx that carries an error object is still a 2xx
      throw payloadError(request, collected.error().get(), 0, redactor).toBuilder()
          .httpStatus(status)
          .responseBody(keptBody(body, redactor))
          .build();
    }
    if (!collected.sawContent()) {
      throw unusable(request, status, "without the assistant message content", body, redactor)
          .build();
    }
    return toResponse(request, collected, response.headers(), redactor);
  }

  /** The body of a buffered exchange, which the engine has read already. */
  byte[] bufferedBody(@Nullable String requestId, HttpEngine.Exchange response, Redactor redactor) {
    try {
      return response.bufferedBody();
    } catch (IOException failed) {
      throw transportFailure(requestId, failed, redactor);
    }
  }

  /** A 2xx answer the dialect could not use: its status and (redacted) body stay on the error. */
  private InferenceException.Builder unusable(
      InferenceRequest request, int status, String what, byte[] body, Redactor redactor) {
    return failure(
            request,
            ErrorKind.MALFORMED_RESPONSE,
            dialect.providerName()
                + " returned HTTP "
                + status
                + " "
                + what
                + ": "
                + ErrorMapper.snippet(body, redactor))
        .httpStatus(status)
        .responseBody(keptBody(body, redactor));
  }

  private static String keptBody(byte[] body, Redactor redactor) {
    return ErrorMapper.keptBody(new String(body, StandardCharsets.UTF_8), redactor);
  }

  HttpEngineRequest httpRequest(InferenceRequest request, boolean stream) {
    byte[] body;
    try {
      body =
          Json.write(
              out ->
                  dialect.writeRequest(
                      out, request, CallOptions.resolve(request, settings), stream));
    } catch (IOException impossible) {
      throw new IllegalStateException("writing to memory failed", impossible);
    }
    HttpEngineRequest.Builder builder =
        HttpEngineRequest.builder(credentials.target())
            .method("POST", body)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT);
    // the engine's request timeout ends when the headers arrive: exactly the first-event phase
    Optional<Duration> firstEvent = settings.timeouts().firstEvent();
    if (firstEvent.isPresent()) {
      builder.timeout(firstEvent.get());
    }
    if (stream) {
      builder.header("Accept", dialect.framing().mediaType());
    } else {
      // no Accept: every provider answers JSON, and each header costs the JDK client four copies
      builder.buffered(maxBodyBytes, MAX_ERROR_BODY_BYTES);
    }
    refuseKeyInTheClear(endpoint, request.requestId());
    Map<String, String> headers;
    try {
      headers = dialectHeaders();
    } catch (IllegalStateException missingKey) {
      throw failure(request, ErrorKind.AUTHENTICATION, missingKey.getMessage()).build();
    }
    headers.forEach(builder::header);
    Optional<String> basic = credentials.authorization(headers);
    if (basic.isPresent()) {
      builder.header("Authorization", basic.get());
    }
    dialect.requestHeaders(request).forEach(builder::header);
    HttpEngineRequest built = builder.build();
    if (Log.LOG.isLoggable(System.Logger.Level.TRACE)) { // no message supplier made per call
      Log.LOG.log(
          System.Logger.Level.TRACE,
          "POST "
              + Redactor.url(endpoint)
              + " "
              + redactor().headers(multi(built.headers()))
              + " ("
              + body.length
              + " bytes)");
    }
    return built;
  }

  /**
   * Fails before anything is sent when the profile has an API key and the URL is plain {@code
   * http://} to a host that is not loopback, unless {@code allow_insecure_http} is set. Loopback is
   * judged from the URL alone ({@code localhost}, {@code *.localhost}, {@code 127.x.x.x}, {@code
   * [::1]}), never by resolving the name.
   */
  void refuseKeyInTheClear(URI uri, @Nullable String requestId) {
    if (settings.tls().allowInsecureHttp() || !EndpointRules.keyInTheClear(settings, uri)) {
      return;
    }
    String host = uri.getHost() != null ? uri.getHost() : String.valueOf(uri.getRawAuthority());
    throw failure(
            requestId,
            ErrorKind.AUTHENTICATION,
            "refusing to send the API key over plain http:// to '"
                + host.substring(host.lastIndexOf('@') + 1)
                + "', where anyone on the network path could read it; use https://, or set"
                + " allow_insecure_http = true in the profile"
                + " (ProviderSettings.Builder.allowInsecureHttp(true)) if that network is trusted")
        .build();
  }

  /**
   * The redactor for the key as it is now; a key is resolved on every call so that a rotated one is
   * picked up, and the redactor is rebuilt only when the key changed.
   */
  Redactor redactor() {
    return redactors.current();
  }

  /**
   * The dialect's headers, asked for at the first call and again only when the key's value changed
   * (a rotated key): building them on every call cost a map and the key's header text each time.
   *
   * @throws IllegalStateException if the key cannot be revealed
   */
  private Map<String, String> dialectHeaders() {
    Optional<Secret> secret = settings.apiKey();
    String key = secret.isPresent() ? secret.get().reveal() : null;
    KeyedHeaders known = keyedHeaders;
    if (known != null && Objects.equals(known.key(), key)) {
      return known.headers();
    }
    Map<String, String> headers = dialect.headers(settings);
    keyedHeaders = new KeyedHeaders(key, headers);
    return headers;
  }

  /** The dialect's headers for one value of the key; its text never shows the key. */
  private record KeyedHeaders(@Nullable String key, Map<String, String> headers) {
    @Override
    public String toString() {
      return "KeyedHeaders" + headers.keySet();
    }
  }

  static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }

  /**
   * A request of a runtime operation; {@code buffered} when its whole body is read at once, within
   * the body limits.
   */
  HttpEngineRequest operationRequest(
      String method,
      URI uri,
      @Nullable JsonValue body,
      Duration timeout,
      String accept,
      boolean buffered) {
    UrlCredentials operation = UrlCredentials.of(uri);
    HttpEngineRequest.Builder builder =
        HttpEngineRequest.builder(operation.target())
            .timeout(timeout)
            .header("Accept", accept)
            .header("User-Agent", USER_AGENT);
    if (body == null) {
      builder.method(method, null);
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, body.toJson().getBytes(StandardCharsets.UTF_8));
    }
    if (buffered) {
      builder.buffered(maxBodyBytes, MAX_ERROR_BODY_BYTES);
    }
    refuseKeyInTheClear(uri, null);
    Map<String, String> headers;
    try {
      headers = dialectHeaders();
    } catch (IllegalStateException missingKey) {
      throw failure((String) null, ErrorKind.AUTHENTICATION, missingKey.getMessage()).build();
    }
    headers.forEach(builder::header);
    operation.authorization(headers).ifPresent(basic -> builder.header("Authorization", basic));
    return builder.build();
  }

  private static Map<String, List<String>> multi(Map<String, String> headers) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return multi;
  }
}
