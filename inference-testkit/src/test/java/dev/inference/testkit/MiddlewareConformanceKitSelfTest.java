package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The middleware rules fail a middleware broken on purpose, exactly on the rule it breaks. */
class MiddlewareConformanceKitSelfTest {

  private static Map<String, String> failures(Class<?> nested) {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectNestedClass(List.of(BrokenMiddlewareTestCase.class), nested))
            .execute();
    assertThat(results.testEvents().started().count()).as("rules run").isEqualTo(8);
    Map<String, String> failed = new TreeMap<>();
    results.testEvents().failed().stream()
        .forEach(
            event ->
                failed.put(
                    ((MethodSource) event.getTestDescriptor().getSource().orElseThrow())
                        .getMethodName(),
                    event
                        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                        .map(Throwable::getMessage)
                        .orElse("")));
    return failed;
  }

  @Test
  void a_middleware_whose_streams_ignore_close_fails_rule_17_3_only() {
    Map<String, String> failed = failures(BrokenMiddlewareTestCase.IgnoresClose.class);
    assertThat(failed).containsOnlyKeys("required_s17_3_closeReachesTheWrappedStream");
    assertThat(failed.values()).allMatch(message -> message.contains("17.3"));
  }

  @Test
  void a_middleware_that_hides_the_kind_of_a_failure_fails_rule_17_5_only() {
    Map<String, String> failed = failures(BrokenMiddlewareTestCase.HidesTheKind.class);
    assertThat(failed).containsOnlyKeys("required_s17_5_failuresKeepTheirKind");
    assertThat(failed.values()).allMatch(message -> message.contains("17.5"));
  }
}
