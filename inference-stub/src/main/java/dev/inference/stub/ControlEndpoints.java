package dev.inference.stub;

import static dev.inference.stub.Exchanges.object;
import static dev.inference.stub.Exchanges.sendJson;

import com.sun.net.httpserver.HttpExchange;
import dev.inference.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The control endpoints of a {@link StubServer}, for tests written in other languages: {@code POST
 * /_stub/replies}, {@code GET /_stub/requests} and {@code POST /_stub/reset}.
 */
final class ControlEndpoints {

  private final StubServer server;
  private final ReplyScript script;

  ControlEndpoints(StubServer server, ReplyScript script) {
    this.server = server;
    this.script = script;
  }

  void serve(HttpExchange exchange, String method, String path, String body) throws IOException {
    switch (method + " " + path) {
      case "POST /_stub/replies" -> {
        try {
          JsonValue spec = JsonValue.parse(body);
          List<Reply> replies = new ArrayList<>();
          if (spec instanceof JsonValue.ArrayValue array) {
            array.elements().forEach(e -> replies.add(ReplySpecs.parse(e, server.dialect())));
          } else {
            replies.add(ReplySpecs.parse(spec, server.dialect()));
          }
          server.enqueue(replies.toArray(Reply[]::new));
          sendJson(exchange, 200, object("queued", JsonValue.of(script.size())));
        } catch (IllegalArgumentException bad) {
          sendJson(exchange, 400, object("error", JsonValue.of(String.valueOf(bad.getMessage()))));
        }
      }
      case "GET /_stub/requests" ->
          sendJson(
              exchange,
              200,
              JsonValue.array(
                  server.requests().stream().map(RecordedRequest::toJsonValue).toList()));
      case "POST /_stub/reset" -> {
        server.reset();
        sendJson(exchange, 200, object("reset", JsonValue.of(true)));
      }
      default ->
          sendJson(
              exchange,
              404,
              object(
                  "error",
                  JsonValue.of(
                      "unknown control endpoint "
                          + method
                          + " "
                          + path
                          + "; known: POST /_stub/replies, GET /_stub/requests,"
                          + " POST /_stub/reset")));
    }
  }
}
