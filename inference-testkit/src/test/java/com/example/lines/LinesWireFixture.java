package com.example.lines;

import dev.inference.FinishReason;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.Usage;
import dev.inference.testkit.Scenario;
import dev.inference.testkit.SocketWireFixture;
import dev.inference.testkit.WireFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The {@code lines_chat} protocol, byte for byte as its server writes it, for the socket kit. */
public final class LinesWireFixture implements SocketWireFixture {

  private final boolean unix;

  /** On loopback TCP. */
  public LinesWireFixture() {
    this(false);
  }

  /**
   * On loopback TCP or a Unix socket.
   *
   * @param unix whether the kit serves on a Unix socket
   */
  public LinesWireFixture(boolean unix) {
    this.unix = unix;
  }

  @Override
  public ProviderSettings.Builder settings(URI endpoint) {
    return ProviderSettings.builder(LinesProviderFactory.ID).model("lines-1").baseUrl(endpoint);
  }

  @Override
  public boolean unixSocket() {
    return unix;
  }

  @Override
  public boolean isCall(JsonValue frame) {
    return frame.get("type").flatMap(JsonValue::asString).filter("chat"::equals).isPresent();
  }

  @Override
  public WireFixture.RequestPointers pointers() {
    return new WireFixture.RequestPointers(
        "/messages/0/content", "/messages/1/content", "/temperature", "/max_tokens");
  }

  @Override
  public Optional<Reply> render(Scenario scenario) {
    if (scenario instanceof Scenario.Text text) {
      return reply(
          id -> end(id, ",\"content\":" + quote(text.text()), text.finish(), text.usage()));
    }
    if (scenario instanceof Scenario.JsonObject object) {
      return reply(
          id ->
              end(
                  id,
                  ",\"content\":" + quote(object.text()),
                  FinishReason.Kind.STOP,
                  Optional.empty()));
    }
    if (scenario instanceof Scenario.StreamedText streamed) {
      return reply(
          id -> deltas(id, streamed.deltas()) + end(id, "", streamed.finish(), streamed.usage()));
    }
    if (scenario instanceof Scenario.MidStreamError error) {
      return reply(id -> deltas(id, error.deltas()) + fail(id, "internal", error.message()));
    }
    if (scenario instanceof Scenario.Truncated truncated) {
      return reply(id -> deltas(id, truncated.deltas()));
    }
    if (scenario instanceof Scenario.MalformedBody malformed) {
      return reply(id -> malformed.body() + "\n");
    }
    if (scenario instanceof Scenario.HttpError error) {
      String code =
          switch (error.problem()) {
            case AUTHENTICATION -> "unauthorized";
            case PERMISSION_DENIED -> "forbidden";
            case MODEL_NOT_FOUND -> "no_model";
            case INVALID_REQUEST -> "bad_request";
            case CONTEXT_LENGTH_EXCEEDED -> "too_long";
            case QUOTA_EXCEEDED -> "out_of_credit";
            case SERVER_ERROR -> "internal";
            case UNAVAILABLE -> "unavailable";
          };
      return reply(id -> fail(id, code, error.message()));
    }
    return Optional.empty(); // no tools on this wire
  }

  /** A reply from the request's id. */
  private static Optional<Reply> reply(java.util.function.Function<String, String> frames) {
    return Optional.of(
        request -> {
          String id = request.get("id").flatMap(JsonValue::asString).orElse("");
          return frames.apply(quote(id)).getBytes(StandardCharsets.UTF_8);
        });
  }

  private static String deltas(String id, List<String> deltas) {
    StringBuilder frames = new StringBuilder();
    for (String delta : deltas) {
      frames.append("{\"id\":" + id + ",\"type\":\"delta\",\"text\":" + quote(delta) + "}\n");
    }
    return frames.toString();
  }

  private static String end(
      String id, String content, FinishReason.Kind finish, Optional<Usage> usage) {
    String stop =
        switch (finish) {
          case STOP -> "end";
          case LENGTH -> "length";
          case CONTENT_FILTER -> "filter";
          default -> "other";
        };
    return "{\"id\":"
        + id
        + ",\"type\":\"end\""
        + content
        + ",\"stop\":\""
        + stop
        + "\""
        + usage
            .map(
                u ->
                    ",\"usage\":{\"in\":"
                        + u.promptTokens().orElseThrow()
                        + ",\"out\":"
                        + u.completionTokens().orElseThrow()
                        + ",\"total\":"
                        + u.totalTokens().orElseThrow()
                        + "}")
            .orElse("")
        + "}\n";
  }

  private static String fail(String id, String code, String message) {
    return "{\"id\":"
        + id
        + ",\"type\":\"fail\",\"code\":\""
        + code
        + "\",\"message\":"
        + quote(message)
        + "}\n";
  }

  private static String quote(String text) {
    return JsonValue.of(text).toJson();
  }
}
