package dev.inference.openai;

import static dev.inference.openai.OpenAiTestSupport.sentBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceRequest;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.Role;
import dev.inference.testkit.DriverServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images in user messages as OpenAI content parts, byte for byte. */
class OpenAiImagesTest {

  /** The 8-byte PNG signature; its base64 is {@code iVBORw0KGgo=}. */
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OpenAiTestSupport::client);

  @BeforeEach
  void answerACat() {
    OpenAiTestSupport.answer(
        server,
        "{\"choices\":[{\"message\":{\"content\":\"A cat.\"},\"finish_reason\":\"stop\"}]}");
  }

  private String send(Message... messages) {
    assertThat(
            server
                .client()
                .infer(InferenceRequest.builder().messages(List.of(messages)).build())
                .text())
        .isEqualTo("A cat.");
    return sentBody(server);
  }

  @Test
  void aUserMessageWithImagesBecomesTextAndImageUrlParts() {
    String body =
        send(
            Message.system("Be brief."),
            Message.user(
                "What is this?",
                Part.Image.inline(PNG, "image/png").withDetail(Part.Image.Detail.LOW),
                Part.Image.url(URI.create("https://example.com/cat.jpg"))));

    assertThat(body)
        .isEqualTo(
            "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be"
                + " brief.\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is"
                + " this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"data:image/png;base64,iVBORw0KGgo=\",\"detail\":\"low\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.jpg\"}}]}],"
                + "\"temperature\":0.1,\"max_tokens\":200,\"stream\":false}");
  }

  @Test
  void anImageAloneAndADataUrlGoAsTheyAreWithTheirDetail() {
    String body =
        send(
            Message.of(
                Role.USER,
                Part.Image.url(URI.create("data:image/jpeg;base64,/9j/4AAQ"))
                    .withDetail(Part.Image.Detail.HIGH)),
            Message.assistant("A photo."),
            Message.user("Again?"));

    assertThat(body)
        .isEqualTo(
            "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64,/9j/4AAQ\","
                + "\"detail\":\"high\"}}]},{\"role\":\"assistant\",\"content\":\"A photo.\"},"
                + "{\"role\":\"user\",\"content\":\"Again?\"}],"
                + "\"temperature\":0.1,\"max_tokens\":200,\"stream\":false}");
  }
}
