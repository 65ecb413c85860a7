package dev.inference.anthropic;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.inference.anthropic.AnthropicTestSupport.answer;
import static dev.inference.anthropic.AnthropicTestSupport.sentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.anthropic.wire.AnthropicWireFixture;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images as content blocks: inline bytes and data: URLs as base64 sources, others as URLs. */
class AnthropicImagesTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** The 8-byte PNG signature: enough bytes to see them encoded. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void base64AndUrlSourcesGoInTheUserTurnAfterItsText() {
    answer(
        server,
        AnthropicWireFixture.message("Two charts.", FinishReason.Kind.STOP, Optional.empty()));
    String gif = Base64.getEncoder().encodeToString(new byte[] {'G', 'I', 'F', '8', '9', 'a'});
    try (InferenceClient client = AnthropicTestSupport.client(server.getPort())) {
      client.infer(
          InferenceRequest.builder()
              .messages(
                  List.of(
                      Message.user(
                          "What do these show?",
                          Part.Image.inline(PNG, "image/png").withDetail(Part.Image.Detail.HIGH),
                          Part.Image.url(URI.create("https://upload.wikimedia.org/a/chart.jpg")),
                          Part.Image.url(URI.create("data:image/gif;base64," + gif)))))
              .build());
    }
    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"What do these show?\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                + "\"data\":\"iVBORw0KGgo=\"}},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"url\","
                + "\"url\":\"https://upload.wikimedia.org/a/chart.jpg\"}},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/gif\","
                + "\"data\":\""
                + gif
                + "\"}}]}]}");
  }
}
