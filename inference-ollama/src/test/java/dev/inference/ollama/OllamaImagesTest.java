package dev.inference.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.ollama.OllamaTestSupport.OPTIONS;
import static dev.inference.ollama.OllamaTestSupport.PATH;
import static dev.inference.ollama.OllamaTestSupport.ndjson;
import static dev.inference.ollama.OllamaToolsTest.assertUnsupported;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.StreamEvent;
import dev.inference.testkit.DriverServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Image input over Ollama's {@code /api/chat}: base64 in the message's {@code images}. */
class OllamaImagesTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OllamaTestSupport::client);

  /** The first bytes of a PNG: "iVBORw0KGgo=" in base64. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  /** The first bytes of a JPEG: "/9j/4AAQ" in base64, with a '/' that JSON leaves as is. */
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10};

  static final String ANSWER =
      "{\"model\":\"llava\",\"created_at\":\"2025-08-14T09:30:12.918276473Z\",\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"A cat.\"},\"done_reason\":\"stop\","
          + "\"done\":true,\"prompt_eval_count\":600,\"eval_count\":3}";

  private static void answer(byte[] body, String contentType) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", contentType)
                    .withBody(body)));
  }

  private static void assertSentExactly(String body) {
    server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalTo(body)));
  }

  @Test
  void inlineImagesGoAsBase64OnTheirOwnUserMessageAndTheDetailHintIsDropped() {
    answer(ANSWER.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");

    String text =
        server
            .client()
            .infer(
                InferenceRequest.builder()
                    .messages(
                        List.of(
                            Message.system("Describe images."),
                            Message.user("And this one?", Part.Image.inline(PNG, "image/png")),
                            Message.assistant("A dog."),
                            Message.user(
                                "What is in these pictures?",
                                Part.Image.inline(PNG, "image/png"),
                                Part.Image.inline(JPEG, "image/jpeg")
                                    .withDetail(Part.Image.Detail.HIGH))))
                    .build())
            .text();

    assertSentExactly(
        "{\"model\":\"llama3.2\",\"messages\":["
            + "{\"role\":\"system\",\"content\":\"Describe images.\"},"
            + "{\"role\":\"user\",\"content\":\"And this one?\",\"images\":[\"iVBORw0KGgo=\"]},"
            + "{\"role\":\"assistant\",\"content\":\"A dog.\"},"
            + "{\"role\":\"user\",\"content\":\"What is in these pictures?\","
            + "\"images\":[\"iVBORw0KGgo=\",\"/9j/4AAQ\"]}],"
            + OPTIONS
            + ",\"stream\":false}");
    assertThat(text).isEqualTo("A cat.");
  }

  @Test
  void aStreamedCallSendsTheSameImages() {
    answer(
        ndjson(
            "{\"model\":\"llava\",\"created_at\":\"2025-08-14T09:30:12.1Z\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"A cat.\"},\"done\":false}",
            "{\"model\":\"llava\",\"created_at\":\"2025-08-14T09:30:12.2Z\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\","
                + "\"done\":true}"),
        "application/x-ndjson");
    List<StreamEvent> events = new ArrayList<>();

    try (InferenceStream stream =
        server.client().stream(
            InferenceRequest.builder()
                .addMessage(Message.user("What is this?", Part.Image.inline(JPEG, "image/jpeg")))
                .build())) {
      stream.forEach(events::add);
    }

    assertSentExactly(
        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"What is this?\","
            + "\"images\":[\"/9j/4AAQ\"]}],"
            + OPTIONS
            + ",\"stream\":true}");
    assertThat(events.get(0)).isEqualTo(new StreamEvent.TextDelta("A cat."));
    assertThat(events).hasSize(2);
  }

  @Test
  void anImageByUrlIsUnsupportedBeforeAnyRequestAndSaysToSendTheBytes() {
    for (URI url :
        List.of(
            URI.create("https://images.example/cat.png"),
            URI.create("data:image/png;base64,iVBORw0KGgo="))) {
      InferenceRequest request =
          InferenceRequest.builder()
              .addMessage(
                  Message.user(
                      "What is this?", Part.Image.inline(PNG, "image/png"), Part.Image.url(url)))
              .build();

      assertUnsupported(
          () -> server.client().infer(request), "Part.Image.inline(bytes, mediaType)");
      assertUnsupported(() -> server.client().stream(request), "fetch images by URL");
    }
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
