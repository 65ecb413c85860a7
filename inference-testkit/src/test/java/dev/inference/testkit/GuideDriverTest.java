package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.inference.Inference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The third-party guide of README.md: its driver, compiled from the README's text, uses public
 * packages only and passes the whole conformance kit.
 */
class GuideDriverTest {

  /** What a third party may import: the public packages and this kit (with its WireMock). */
  private static final Pattern ALLOWED =
      Pattern.compile(
          "java\\.[\\w.]+"
              + "|dev\\.inference\\.[A-Z][\\w.]*"
              + "|dev\\.inference\\.(spi|kit|http|testkit)\\.[A-Z][\\w.]*"
              + "|com\\.github\\.tomakehurst\\.wiremock\\.client\\.[A-Z][\\w.]*");

  @Test
  void theGuideIsADialectAFactoryAFixtureAndATest() {
    List<String> types = new ArrayList<>();
    for (String source : ReadmeGuide.get().sources()) {
      Matcher type = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)").matcher(source);
      assertThat(type.find()).isTrue();
      types.add(type.group(1));
    }
    assertThat(types)
        .containsExactly(
            "AcmeDialect", "AcmeProviderFactory", "AcmeWireFixture", "AcmeConformanceTest");
  }

  @Test
  void theGuideUsesPublicPackagesOnly() {
    Pattern imports = Pattern.compile("(?m)^import (static )?([\\w.]+);");
    for (String source : ReadmeGuide.get().sources()) {
      Matcher each = imports.matcher(source);
      while (each.find()) {
        String imported = each.group(2);
        String type =
            each.group(1) == null ? imported : imported.substring(0, imported.lastIndexOf('.'));
        assertThat(type).as("the type of an import of the guide").matches(ALLOWED);
      }
      assertThat(source).as("the guide names no internal package").doesNotContain(".internal");
    }
  }

  @Test
  void serviceLoaderFindsTheGuidesDriver() {
    ReadmeGuide guide = ReadmeGuide.get();
    assertThat(guide.run(Inference::drivers)).contains("acme_generate");
    assertThat(guide.run(() -> Inference.factory("acme_generate").getClass().getName()))
        .isEqualTo("com.example.acme.AcmeProviderFactory");
  }

  @Test
  void theGuidesDriverPassesTheWholeKit() {
    ReadmeGuide guide = ReadmeGuide.get();
    EngineExecutionResults results =
        guide.run(
            () ->
                EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(guide.conformanceTest()))
                    .execute());
    Map<String, String> failed = new TreeMap<>();
    results.testEvents().failed().stream()
        .forEach(event -> failed.put(event.getTestDescriptor().getDisplayName(), failure(event)));
    Map<String, String> skipped = new TreeMap<>();
    results.testEvents().skipped().stream()
        .forEach(
            event ->
                skipped.put(
                    event.getTestDescriptor().getDisplayName(),
                    event.getPayload(String.class).orElse("")));
    results.testEvents().aborted().stream()
        .forEach(event -> skipped.put(event.getTestDescriptor().getDisplayName(), failure(event)));
    assertThat(failed).as("rules the guide's driver fails").isEmpty();
    assertThat(skipped.values())
        .as(
            "why rules are skipped for the guide's driver, which declares every mode and neither"
                + " tools nor images: %s",
            skipped)
        .hasSize(9)
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .containsAnyOf(
                        "declares every response format",
                        "does not declare tools",
                        "does not declare image input"));
    assertThat(skipped)
        .as("the rules of refusal run for a driver without tools and images")
        .doesNotContainKeys(
            "15.7 tools to a driver that does not declare them fail with UNSUPPORTED before any"
                + " request",
            "16.3 images to a driver that does not declare image input fail with UNSUPPORTED"
                + " before any request");
    assertThat(results.testEvents().succeeded().count())
        .as("rules the guide's driver passes")
        .isGreaterThan(55);
  }

  private static String failure(Event event) {
    return event
        .getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("(no message)");
  }
}
