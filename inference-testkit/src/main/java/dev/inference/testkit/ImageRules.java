package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.assertMembers;
import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.Message;
import dev.inference.Part;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** The rules of section 16 (images): inline images and image URLs on the wire, or refused. */
final class ImageRules {

  /**
   * A PNG signature and the start of its header (enough bytes to show where they go), with a detail
   * hint for providers that take one.
   */
  private static final Part.Image INLINE =
      Part.Image.inline(
              new byte[] {
                (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H'
              },
              "image/png")
          .withDetail(Part.Image.Detail.HIGH);

  private static final Part.Image BY_URL =
      Part.Image.url(URI.create("https://images.example/cats/tabby.png?size=large"));

  private static final String ANSWER = "A tabby cat on a red sofa.";

  private final KitContext kit;

  ImageRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 16.1. */
  void inlineImageReachesTheWire() {
    assumeImages();
    assertImageReachesTheWire(INLINE);
  }

  /** Rule 16.2. */
  void imageUrlReachesTheWireOrIsUnsupported() {
    assumeImages();
    if (kit.factory().capabilities().imageUrls()) {
      assertImageReachesTheWire(BY_URL);
    } else {
      assertUnsupported(List.of(BY_URL), "an image URL, to a driver without image URLs");
    }
  }

  /** Rule 16.3. */
  void undeclaredImagesAreUnsupported() {
    Assumptions.assumeFalse(
        kit.factory().capabilities().imageInput(),
        "the driver declares image input, so images are supported");
    assertUnsupported(List.of(INLINE, BY_URL), "images, to a driver without image input");
  }

  private void assertImageReachesTheWire(Part.Image image) {
    kit.stub(new Scenario.Text(ANSWER, FinishReason.Kind.STOP, Optional.empty()));
    String text = kit.client().infer(question(image)).text();
    assertMembers(
        kit.sentBody(),
        kit.fixture().imageMembers(image),
        "the fixture's image members (WireFixture.imageMembers), for a driver that declares image"
            + " input");
    assertThat(text).as("the answer about the image").isEqualTo(ANSWER);
  }

  private void assertUnsupported(List<Part.Image> images, String what) {
    InferenceClient client = kit.client();
    Capabilities capabilities = kit.factory().capabilities();
    List<InferenceException> failures = new ArrayList<>();
    for (Part.Image image : images) {
      failures.add(failureOf(() -> client.infer(question(image))));
      if (capabilities.streaming()) {
        failures.add(failureOf(() -> readAll(client, question(image))));
      }
    }
    assertThat(kit.requestsSeen()).as("requests the server saw").isZero();
    assertThat(failures)
        .as("the failures of requests with %s", what)
        .allSatisfy(failure -> assertThat(failure.kind()).isEqualTo(ErrorKind.UNSUPPORTED));
  }

  private void assumeImages() {
    Assumptions.assumeTrue(
        kit.factory().capabilities().imageInput(), "the driver does not declare image input");
  }

  private static InferenceRequest question(Part.Image image) {
    return InferenceRequest.builder()
        .addMessage(Message.user("What is in this picture?", image))
        .build();
  }
}
