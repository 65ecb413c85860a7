package dev.inference.testkit;

import dev.inference.ResponseFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sections 1 to 8 of the conformance kit (9 to 14 are in {@link FailureSections}, 15 and 16 in
 * {@link ContentSections}), which {@link DriverConformanceKit} (HTTP) and {@link
 * SocketConformanceKit} (a raw socket) inherit (JUnit runs the {@code @Nested} classes of
 * superclasses). The rules talk to the wire through {@code kit.wire()}, so each section runs on
 * either transport; a rule that needs HTTP is skipped on the socket with that reason.
 */
abstract class KitSections extends FailureSections {

  KitSections() {}

  @Nested
  @DisplayName("1 Discovery")
  class Discovery {
    private final DiscoveryRules rules = new DiscoveryRules(kit);

    @Test
    @DisplayName("1.1 the driver id is snake case and names exactly one installed driver")
    void required_s1_1_idIsSnakeCaseAndInstalledOnce() {
      rules.idIsSnakeCaseAndInstalledOnce();
    }

    @Test
    @DisplayName("1.2 declared config keys have unique names and a description")
    void required_s1_2_configKeysAreUniqueAndDescribed() {
      rules.configKeysAreUniqueAndDescribed();
    }

    @Test
    @DisplayName("1.3 a client describes the capabilities its factory declares")
    void required_s1_3_clientDeclaresTheFactorysCapabilities() {
      rules.clientDeclaresTheFactorysCapabilities();
    }

    @Test
    @DisplayName(
        "1.4 a response mode the driver does not declare fails with UNSUPPORTED before any request")
    void required_s1_4_undeclaredModesAreUnsupported() {
      rules.undeclaredModesAreUnsupported();
    }
  }

  @Nested
  @DisplayName("2 Describe")
  class Describe {
    private final DiscoveryRules rules = new DiscoveryRules(kit);

    @Test
    @DisplayName(
        "2.1 describe() makes no network call and names the kind, provider, model and endpoint")
    void required_s2_1_describeIsLocalAndComplete() {
      rules.describeIsLocalAndComplete();
    }
  }

  @Nested
  @DisplayName("3 Text inference")
  class TextInference {
    private final TextRules rules = new TextRules(kit);

    @Test
    @DisplayName("3.1 the system prompt and the user prompt reach the wire as given")
    void required_s3_1_promptsReachTheWire() {
      rules.promptsReachTheWire();
    }

    @Test
    @DisplayName(
        "3.2 the request's temperature and max output tokens reach the wire over the profile's")
    void required_s3_2_requestValuesOverrideTheProfile() {
      rules.requestValuesOverrideTheProfile();
    }

    @Test
    @DisplayName(
        "3.3 without request values, the profile's temperature and max output tokens reach the wire")
    void required_s3_3_profileDefaultsReachTheWire() {
      rules.profileDefaultsReachTheWire();
    }

    @Test
    @DisplayName(
        "3.4 the answer's text comes back exactly, with the provider name describe() reports")
    void required_s3_4_textComesBackExactly() {
      rules.textComesBackExactly();
    }
  }

  @Nested
  @DisplayName("4 JSON_OBJECT")
  class JsonObjectMode {
    private final JsonRules rules = new JsonRules(kit);

    @BeforeEach
    void declared() {
      kit.assumeFormat(ResponseFormat.Kind.JSON_OBJECT);
    }

    @Test
    @DisplayName("4.1 a JSON_OBJECT request asks the provider for JSON")
    void required_s4_1_theRequestAsksForJson() {
      rules.theRequestAsksForJson();
    }

    @Test
    @DisplayName(
        "4.2 parsedJson equals the answer's object by value, and text keeps the raw answer")
    void required_s4_2_parsedJsonEqualsTheObject() {
      rules.parsedJsonEqualsTheObject();
    }

    @Test
    @DisplayName("4.3 an object inside prose or a code fence still parses")
    void required_s4_3_proseAndFencesStillParse() {
      rules.proseAndFencesStillParse();
    }

    @Test
    @DisplayName(
        "4.4 an answer with no JSON object is MALFORMED_RESPONSE, not retryable, carrying the text")
    void required_s4_4_noObjectIsMalformedWithTheText() {
      rules.noObjectIsMalformedWithTheText();
    }
  }

  @Nested
  @DisplayName("5 JSON_SCHEMA")
  class JsonSchemaMode {
    private final JsonRules rules = new JsonRules(kit);

    @BeforeEach
    void declared() {
      kit.assumeFormat(ResponseFormat.Kind.JSON_SCHEMA);
    }

    @Test
    @DisplayName("5.1 a JSON_SCHEMA request carries the schema to the provider")
    void required_s5_1_theRequestCarriesTheSchema() {
      rules.theRequestCarriesTheSchema();
    }

    @Test
    @DisplayName("5.2 parsedJson equals the answer's object by value")
    void required_s5_2_parsedJsonEqualsTheObject() {
      rules.schemaParsedJsonEqualsTheObject();
    }
  }

  @Nested
  @DisplayName("6 Usage")
  class UsageReporting {
    private final TextRules rules = new TextRules(kit);

    @Test
    @DisplayName("6.1 usage the provider sends is reported exactly")
    void required_s6_1_sentUsageIsReported() {
      rules.sentUsageIsReported();
    }

    @Test
    @DisplayName(
        "6.2 usage the provider does not send is absent, in answers and streams: never invented")
    void required_s6_2_unsentUsageIsAbsent() {
      rules.unsentUsageIsAbsent();
    }
  }

  @Nested
  @DisplayName("7 Finish reasons")
  class FinishReasons {
    private final TextRules rules = new TextRules(kit);

    @Test
    @DisplayName("7.1 a natural end is STOP, with the provider's word kept as raw")
    void required_s7_1_stop() {
      rules.finishIsStop();
    }

    @Test
    @DisplayName("7.2 the output-token limit is LENGTH")
    void required_s7_2_length() {
      rules.finishIsLength();
    }

    @Test
    @DisplayName("7.3 the provider's content filter is CONTENT_FILTER")
    void optional_s7_3_contentFilter() {
      rules.finishIsContentFilter();
    }
  }

  @Nested
  @DisplayName("8 Streaming")
  class Streaming {
    private final StreamingRules rules = new StreamingRules(kit);

    @BeforeEach
    void declared() {
      kit.assumeStreaming();
    }

    @Test
    @DisplayName(
        "8.1 text deltas arrive in the provider's order, and they join to the Completed text")
    void required_s8_1_deltasInOrderJoinToTheText() {
      rules.deltasInOrderJoinToTheText();
    }

    @Test
    @DisplayName(
        "8.2 a stream ends with exactly one Completed, carrying the finish reason and the usage")
    void required_s8_2_exactlyOneCompletedWithUsageAndFinishReason() {
      rules.exactlyOneCompletedWithUsageAndFinishReason();
    }

    @Test
    @DisplayName("8.3 close() mid-stream closes the connection, and the reader then gets CANCELLED")
    void required_s8_3_closeCancelsOnTheWire() throws Exception {
      rules.closeCancelsOnTheWire();
    }

    @Test
    @DisplayName(
        "8.4 an error inside the stream is SERVER_ERROR, with the provider's message and the partial"
            + " text")
    void required_s8_4_midStreamErrorSurfacesWithPartialText() {
      rules.midStreamErrorSurfacesWithPartialText();
    }

    @Test
    @DisplayName(
        "8.5 a stream that ends before the provider finished is STREAM_TRUNCATED with the partial"
            + " text")
    void required_s8_5_truncatedStreamIsStreamTruncated() {
      rules.truncatedStreamIsStreamTruncated();
    }

    @Test
    @DisplayName(
        "8.6 a body split into 1-byte and 7-byte chunks gives the same events as the whole")
    void required_s8_6_byteSplitBodiesGiveTheSameResult() {
      rules.byteSplitBodiesGiveTheSameResult();
    }

    @Test
    @DisplayName(
        "8.7 close() from another thread unblocks a waiting reader with CANCELLED, keeping the"
            + " partial text")
    void required_s8_7_closeFromAnotherThreadUnblocksTheReader() throws Exception {
      rules.closeFromAnotherThreadUnblocksTheReader();
    }

    @Test
    @DisplayName(
        "8.8 a body cut inside a frame is STREAM_TRUNCATED, retryable, with the text of the whole"
            + " frames")
    void required_s8_8_bodyCutMidFrameIsStreamTruncated() {
      rules.bodyCutMidFrameIsStreamTruncated();
    }
  }
}
