package dev.inference.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.FinishReason;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.Tool;
import dev.inference.ToolChoice;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The platform driver sends tools and images in the OpenAI form and reads tool calls back. */
class PlatformToolsTest {

  private static final String PATH = "/v1/chat/completions";

  /** The arguments of the labelling tool. */
  public record Label(String name) {}

  @RegisterExtension
  static WireMockExtension gateway =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void aToolAndAnImageGoOutAsOpenAiDoesAndTheToolCallComesBack() {
    gateway.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"model\":\"bitloops-vision\",\"choices\":[{\"index\":0,\"message\":{"
                            + "\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
                            + "\"call_l\",\"type\":\"function\",\"function\":{\"name\":\"label\","
                            + "\"arguments\":\"{\\\"name\\\":\\\"cat\\\"}\"}}]},"
                            + "\"finish_reason\":\"tool_calls\"}]}")));
    ProviderSettings settings =
        ProviderSettings.builder("bitloops_platform_chat")
            .model("bitloops-vision")
            .baseUrl(URI.create("http://127.0.0.1:" + gateway.getPort() + PATH))
            .build();
    InferenceRequest request =
        InferenceRequest.builder()
            .messages(
                List.of(
                    Message.user(
                        "Label it.",
                        Part.Image.inline(new byte[] {1, 2, 3}, "image/webp")
                            .withDetail(Part.Image.Detail.AUTO))))
            .addTool(Tool.of("label", "Names what is shown", Label.class))
            .toolChoice(ToolChoice.named("label"))
            .build();

    InferenceResponse response;
    try (InferenceClient client = Inference.connect(settings)) {
      response = client.infer(request);
    }

    assertThat(gateway.getAllServeEvents()).hasSize(1);
    assertThat(gateway.getAllServeEvents().get(0).getRequest().getBodyAsString())
        .isEqualTo(
            "{\"model\":\"bitloops-vision\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Label it.\"},{\"type\":\"image_url\",\"image_url\":"
                + "{\"url\":\"data:image/webp;base64,AQID\",\"detail\":\"auto\"}}]}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"label\","
                + "\"description\":\"Names what is shown\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"],"
                + "\"additionalProperties\":false},\"strict\":true}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"label\"}},"
                + "\"stream\":false}");
    assertThat(response.providerName()).isEqualTo("bitloops");
    assertThat(response.toolCalls())
        .containsExactly(Part.ToolCall.parse("call_l", "label", "{\"name\":\"cat\"}"));
    assertThat(response.toolCalls().get(0).argumentsAs(Label.class)).isEqualTo(new Label("cat"));
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
    assertThat(Inference.factory("bitloops_platform_chat").capabilities().tools()).isTrue();
  }
}
