package dev.inference.testkit;

import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Tool;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What the kit needs to know about a socket driver's wire, for the {@link SocketConformanceKit}:
 * how to point a profile at the kit's raw socket server, which frames the driver sends are calls,
 * how each {@link Scenario} looks as the bytes the server writes back to one call, and where the
 * request frame carries each canonical field.
 *
 * <p>A type of its own rather than a mode of {@link WireFixture}: an HTTP fixture renders a
 * scenario once, as a WireMock response (status, headers, body) matched by method and path, whereas
 * a socket fixture renders it per call, from the request frame (to echo its id), as bytes with no
 * status or headers around them. The two share {@link WireFixture.RequestPointers} and the member
 * methods, which mean the same on both transports (JSON Pointers into the request body or the
 * request frame). Rules that need HTTP (statuses, {@code Retry-After} headers, HTML error pages)
 * are skipped on this transport with that reason; see the testkit's {@code SPEC.md}.
 *
 * <pre>{@code
 * final class MyWireFixture implements SocketWireFixture {
 *   public ProviderSettings.Builder settings(URI endpoint) {
 *     return ProviderSettings.builder("my_socket").model("m-1").baseUrl(endpoint);
 *   }
 *   public Optional<Reply> render(Scenario scenario) {
 *     if (scenario instanceof Scenario.Text text) {
 *       return Optional.of(request -> line(id(request), "done", text.text()));
 *     }
 *     ...
 *   }
 * }
 * }</pre>
 *
 * @since 0.2
 */
public interface SocketWireFixture {

  /**
   * The bytes the kit's server writes back to one call, made from the call's request frame.
   *
   * @since 0.2
   */
  @FunctionalInterface
  interface Reply {
    /**
     * The bytes for one call, exactly as the provider writes them (whole frames with their line
     * ends; a cut stream ends where the next frame would start).
     *
     * @param request the call's request frame, parsed (a JSON string holding the line when it was
     *     not JSON)
     * @return the bytes, possibly none (a provider that closes the connection silently)
     */
    byte[] bytes(JsonValue request);
  }

  /**
   * A profile for the driver under test that connects to {@code endpoint}. The kit sets the API
   * key, the temperature and output-token defaults and the timeouts on it afterwards; set the
   * driver id, the model, the endpoint and any driver-specific option the scenarios need.
   *
   * @param endpoint the kit's socket server, {@code tcp://127.0.0.1:PORT} (or {@code unix:/path}
   *     when {@link #unixSocket()}); for the refused-connection rule, an endpoint where nothing
   *     listens
   * @return the builder, never {@code null}
   */
  ProviderSettings.Builder settings(URI endpoint);

  /**
   * Renders a scenario as the bytes the provider writes back to one call; after them the kit ends
   * its side of the connection (a half-close) and waits for the driver to close it. The kit reads
   * the request frame (a line) first, so the reply can echo what it holds.
   *
   * <p>Passed here: {@link Scenario.Text}, {@link Scenario.StreamedText}, {@link
   * Scenario.JsonObject}, {@link Scenario.ToolCalls}, {@link Scenario.HttpError} (the protocol's
   * error frame for the problem; empty for a problem the protocol has not, which skips its rule),
   * {@link Scenario.MidStreamError}, {@link Scenario.Truncated} and {@link Scenario.MalformedBody}
   * (one frame whose payload is the body, which is not JSON). The kit plays {@link Scenario.Stall}
   * itself by holding the bytes back; {@link Scenario.RateLimited} and {@link
   * Scenario.HtmlErrorPage} are HTTP's and never passed.
   *
   * @param scenario the scenario
   * @return the reply, or empty when the provider has no such behaviour: the rules that need it are
   *     then skipped if optional (and for error problems) and failed if required
   */
  Optional<Reply> render(Scenario scenario);

  /**
   * JSON Pointers into the request frame: the system prompt, the user prompt, the temperature and
   * the output-token limit.
   *
   * @return the pointers, never {@code null}
   */
  WireFixture.RequestPointers pointers();

  /**
   * Whether a frame the driver sends is a call, which the kit answers and counts; other frames (an
   * authentication frame, a handshake) are read and not answered. The default counts every frame.
   *
   * @param frame a frame the driver sent, parsed
   * @return true for a call
   */
  default boolean isCall(JsonValue frame) {
    return true;
  }

  /**
   * Whether the kit serves on a Unix domain socket in a temporary folder instead of loopback TCP;
   * the rules that need a TCP port (the connect timeout of 10.1) are then skipped.
   *
   * @return false (the default) for loopback TCP
   */
  default boolean unixSocket() {
    return false;
  }

  /**
   * As {@link WireFixture#responseFormatMembers}, in the request frame. Needed when the driver
   * declares a JSON mode.
   *
   * @param format a JSON object or JSON schema format
   * @return the pointers and the values they must hold; empty (the default) when the fixture cannot
   *     say, which fails the rules of a driver that declares a JSON mode
   */
  default Map<String, JsonValue> responseFormatMembers(ResponseFormat format) {
    return Map.of();
  }

  /**
   * As {@link WireFixture#toolMembers}, in the request frame. Needed when the driver declares
   * tools.
   *
   * @param tool the request's only tool
   * @return the pointers and the values they must hold; empty by default
   */
  default Map<String, JsonValue> toolMembers(Tool tool) {
    return Map.of();
  }

  /**
   * As {@link WireFixture#toolResultMembers}, in the request frame. Needed when the driver declares
   * tools.
   *
   * @param call the call the assistant turn holds
   * @param result the result of that call
   * @return the pointers and the values they must hold; empty by default
   */
  default Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
    return Map.of();
  }

  /**
   * As {@link WireFixture#imageMembers}, in the request frame. Needed when the driver declares
   * image input.
   *
   * @param image the image
   * @return the pointers and the values they must hold; empty by default
   */
  default Map<String, JsonValue> imageMembers(Part.Image image) {
    return Map.of();
  }
}
