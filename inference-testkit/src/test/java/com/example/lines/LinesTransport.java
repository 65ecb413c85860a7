package com.example.lines;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.Usage;
import dev.inference.kit.CallPipeline;
import dev.inference.kit.CallTransport;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Json;
import dev.inference.kit.Loopback;
import dev.inference.kit.NdjsonDecoder;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import dev.inference.kit.StreamAttempt;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code lines_chat} protocol on a {@link SocketChannel}, one connection per call. */
final class LinesTransport implements CallTransport {

  private static final int MAX_FRAME_BYTES = 1 << 20;

  private final CallPipeline pipeline;
  private final ProviderSettings settings;
  private final URI endpoint;
  private final String shown;
  private final Redactor redactor;

  LinesTransport(CallPipeline pipeline) {
    this.pipeline = pipeline;
    this.settings = pipeline.settings();
    this.endpoint = endpoint(settings);
    this.shown = Redactor.url(endpoint);
    this.redactor = Redactor.of(settings.apiKey().map(Secret::reveal).stream().toList());
  }

  /** The profile's endpoint: {@code tcp://} to a loopback host, or {@code unix:}. */
  static URI endpoint(ProviderSettings settings) {
    URI endpoint =
        settings
            .baseUrl()
            .orElseThrow(
                () ->
                    InferenceException.builder(
                            ErrorKind.INVALID_REQUEST,
                            "lines_chat needs base_url: tcp://127.0.0.1:PORT or unix:/path")
                        .build());
    boolean tcp = "tcp".equals(endpoint.getScheme()) && Loopback.isLoopback(endpoint.getHost());
    if (!tcp && !"unix".equals(endpoint.getScheme())) {
      throw InferenceException.builder(
              ErrorKind.INVALID_REQUEST,
              "lines_chat connects to tcp://127.0.0.1:PORT or unix:/path only, but base_url was "
                  + Redactor.url(endpoint))
          .build();
    }
    return endpoint;
  }

  @Override
  public Call prepare(InferenceRequest request, boolean stream) {
    StringBuilder frames = new StringBuilder();
    settings
        .apiKey()
        .ifPresent(
            key ->
                frames
                    .append(
                        object(
                                Map.of(
                                    "type",
                                    JsonValue.of("hello"),
                                    "key",
                                    JsonValue.of(key.reveal())))
                            .toJson())
                    .append('\n'));
    Map<String, JsonValue> chat = new LinkedHashMap<>();
    chat.put("type", JsonValue.of("chat"));
    chat.put("id", JsonValue.of(request.requestId()));
    chat.put("model", JsonValue.of(settings.model()));
    List<JsonValue> messages = new ArrayList<>();
    for (Message message : request.messages()) {
      messages.add(
          object(
              Map.of(
                  "role", JsonValue.of(message.role().name().toLowerCase(java.util.Locale.ROOT)),
                  "content", JsonValue.of(message.text()))));
    }
    chat.put("messages", JsonValue.array(messages));
    request
        .temperature()
        .ifPresentOrElse(
            t -> chat.put("temperature", JsonValue.of(t)),
            () -> settings.temperature().ifPresent(t -> chat.put("temperature", JsonValue.of(t))));
    request
        .maxOutputTokens()
        .ifPresentOrElse(
            n -> chat.put("max_tokens", JsonValue.of(n)),
            () ->
                settings.maxOutputTokens().ifPresent(n -> chat.put("max_tokens", JsonValue.of(n))));
    chat.put("stream", JsonValue.of(stream));
    frames.append(object(chat).toJson()).append('\n');
    byte[] bytes = frames.toString().getBytes(StandardCharsets.UTF_8);
    return new Call() {
      @Override
      public InferenceResponse send() {
        Attempt attempt = connect(request, bytes);
        try {
          ResponseSink sink = ResponseSink.forBody();
          try {
            while (attempt.read(sink) >= 0) {
              // frames go into the sink
            }
          } catch (IOException broken) {
            throw attempt.failure(broken);
          }
          if (!sink.isComplete()) {
            throw pipeline
                .failure(
                    request.requestId(),
                    ErrorKind.STREAM_TRUNCATED,
                    "the lines server at "
                        + shown
                        + " closed the connection before its answer ended")
                .partialText(redactor.redact(sink.text()))
                .build();
          }
          return attempt.response(sink);
        } finally {
          attempt.abort();
        }
      }

      @Override
      public StreamAttempt open() {
        return connect(request, bytes);
      }
    };
  }

  private static JsonValue object(Map<String, JsonValue> members) {
    return JsonValue.object(members);
  }

  private Attempt connect(InferenceRequest request, byte[] frames) {
    SocketChannel channel = null;
    try {
      if ("unix".equals(endpoint.getScheme())) {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(endpoint.getSchemeSpecificPart()));
      } else {
        channel = SocketChannel.open(StandardProtocolFamily.INET);
        channel
            .socket()
            .connect(
                new InetSocketAddress(endpoint.getHost(), endpoint.getPort()),
                Math.toIntExact(settings.timeouts().connect().toMillis()));
      }
      ByteBuffer out = ByteBuffer.wrap(frames);
      while (out.hasRemaining()) {
        channel.write(out);
      }
      return new Attempt(request, channel);
    } catch (SocketTimeoutException slow) {
      close(channel);
      throw pipeline
          .failure(
              request.requestId(),
              ErrorKind.TIMEOUT,
              "could not connect to the lines server at "
                  + shown
                  + " within "
                  + settings.timeouts().connect().toMillis()
                  + " ms; is it overloaded?")
          .timeoutPhase(InferenceException.TimeoutPhase.CONNECT)
          .build();
    } catch (ConnectException refused) {
      close(channel);
      throw pipeline
          .failure(
              request.requestId(),
              ErrorKind.TRANSPORT,
              "the lines server at " + shown + " refused the connection; is it running?")
          .cause(refused)
          .build();
    } catch (IOException failed) {
      close(channel);
      throw pipeline
          .failure(
              request.requestId(),
              ErrorKind.TRANSPORT,
              "could not send the call to the lines server at " + shown + ": " + failed)
          .cause(failed)
          .build();
    }
  }

  private static void close(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** One call's connection, read frame by frame into the sink. */
  private final class Attempt implements StreamAttempt {
    private final InferenceRequest request;
    private final SocketChannel channel;
    private final ByteBuffer input = ByteBuffer.allocate(8192);
    private final NdjsonDecoder decoder = new NdjsonDecoder(MAX_FRAME_BYTES, this::frame);
    private ResponseSink sink = ResponseSink.forBody();
    private boolean ended;
    private int frames;

    Attempt(InferenceRequest request, SocketChannel channel) {
      this.request = request;
      this.channel = channel;
    }

    @Override
    public int read(ResponseSink into) throws IOException {
      if (ended) {
        return -1;
      }
      sink = into;
      input.clear();
      int read = channel.read(input);
      if (read < 0) {
        if (frames == 0) {
          // nothing of the answer came: a broken connection, worth a retry, not a cut stream
          throw new EOFException("the server closed the connection before its first frame");
        }
        return -1; // half a frame at the end is dropped: the stream was cut, not finished
      }
      decoder.feed(input.array(), 0, read);
      return read;
    }

    private void frame(String line) {
      frames++;
      JsonValue frame;
      try {
        frame = Json.parse(line);
      } catch (IllegalArgumentException notJson) {
        throw pipeline
            .failure(
                request.requestId(),
                ErrorKind.MALFORMED_RESPONSE,
                "the lines server sent a frame that is not JSON: "
                    + ErrorMapper.snippet(line, redactor))
            .build();
      }
      if (!frame
          .get("id")
          .flatMap(JsonValue::asString)
          .orElse(request.requestId())
          .equals(request.requestId())) {
        return; // another call's frame
      }
      String type = frame.get("type").flatMap(JsonValue::asString).orElse("");
      switch (type) {
        case "delta" -> frame.get("text").flatMap(JsonValue::asString).ifPresent(sink::text);
        case "end" -> end(frame);
        case "fail" -> throw fail(frame);
        default -> {
          // unknown frames are ignored, so the protocol can grow
        }
      }
    }

    private void end(JsonValue frame) {
      frame.get("content").flatMap(JsonValue::asString).ifPresent(sink::text);
      frame
          .get("stop")
          .flatMap(JsonValue::asString)
          .map(LinesTransport::reason)
          .ifPresent(sink::finishReason);
      frame
          .get("usage")
          .ifPresent(
              usage ->
                  sink.usage(
                      Usage.of(
                          usage.get("in").flatMap(v -> boxed(v.asLong())).orElse(0L),
                          usage.get("out").flatMap(v -> boxed(v.asLong())).orElse(0L),
                          usage.get("total").flatMap(v -> boxed(v.asLong())).orElse(0L))));
      sink.complete();
      ended = true;
    }

    private InferenceException fail(JsonValue frame) {
      String code = frame.get("code").flatMap(JsonValue::asString).orElse("unknown");
      String message = frame.get("message").flatMap(JsonValue::asString).orElse("");
      ErrorKind kind =
          switch (code) {
            case "unauthorized" -> ErrorKind.AUTHENTICATION;
            case "forbidden" -> ErrorKind.PERMISSION_DENIED;
            case "no_model" -> ErrorKind.MODEL_NOT_FOUND;
            case "bad_request" -> ErrorKind.INVALID_REQUEST;
            case "too_long" -> ErrorKind.CONTEXT_LENGTH_EXCEEDED;
            case "out_of_credit" -> ErrorKind.QUOTA_EXCEEDED;
            case "unavailable" -> ErrorKind.UNAVAILABLE;
            default -> ErrorKind.SERVER_ERROR;
          };
      ended = true;
      return pipeline
          .failure(
              request.requestId(),
              kind,
              "the lines server failed ("
                  + redactor.redact(code)
                  + "): "
                  + redactor.redact(message))
          .providerCode(redactor.redact(code))
          .build();
    }

    @Override
    public void abort() {
      close(channel);
    }

    @Override
    public InferenceException failure(IOException failure) {
      return pipeline
          .failure(
              request.requestId(),
              ErrorKind.TRANSPORT,
              "the connection to the lines server at " + shown + " broke: " + failure)
          .cause(failure)
          .build();
    }

    @Override
    public InferenceResponse response(ResponseSink done) {
      return done.toResponse(request, "lines", settings.model(), Map.of(), redactor);
    }
  }

  private static java.util.Optional<Long> boxed(java.util.OptionalLong value) {
    return value.isPresent()
        ? java.util.Optional.of(value.getAsLong())
        : java.util.Optional.empty();
  }

  private static FinishReason reason(String raw) {
    return switch (raw) {
      case "end" -> new FinishReason(FinishReason.Kind.STOP, raw);
      case "length" -> new FinishReason(FinishReason.Kind.LENGTH, raw);
      case "filter" -> new FinishReason(FinishReason.Kind.CONTENT_FILTER, raw);
      default -> new FinishReason(FinishReason.Kind.OTHER, raw);
    };
  }
}
