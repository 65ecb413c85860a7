package dev.inference.testkit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sections 15 (tools) and 16 (images) of the {@link DriverConformanceKit}, which inherits them
 * (JUnit runs the {@code @Nested} classes of superclasses), and the context every test works with.
 * A class of its own so that the kit's file stays small; its rules run for a driver only when it
 * declares the capability, and the rules of refusal only when it does not.
 */
abstract class ContentSections {

  /** What the running test works with; set up by the kit before each test. */
  final KitContext kit = new KitContext();

  ContentSections() {}

  @Nested
  @DisplayName("15 Tools")
  class Tools {
    private final ToolRules rules = new ToolRules(kit);

    @Test
    @DisplayName("15.1 the request's tools reach the wire")
    void required_s15_1_toolsReachTheWire() {
      rules.toolsReachTheWire();
    }

    @Test
    @DisplayName(
        "15.2 a tool call is read with its id, name and parsed arguments, finished as TOOL_CALLS")
    void required_s15_2_oneCallIsRead() {
      rules.oneCallIsRead();
    }

    @Test
    @DisplayName("15.3 several tool calls in one answer keep their order")
    void required_s15_3_severalCallsKeepTheirOrder() {
      rules.severalCallsKeepTheirOrder();
    }

    @Test
    @DisplayName(
        "15.4 streamed tool calls arrive as ToolCallDelta events, first with id and name, and"
            + " Completed holds them assembled")
    void required_s15_4_streamedFragmentsAreAssembled() {
      rules.streamedFragmentsAreAssembled();
    }

    @Test
    @DisplayName("15.5 arguments that are not valid JSON are kept raw, and nothing throws")
    void optional_s15_5_invalidArgumentsAreKeptRaw() {
      rules.invalidArgumentsAreKeptRaw();
    }

    @Test
    @DisplayName("15.6 a tool's result is sent back with the call it answers")
    void required_s15_6_toolResultsAreSentBack() {
      rules.toolResultsAreSentBack();
    }

    @Test
    @DisplayName(
        "15.7 tools to a driver that does not declare them fail with UNSUPPORTED before any"
            + " request")
    void required_s15_7_undeclaredToolsAreUnsupported() {
      rules.undeclaredToolsAreUnsupported();
    }
  }

  @Nested
  @DisplayName("16 Images")
  class Images {
    private final ImageRules rules = new ImageRules(kit);

    @Test
    @DisplayName("16.1 an inline image reaches the wire")
    void required_s16_1_inlineImageReachesTheWire() {
      rules.inlineImageReachesTheWire();
    }

    @Test
    @DisplayName(
        "16.2 an image by URL reaches the wire when image URLs are declared, else fails with"
            + " UNSUPPORTED before any request")
    void required_s16_2_imageUrlReachesTheWireOrIsUnsupported() {
      rules.imageUrlReachesTheWireOrIsUnsupported();
    }

    @Test
    @DisplayName(
        "16.3 images to a driver that does not declare image input fail with UNSUPPORTED before"
            + " any request")
    void required_s16_3_undeclaredImagesAreUnsupported() {
      rules.undeclaredImagesAreUnsupported();
    }
  }
}
