package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

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
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit tests itself: it runs against drivers broken on purpose (the {@code *TestCase} classes,
 * which surefire does not run by themselves: the guide's driver of README.md, built on the public
 * driver kit, each time with one thing broken) and must fail each exactly on the rules it breaks,
 * with the rule's number and a readable message. The runs go in parallel; each has its own WireMock
 * server.
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
                "required_s8_7_closeFromAnotherThreadUnblocksTheReader",
                "rule 8.7 close() from another thread unblocks a waiting reader with CANCELLED,"
                    + " keeping the partial text: [the server saw the connection closed within")),
        Arguments.of(
            BrokenRateLimitAsServerErrorTestCase.class,
            Map.of(
                "required_s9_6_rateLimitedWithRetryAfter",
                "rule 9.6 HTTP 429 is RATE_LIMITED, retryable, with the Retry-After wait: [kind of"
                    + " InferenceException[SERVER_ERROR")),
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
  private static Map<String, String> failures(Class<?> testCase) {
    EngineExecutionResults results =
        ReadmeGuide.get()
            .run(
                () ->
                    EngineTestKit.engine("junit-jupiter")
                        .selectors(selectClass(testCase))
                        .execute());
    assertThat(results.testEvents().started().count())
        .as("tests the kit ran on %s", testCase.getSimpleName())
        .isGreaterThan(40);
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
