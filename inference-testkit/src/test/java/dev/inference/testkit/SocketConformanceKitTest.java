package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.example.lines.LinesConformanceTest;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The socket kit fails a broken socket driver exactly on the rules it breaks (ignoring {@code
 * close()} breaks 8.3 and 8.7; taking the end of the connection for the end of the answer, a lost
 * terminal frame, breaks 8.5 and 8.8), and runs every rule that does not need HTTP: for {@code
 * lines_chat}, which declares streaming and usage and neither JSON modes, tools nor images, the
 * only other skips are the four HTTP rules, each with the reason.
 */
class SocketConformanceKitTest {

  @Test
  void skipsOnlyTheHttpRulesAndTheUndeclaredCapabilities() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(LinesConformanceTest.class))
            .execute();
    Map<String, String> failed = new TreeMap<>();
    results.testEvents().failed().stream()
        .forEach(event -> failed.put(event.getTestDescriptor().getDisplayName(), reason(event)));
    Map<String, String> skipped = new TreeMap<>();
    results.testEvents().aborted().stream()
        .forEach(event -> skipped.put(number(event), reason(event)));
    assertThat(failed).as("rules lines_chat fails").isEmpty();
    Map<String, String> http = new TreeMap<>(skipped);
    http.values().removeIf(reason -> reason.contains("the driver does not declare"));
    assertThat(http.keySet())
        .as("rules skipped for another reason than a capability: %s", http)
        .containsExactlyInAnyOrder("9.6", "9.11", "11.4", "14.2");
    assertThat(http.values())
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .startsWith("Assumption failed: the rule needs HTTP (")
                    .endsWith("the driver is tested over the kit's raw socket transport"));
    assertThat(skipped.keySet())
        .as("the capability skips: JSON modes (4, 5), tools (15) and images (16.1, 16.2)")
        .contains("4.1", "5.1", "15.1", "16.1")
        .doesNotContain("15.7", "16.3", "1.4");
    assertThat(results.testEvents().succeeded().count())
        .as("rules lines_chat passes over the socket")
        .isEqualTo(52);
  }

  @Test
  void skipsTheErrorRulesOfProblemsTheProtocolHasNot() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(LinesWithoutAuthErrorsTestCase.class))
            .execute();
    Map<String, String> failed = new TreeMap<>();
    results.testEvents().failed().stream()
        .forEach(event -> failed.put(event.getTestDescriptor().getDisplayName(), reason(event)));
    Map<String, String> skipped = new TreeMap<>();
    results.testEvents().aborted().stream()
        .forEach(event -> skipped.put(number(event), reason(event)));
    assertThat(failed)
        .as("rules failed by a protocol without authentication errors (11.1, 11.2, 14.3 run)")
        .isEmpty();
    assertThat(skipped)
        .containsEntry(
            "9.1",
            "Assumption failed: the socket fixture renders no error frame for AUTHENTICATION:"
                + " the protocol has no such error")
        .containsKey("9.2")
        .doesNotContainKeys("11.1", "11.2", "14.3", "9.4");
  }

  static Stream<Arguments> brokenSocketDrivers() {
    return Stream.of(
        Arguments.of(
            BrokenSocketIgnoresCloseTestCase.class,
            Map.of(
                "required_s8_3_closeCancelsOnTheWire",
                "rule 8.3 close() mid-stream closes the connection, and the reader then gets"
                    + " CANCELLED: [the server saw the connection closed within",
                "required_s8_7_closeFromAnotherThreadUnblocksTheReader",
                "rule 8.7 close() from another thread unblocks a waiting reader with CANCELLED,"
                    + " keeping the partial text: ")),
        Arguments.of(
            BrokenSocketTakesEofForTheEndTestCase.class,
            Map.of(
                "required_s8_5_truncatedStreamIsStreamTruncated",
                "rule 8.5 a stream that ends before the provider finished is STREAM_TRUNCATED with"
                    + " the partial text: expected an InferenceException, but the call succeeded",
                "required_s8_8_bodyCutMidFrameIsStreamTruncated",
                "rule 8.8 a body cut inside a frame is STREAM_TRUNCATED, retryable, with the text of"
                    + " the whole frames: expected an InferenceException, but the call succeeded")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenSocketDrivers")
  void failsExactlyTheRulesABrokenSocketDriverBreaks(
      Class<?> testCase, Map<String, String> expected) {
    Map<String, String> failed = DriverConformanceKitSelfTest.failures(testCase);
    assertThat(failed.keySet())
        .as("the rules %s fails: %s", testCase.getSimpleName(), failed)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((test, message) -> assertThat(failed.get(test)).as(test).startsWith(message));
  }

  private static String number(Event event) {
    String name = event.getTestDescriptor().getDisplayName();
    return name.substring(0, name.indexOf(' '));
  }

  private static String reason(Event event) {
    return event
        .getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("(no message)");
  }
}
