package dev.inference.anthropic;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.inference.anthropic.AnthropicTestSupport.answer;
import static dev.inference.anthropic.AnthropicTestSupport.sentBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonSchema;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Role;
import dev.inference.Tool;
import dev.inference.ToolChoice;
import dev.inference.anthropic.wire.AnthropicWireFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JSON modes, structured outputs on and off, and extended thinking on the wire. */
class AnthropicModesTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},"
          + "\"required\":[\"title\"],\"additionalProperties\":false}";

  static final ResponseFormat TITLE =
      ResponseFormat.jsonSchema(JsonSchema.of("title", JsonValue.parse(SCHEMA)));

  private InferenceResponse call(ProviderSettings settings, InferenceRequest request, String text) {
    answer(server, AnthropicWireFixture.message(text, FinishReason.Kind.STOP, Optional.empty()));
    try (InferenceClient client = Inference.connect(settings)) {
      return client.infer(request);
    }
  }

  private ProviderSettings.Builder settings() {
    return AnthropicTestSupport.settings(server.getPort());
  }

  @Test
  void aSchemaGoesAsOutputConfigFormat() {
    InferenceResponse response =
        call(
            settings().build(),
            InferenceRequest.builder().userPrompt("title?").responseFormat(TITLE).build(),
            "{\"title\":\"Dune\"}");
    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"title?\"}],\"output_config\":{\"format\":{\"type\":\"json_schema\","
                + "\"schema\":"
                + SCHEMA
                + "}}}");
    assertThat(response.parsedJson()).contains(JsonValue.parse("{\"title\":\"Dune\"}"));
  }

  @Test
  void withoutStructuredOutputsTheSchemaIsAskedForInTheSystemPromptAndStrictIsDropped() {
    InferenceResponse response =
        call(
            settings().option("structured_outputs", JsonValue.of(false)).build(),
            InferenceRequest.builder()
                .systemPrompt("You name books.")
                .userPrompt("title?")
                .responseFormat(TITLE)
                .tools(
                    List.of(
                        Tool.of("t", "", JsonValue.parse("{\"type\":\"object\"}"))
                            .withStrict(true)))
                .build(),
            "Sure: ```json\n{\"title\": \"Dune\"}\n```");
    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"system\":\"You name books.\\n\\n"
                + "Answer with a single JSON object that matches this JSON schema, and nothing"
                + " else: "
                + SCHEMA.replace("\"", "\\\"")
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"title?\"}],"
                + "\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}]}");
    assertThat(response.parsedJson()).contains(JsonValue.parse("{\"title\":\"Dune\"}"));
  }

  @Test
  void jsonObjectIsAnInstructionAndTheObjectIsFoundInTheText() {
    InferenceResponse response =
        call(
            settings().build(),
            InferenceRequest.builder()
                .userPrompt("a point")
                .responseFormat(ResponseFormat.jsonObject())
                .build(),
            "Here it is: {\"x\": 1, \"y\": 2}");
    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"system\":\"Answer with a"
                + " single JSON object and nothing else: no prose, no code fences.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a point\"}]}");
    assertThat(response.parsedJson()).contains(JsonValue.parse("{\"x\":1,\"y\":2}"));
  }

  @Test
  void thinkingSendsItsBudgetAndLeavesTheTemperatureOut() {
    call(
        settings().temperature(0.7).option("thinking_budget_tokens", JsonValue.of(2048)).build(),
        InferenceRequest.builder().userPrompt("Think.").topP(0.95).build(),
        "ok");
    assertThat(sentBody(server))
        .as("no max_output_tokens anywhere: the budget plus the default")
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":6144,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Think.\"}],\"top_p\":0.95,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}");
  }

  @Test
  void thinkingRefusesAForcedToolAndToolCallsSentBackBeforeAnyByte() {
    ProviderSettings thinking =
        settings().option("thinking_budget_tokens", JsonValue.of(2048)).build();
    Tool lookup = Tool.of("lookup", "", JsonValue.parse("{\"type\":\"object\"}"));
    Part.ToolCall call = Part.ToolCall.parse("toolu_1", "lookup", "{}");
    try (InferenceClient client = Inference.connect(thinking)) {
      InferenceException forced =
          catchThrowableOfType(
              InferenceException.class,
              () ->
                  client.infer(
                      InferenceRequest.builder()
                          .userPrompt("look it up")
                          .addTool(lookup)
                          .toolChoice(ToolChoice.required())
                          .build()));
      assertThat(forced.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
      assertThat(forced.getMessage()).contains("tool choice required", "thinking_budget_tokens");

      InferenceException sentBack =
          catchThrowableOfType(
              InferenceException.class,
              () ->
                  client.infer(
                      InferenceRequest.builder()
                          .messages(
                              List.of(
                                  Message.user("look it up"),
                                  Message.of(Role.ASSISTANT, call),
                                  Message.toolResults(List.of(Part.ToolResult.of(call, "found")))))
                          .addTool(lookup)
                          .build()));
      assertThat(sentBack.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
      assertThat(sentBack.getMessage()).contains("signed thinking block");
    }
    assertThat(server.getAllServeEvents()).as("requests the server saw").isEmpty();
  }
}
