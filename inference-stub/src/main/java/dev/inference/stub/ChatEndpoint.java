package dev.inference.stub;

import static dev.inference.stub.Exchanges.send;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.inference.JsonValue;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The chat endpoint of a {@link StubServer}: picks the reply from the script and writes it in the
 * dialect, as one body or as a stream, with its pauses and its ending.
 */
final class ChatEndpoint {

  private static final String SOCKET_ONLY = "the inferd dialect answers on its socket, not HTTP";

  private final Dialect dialect;
  private final ReplyScript script;
  private final Closing closing;
  private final Clock clock;
  private final AtomicLong answers = new AtomicLong();

  ChatEndpoint(Dialect dialect, ReplyScript script, Closing closing, Clock clock) {
    this.dialect = dialect;
    this.script = script;
    this.closing = closing;
    this.clock = clock;
  }

  void serve(HttpExchange exchange, RecordedRequest request) throws IOException {
    JsonValue json;
    try {
      json = JsonValue.parse(request.body());
    } catch (IllegalArgumentException notJson) {
      sendError(exchange, 400, "the request body is not JSON: " + notJson.getMessage());
      return;
    }
    boolean generate = request.path().equals(OllamaGenerateWire.PATH);
    if (generate) {
      json = OllamaGenerateWire.asChat(json);
    }
    String model = json.get("model").flatMap(JsonValue::asString).orElse(StubServer.DEFAULT_MODEL);
    boolean stream =
        json.get("stream")
            .map(v -> v == JsonValue.BooleanValue.TRUE)
            .orElse(dialect == Dialect.OLLAMA);
    Reply reply = script.next(request, json, dialect);
    Stamp stamp = Stamp.of(reply, dialect, answers.incrementAndGet(), clock.instant());
    Headers headers = exchange.getResponseHeaders();
    String requestIdHeader = requestIdHeader(dialect);
    if (requestIdHeader != null && reply.parts().kind() != Reply.Kind.DROP) {
      boolean scripted =
          reply.parts().headers().keySet().stream().anyMatch(requestIdHeader::equalsIgnoreCase);
      if (!scripted) {
        headers.add(requestIdHeader, stamp.requestId());
      }
    }
    reply.parts().headers().forEach(headers::add);
    switch (reply.parts().kind()) {
      case ERROR -> {
        byte[] bytes =
            reply.parts().dialectError()
                ? Wire.bytes(
                    ErrorBodies.of(
                        dialect,
                        reply.parts().status(),
                        new String(reply.parts().body(), StandardCharsets.UTF_8),
                        stamp.requestId()))
                : reply.parts().body();
        String trimmed = new String(bytes, StandardCharsets.UTF_8).strip();
        String type =
            trimmed.startsWith("{") || trimmed.startsWith("[") ? "application/json" : "text/plain";
        send(exchange, reply.parts().status(), type, bytes);
      }
      case STALL -> closing.await(reply.parts().delay().isZero() ? null : reply.parts().delay());
      case DROP -> throw new Exchanges.Drop();
      case CONTENT -> content(exchange, json, reply, model, stream, stamp, generate);
    }
  }

  /** {@code x-request-id} (OpenAI), {@code request-id} (Anthropic); Ollama sends none. */
  private static @Nullable String requestIdHeader(Dialect dialect) {
    return switch (dialect) {
      case OPENAI -> "x-request-id";
      case ANTHROPIC -> "request-id";
      case OLLAMA, INFERD -> null;
    };
  }

  private void content(
      HttpExchange exchange,
      JsonValue json,
      Reply reply,
      String model,
      boolean stream,
      Stamp stamp,
      boolean generate)
      throws IOException {
    String answerModel = reply.parts().model(model);
    long promptWords = DefaultReplies.promptWords(json);
    Wire.Encoded encoded;
    if (!stream) {
      encoded =
          encoded(
              reply,
              stamp,
              "body/" + dialect + "/" + generate + "/" + answerModel + "/" + promptWords,
              () ->
                  switch (dialect) {
                    case OPENAI -> OpenAiWire.body(reply, answerModel, promptWords, stamp);
                    case OLLAMA ->
                        generate
                            ? OllamaGenerateWire.body(reply, answerModel, promptWords, stamp)
                            : Wire.ollamaBody(reply, answerModel, promptWords, stamp);
                    case ANTHROPIC -> AnthropicWire.body(reply, answerModel, promptWords, stamp);
                    case INFERD -> throw new IllegalStateException(SOCKET_ONLY);
                  });
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, encoded.length(reply.parts().repeat()));
    } else {
      boolean usage =
          json.get("stream_options")
              .flatMap(o -> o.get("include_usage"))
              .map(v -> v == JsonValue.BooleanValue.TRUE)
              .orElse(false);
      encoded =
          encoded(
              reply,
              stamp,
              "stream/"
                  + dialect
                  + "/"
                  + generate
                  + "/"
                  + answerModel
                  + "/"
                  + promptWords
                  + "/"
                  + usage,
              () ->
                  switch (dialect) {
                    case OPENAI -> OpenAiWire.stream(reply, answerModel, promptWords, usage, stamp);
                    case OLLAMA ->
                        generate
                            ? OllamaGenerateWire.stream(reply, answerModel, promptWords, stamp)
                            : Wire.ollamaStream(reply, answerModel, promptWords, stamp);
                    case ANTHROPIC -> AnthropicWire.stream(reply, answerModel, promptWords, stamp);
                    case INFERD -> throw new IllegalStateException(SOCKET_ONLY);
                  });
      exchange
          .getResponseHeaders()
          .add(
              "Content-Type",
              dialect == Dialect.OLLAMA ? "application/x-ndjson" : "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
    }
    long pause = stream ? reply.parts().delay().toMillis() : 0;
    OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 16 * 1024);
    out.write(encoded.head());
    if (stream) {
      out.flush();
    }
    for (long r = 0; r < reply.parts().repeat(); r++) {
      for (byte[] middle : encoded.middles()) {
        if (pause > 0) {
          if (closing.await(Duration.ofMillis(pause))) {
            return;
          }
        }
        out.write(middle);
        if (pause > 0) {
          out.flush();
        }
      }
    }
    Reply.Ending ending = stream ? reply.parts().ending() : Reply.Ending.FINISH;
    switch (ending) {
      case FINISH -> {}
      case STALL -> {
        out.flush();
        closing.await(null);
        return;
      }
      case TRUNCATE -> {
        out.close(); // the last chunk: the body ends cleanly, the dialect's finish never came
        return;
      }
      case DROP -> {
        out.flush();
        throw new Exchanges.Drop();
      }
      case ERROR -> {
        out.write(
            dialect == Dialect.ANTHROPIC
                ? AnthropicWire.streamError(reply.parts().errorMessage())
                : Wire.streamError(dialect, reply.parts().errorMessage()));
        out.close();
        return;
      }
    }
    out.write(encoded.tail());
    out.flush();
    out.close();
  }

  /** The bytes of an answer, kept on the reply when its stamp is scripted, else made anew. */
  private static Wire.Encoded encoded(
      Reply reply, Stamp stamp, String key, Supplier<Wire.Encoded> encoder) {
    return stamp.cacheable(reply)
        ? reply.parts().encoded(key + "/" + stamp.key(), encoder)
        : encoder.get();
  }

  private void sendError(HttpExchange exchange, int status, String message) throws IOException {
    String requestId = Stamp.requestId(answers.incrementAndGet());
    String header = requestIdHeader(dialect);
    if (header != null) {
      exchange.getResponseHeaders().add(header, requestId);
    }
    send(
        exchange,
        status,
        "application/json",
        Wire.bytes(
            dialect == Dialect.OPENAI
                ? ErrorBodies.openAi(status, message, null, null)
                : ErrorBodies.of(dialect, status, message, requestId)));
  }
}
