package dev.inference.stub;

import com.sun.net.httpserver.HttpExchange;
import dev.inference.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What every endpoint of a {@link StubServer} does with an exchange: read headers, send bodies. */
final class Exchanges {

  private Exchanges() {}

  /**
   * Drops the connection: the HTTP server closes it when a handler throws, without the rest of the
   * response (no headers, or no last chunk).
   */
  static final class Drop extends IOException {
    private static final long serialVersionUID = 1L;

    Drop() {
      super("the stub drops the connection");
    }
  }

  /** The request headers, names in lower case. */
  static Map<String, List<String>> headers(HttpExchange exchange) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return out;
  }

  static void sendJson(HttpExchange exchange, int status, JsonValue body) throws IOException {
    send(exchange, status, "application/json", Wire.bytes(body.toJson()));
  }

  static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A JSON object of name and value pairs, in order. */
  static JsonValue object(Object... pairs) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      members.put((String) pairs[i], (JsonValue) pairs[i + 1]);
    }
    return JsonValue.object(members);
  }
}
