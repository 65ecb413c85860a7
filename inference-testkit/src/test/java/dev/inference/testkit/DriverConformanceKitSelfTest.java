package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit tests itself: it runs against drivers broken on purpose (the {@code *TestCase} classes,
 * which surefire does not run by themselves: the guide's driver of README.md, built on the public
 * driver kit, each time with one thing broken; for sections 15 and 16 only, {@link ToolDriver},
 * which declares tools and images, as it is and broken; for the {@link SocketConformanceKit}, the
 * socket driver {@code lines_chat} of {@code com.example.lines}, ignoring {@code close()} and
 * taking the end of the connection for the end of the answer) and must fail each exactly on the
 * rules it breaks, with the rule's number and a readable message. The runs go in parallel; each has
 * its own WireMock server.
 */
class DriverConformanceKitSelfTest {

  private static final Map<Class<?>, CompletableFuture<Map<String, String>>> RUNS =
      new ConcurrentHashMap<>();

  static Stream<Arguments> brokenDrivers() {
    return Stream.of(
        Arguments.of(
            BrokenDropsStreamUsageTestCase.class,
            Map.of(
                "required_s8_2_exactlyOneCompletedWithUsageAndFinishReason",
                "rule 8.2 a stream ends with exactly one Completed, carrying the finish reason and"
                    + " the usage: [the Completed usage")),
        Arguments.of(
            BrokenTwoCompletedTestCase.class,
            Map.of(
                "required_s8_2_exactlyOneCompletedWithUsageAndFinishReason",
                "rule 8.2 a stream ends with exactly one Completed, carrying the finish reason and"
                    + " the usage: [the Completed finish reason (the provider sent STOP)]")),
        Arguments.of(
            BrokenLeaksKeyTestCase.class,
            Map.of(
                "required_s11_1_noKeyInFailures",
                "rule 11.1 no failure's message, toString or partial text shows the key, even when"
                    + " the provider echoes it: [what AUTHENTICATION shows]")),
        Arguments.of(
            BrokenIgnoresCloseTestCase.class,
            Map.of(
                "required_s8_3_closeCancelsOnTheWire",
                "rule 8.3 close() mid-stream closes the connection, and the reader then gets"
                    + " CANCELLED: [the server saw the connection closed within",
                // which check fails first (the reader still blocked, or the connection still
                // open) depends on timing: either is this rule failing for this driver
                "required_s8_7_closeFromAnotherThreadUnblocksTheReader",
                "rule 8.7 close() from another thread unblocks a waiting reader with CANCELLED,"
                    + " keeping the partial text: ")),
        Arguments.of(
            BrokenRateLimitAsServerErrorTestCase.class,
            Map.of(
                "required_s9_6_rateLimitedWithRetryAfter",
                "rule 9.6 HTTP 429 is RATE_LIMITED, retryable, with the Retry-After wait: [kind of"
                    + " InferenceException[SERVER_ERROR")),
        Arguments.of(WorkingToolDriverTestCase.class, Map.of()),
        Arguments.of(
            BrokenLosesStreamedToolCallsTestCase.class,
            Map.of(
                "required_s15_4_streamedFragmentsAreAssembled",
                "rule 15.4 streamed tool calls arrive as ToolCallDelta events, first with id and"
                    + " name, and Completed holds them assembled: [the indexes of the ToolCallDelta"
                    + " events",
                "optional_s15_5_invalidArgumentsAreKeptRaw",
                "rule 15.5 arguments that are not valid JSON are kept raw, and nothing throws:"
                    + " [toolCalls() of stream()]")),
        Arguments.of(
            BrokenLosesToolCallsTestCase.class,
            Map.of(
                "required_s15_2_oneCallIsRead",
                "rule 15.2 a tool call is read with its id, name and parsed arguments, finished as"
                    + " TOOL_CALLS: [toolCalls() (ids, names and parsed arguments, in order)]",
                "required_s15_3_severalCallsKeepTheirOrder",
                "rule 15.3 several tool calls in one answer keep their order: [toolCalls()",
                "optional_s15_5_invalidArgumentsAreKeptRaw",
                "rule 15.5 arguments that are not valid JSON are kept raw, and nothing throws:"
                    + " [toolCalls() of infer()]",
                "required_s15_6_toolResultsAreSentBack",
                "rule 15.6 a tool's result is sent back with the call it answers: [the request"
                    + " body at /messages/1/calls/0/id")),
        Arguments.of(
            BrokenSendsUndeclaredTestCase.class,
            Map.of(
                "required_s15_7_undeclaredToolsAreUnsupported",
                "rule 15.7 tools to a driver that does not declare them fail with UNSUPPORTED"
                    + " before any request: [requests the server saw]",
                "required_s16_3_undeclaredImagesAreUnsupported",
                "rule 16.3 images to a driver that does not declare image input fail with"
                    + " UNSUPPORTED before any request: [requests the server saw]")),
        Arguments.of(
            BrokenInventsZeroUsageTestCase.class,
            Map.of(
                "required_s6_2_unsentUsageIsAbsent",
                "rule 6.2 usage the provider does not send is absent, in answers and streams:"
                    + " never invented: [usage() of an answer without usage]")));
  }

  @BeforeAll
  static void runAllInParallel() {
    brokenDrivers()
        .forEach(
            arguments -> {
              Class<?> testCase = (Class<?>) arguments.get()[0];
              RUNS.put(testCase, CompletableFuture.supplyAsync(() -> failures(testCase)));
            });
  }

  @AfterAll
  static void forget() {
    RUNS.clear();
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("brokenDrivers")
  void theKitFailsExactlyTheBrokenRules(Class<?> testCase, Map<String, String> expected)
      throws Exception {
    Map<String, String> failed = RUNS.get(testCase).get(2, TimeUnit.MINUTES);
    assertThat(failed.keySet())
        .as("the rules %s fails: %s", testCase.getSimpleName(), failed)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((test, message) -> assertThat(failed.get(test)).as(test).startsWith(message));
  }

  /** Runs the kit on a broken driver: the failed tests' method names and failure messages. */
  static Map<String, String> failures(Class<?> testCase) {
    // the tool driver is complete for sections 15 and 16 only: the run selects just those
    boolean toolsAndImagesOnly = BrokenDrivers.BrokenToolKit.class.isAssignableFrom(testCase);
    DiscoverySelector[] selectors =
        toolsAndImagesOnly
            ? new DiscoverySelector[] {
              selectNestedClass(List.of(testCase), ContentSections.Tools.class),
              selectNestedClass(List.of(testCase), ContentSections.Images.class)
            }
            : new DiscoverySelector[] {selectClass(testCase)};
    EngineExecutionResults results =
        ReadmeGuide.get()
            .run(() -> EngineTestKit.engine("junit-jupiter").selectors(selectors).execute());
    assertThat(results.testEvents().succeeded().count() + results.testEvents().failed().count())
        .as("tests the kit ran to their end on %s", testCase.getSimpleName())
        .isGreaterThan(toolsAndImagesOnly ? 7 : 40);
    Map<String, String> failed = new TreeMap<>();
    results.testEvents().failed().stream()
        .forEach(event -> failed.put(methodName(event), message(event)));
    return failed;
  }

  private static String methodName(Event event) {
    return event
        .getTestDescriptor()
        .getSource()
        .filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName())
        .orElse(event.getTestDescriptor().getDisplayName());
  }

  private static String message(Event event) {
    return event
        .getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .map(String::strip)
        .map(text -> text.replaceAll("\\s*\\n\\s*", " "))
        .orElse("(no message)");
  }
}
