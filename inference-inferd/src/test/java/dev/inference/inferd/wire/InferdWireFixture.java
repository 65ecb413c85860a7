package dev.inference.inferd.wire;

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
import java.util.function.Function;

/**
 * inferd protocol v1 as the daemon writes it, for the socket conformance kit: {@code token} frames,
 * one {@code done} frame with the full content, usage and stop reason, {@code error} frames with
 * the daemon's codes, every frame echoing the request's id.
 *
 * <p>On a Unix socket: over TCP the kit's key makes the driver send the daemon's auth frame first,
 * and then a connection that ends without a byte means "key refused" (AUTHENTICATION), which the
 * kit's rule for an empty answer (14.6) would count against it.
 */
public final class InferdWireFixture implements SocketWireFixture {

  @Override
  public ProviderSettings.Builder settings(URI endpoint) {
    return ProviderSettings.builder("inferd").model("gemma-4").baseUrl(endpoint);
  }

  @Override
  public boolean unixSocket() {
    return true;
  }

  @Override
  public boolean isCall(JsonValue frame) {
    return frame.get("type").flatMap(JsonValue::asString).filter("auth"::equals).isEmpty();
  }

  @Override
  public WireFixture.RequestPointers pointers() {
    return new WireFixture.RequestPointers(
        "/messages/0/content", "/messages/1/content", "/temperature", "/max_tokens");
  }

  @Override
  public Optional<Reply> render(Scenario scenario) {
    if (!stopReasonExists(scenario)) {
      return Optional.empty(); // v1 stops only at the end or the length limit: no content filter
    }
    if (scenario instanceof Scenario.Text text) {
      return reply(id -> done(id, text.text(), text.finish(), text.usage()));
    }
    if (scenario instanceof Scenario.JsonObject object) {
      return reply(id -> done(id, object.text(), FinishReason.Kind.STOP, Optional.empty()));
    }
    if (scenario instanceof Scenario.StreamedText streamed) {
      return reply(
          id ->
              tokens(id, streamed.deltas())
                  + done(
                      id, String.join("", streamed.deltas()), streamed.finish(), streamed.usage()));
    }
    if (scenario instanceof Scenario.MidStreamError error) {
      return reply(id -> tokens(id, error.deltas()) + error(id, "internal", error.message()));
    }
    if (scenario instanceof Scenario.Truncated truncated) {
      return reply(id -> tokens(id, truncated.deltas()));
    }
    if (scenario instanceof Scenario.MalformedBody malformed) {
      return reply(id -> malformed.body() + "\n");
    }
    if (scenario instanceof Scenario.HttpError error) {
      Optional<String> code =
          switch (error.problem()) {
            case INVALID_REQUEST -> Optional.of("invalid_request");
            case SERVER_ERROR -> Optional.of("internal");
            case UNAVAILABLE -> Optional.of("backend_unavailable");
            default -> Optional.empty(); // v1 has no code for it
          };
      return code.flatMap(c -> reply(id -> error(id, c, error.message())));
    }
    return Optional.empty(); // v1 has no tools and no content filter
  }

  private static boolean stopReasonExists(Scenario scenario) {
    FinishReason.Kind finish =
        scenario instanceof Scenario.Text text
            ? text.finish()
            : scenario instanceof Scenario.StreamedText streamed
                ? streamed.finish()
                : FinishReason.Kind.STOP;
    return finish == FinishReason.Kind.STOP || finish == FinishReason.Kind.LENGTH;
  }

  private static Optional<Reply> reply(Function<String, String> frames) {
    return Optional.of(
        request -> {
          String id = request.get("id").flatMap(JsonValue::asString).orElse("");
          return frames.apply(quote(id)).getBytes(StandardCharsets.UTF_8);
        });
  }

  private static String tokens(String id, List<String> deltas) {
    StringBuilder frames = new StringBuilder();
    for (String delta : deltas) {
      frames.append("{\"type\":\"token\",\"id\":" + id + ",\"content\":" + quote(delta) + "}\n");
    }
    return frames.toString();
  }

  private static String done(
      String id, String content, FinishReason.Kind finish, Optional<Usage> usage) {
    String stop = finish == FinishReason.Kind.LENGTH ? "length" : "end";
    return "{\"type\":\"done\",\"id\":"
        + id
        + ",\"content\":"
        + quote(content)
        + usage
            .map(
                u ->
                    ",\"usage\":{\"prompt_tokens\":"
                        + u.promptTokens().orElseThrow()
                        + ",\"completion_tokens\":"
                        + u.completionTokens().orElseThrow()
                        + "}")
            .orElse("")
        + ",\"stop_reason\":\""
        + stop
        + "\",\"backend\":\"llamacpp\"}\n";
  }

  private static String error(String id, String code, String message) {
    return "{\"type\":\"error\",\"id\":"
        + id
        + ",\"code\":\""
        + code
        + "\",\"message\":"
        + quote(message)
        + "}\n";
  }

  private static String quote(String text) {
    return JsonValue.of(text).toJson();
  }
}
