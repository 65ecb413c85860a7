package dev.inference.testkit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Tool;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the kit needs to know about one provider's wire format: how to point a profile at the kit's
 * WireMock server, which requests are chat calls, how each {@link Scenario} looks on the wire, and
 * where the request body carries each canonical field.
 *
 * <pre>{@code
 * final class MyWireFixture implements WireFixture {
 *   public ProviderSettings.Builder settings(URI server) {
 *     return ProviderSettings.builder("my_driver").model("m-1").baseUrl(server.resolve("/v1/chat"));
 *   }
 *   public MappingBuilder chatRequest() {
 *     return WireMock.post(WireMock.urlPathEqualTo("/v1/chat"));
 *   }
 *   ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface WireFixture {

  /**
   * A profile for the driver under test that sends its chat calls to {@code server}. The kit sets
   * the API key, the temperature and output-token defaults and the timeouts on it afterwards; set
   * the driver id, the model, the endpoint and any driver-specific option the scenarios need.
   *
   * @param server the base URL of the kit's server, such as {@code http://127.0.0.1:40123/}; for
   *     the refused-connection rule, a port where nothing listens
   * @return the builder, never {@code null}
   */
  ProviderSettings.Builder settings(URI server);

  /**
   * A new matcher for the driver's chat calls (method and path), such as {@code
   * post(urlPathEqualTo("/v1/chat/completions"))}; called once per stub.
   *
   * @return a new mapping builder, never {@code null}
   */
  MappingBuilder chatRequest();

  /**
   * Renders a scenario as the provider's response: status, headers and the body byte for byte as
   * the provider writes it (SSE frames, NDJSON lines, its error envelope).
   *
   * <p>{@link Scenario.Stall}, {@link Scenario.MalformedBody} and {@link Scenario.HtmlErrorPage}
   * are played by the kit and never passed here.
   *
   * @param scenario the scenario
   * @return the response, or empty when the provider has no such behaviour: the rules that need it
   *     are then skipped if optional and failed if required
   */
  Optional<ResponseDefinitionBuilder> render(Scenario scenario);

  /**
   * Where the provider's request body carries the canonical fields, as JSON Pointers (RFC 6901).
   * The kit sends a system prompt and a user prompt, in that order, when it reads them.
   *
   * @return the pointers, never {@code null}
   */
  RequestPointers pointers();

  /**
   * The members a request body must have to ask the provider for a response format, by JSON
   * Pointer: for OpenAI's JSON_OBJECT {@code "/response_format/type" -> "json_object"}, for
   * Ollama's {@code "/format" -> "json"}.
   *
   * @param format a JSON object or JSON schema format
   * @return the pointers and the values they must hold; not empty
   */
  Map<String, JsonValue> responseFormatMembers(ResponseFormat format);

  /**
   * The members a request body must have to offer the model {@code tool}, its only tool, by JSON
   * Pointer: for OpenAI {@code "/tools/0/function/name" -> "get_weather"} and the parameters'
   * schema at {@code /tools/0/function/parameters}. Needed when the driver declares tools.
   *
   * @param tool the request's only tool
   * @return the pointers and the values they must hold; empty (the default) when the fixture cannot
   *     say, which fails the rules of a driver that declares tools
   * @since 0.2
   */
  default Map<String, JsonValue> toolMembers(Tool tool) {
    return Map.of();
  }

  /**
   * The members a request body must have to send a tool's result back, by JSON Pointer. The
   * request's messages are a user prompt (0), the assistant turn holding {@code call} (1) and the
   * tool message holding {@code result} (2); OpenAI names the call by id ({@code
   * "/messages/2/tool_call_id"}), Ollama by tool name ({@code "/messages/2/tool_name"}). Needed
   * when the driver declares tools.
   *
   * @param call the call the assistant turn holds
   * @param result the result of that call
   * @return the pointers and the values they must hold; empty (the default) when the fixture cannot
   *     say, which fails the rules of a driver that declares tools
   * @since 0.2
   */
  default Map<String, JsonValue> toolResultMembers(Part.ToolCall call, Part.ToolResult result) {
    return Map.of();
  }

  /**
   * The members a request body must have to send {@code image}, by JSON Pointer. The request's only
   * message is a user message of a text part and then the image; OpenAI carries it as {@code
   * "/messages/0/content/1/image_url/url" -> image.href()} (a data URL when inline), Ollama as
   * {@code "/messages/0/images/0" -> image.base64()}. Needed when the driver declares image input.
   *
   * @param image the image, inline or by URL (URLs only when the driver declares image URLs)
   * @return the pointers and the values they must hold; empty (the default) when the fixture cannot
   *     say, which fails the rules of a driver that declares image input
   * @since 0.2
   */
  default Map<String, JsonValue> imageMembers(Part.Image image) {
    return Map.of();
  }

  /**
   * JSON Pointers (RFC 6901) into the provider's request body.
   *
   * @param systemPrompt the system prompt's text ({@code /messages/0/content})
   * @param userPrompt the user prompt's text when it follows a system prompt ({@code
   *     /messages/1/content})
   * @param temperature the temperature ({@code /temperature}, Ollama {@code /options/temperature})
   * @param maxOutputTokens the output-token limit ({@code /max_tokens}, Ollama {@code
   *     /options/num_predict})
   */
  record RequestPointers(
      String systemPrompt, String userPrompt, String temperature, String maxOutputTokens) {
    /**
     * Checks the pointers.
     *
     * @param systemPrompt the system prompt
     * @param userPrompt the user prompt
     * @param temperature the temperature
     * @param maxOutputTokens the output-token limit
     */
    public RequestPointers {
      for (String pointer :
          new String[] {
            Objects.requireNonNull(systemPrompt, "systemPrompt"),
            Objects.requireNonNull(userPrompt, "userPrompt"),
            Objects.requireNonNull(temperature, "temperature"),
            Objects.requireNonNull(maxOutputTokens, "maxOutputTokens")
          }) {
        if (!pointer.startsWith("/")) {
          throw new IllegalArgumentException(
              "a JSON Pointer starts with '/', but was '" + pointer + "'");
        }
      }
    }
  }
}
