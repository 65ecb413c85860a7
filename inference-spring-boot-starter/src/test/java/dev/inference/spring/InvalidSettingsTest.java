package dev.inference.spring;

import static dev.inference.spring.StarterFixture.profile;
import static dev.inference.spring.StarterFixture.runner;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Bad settings fail start-up with the config module's precise problems, naming the Spring property,
 * and never the key.
 */
class InvalidSettingsTest {

  private static final String KEY = "sk-test-4f1c9e-marker";
  private static final URI ENDPOINT = URI.create("http://127.0.0.1:9/v1/chat/completions");

  /** The start-up report of a context that must fail. */
  private static String failure(ApplicationContextRunner runner) {
    String[] report = new String[1];
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          Throwable failure = context.getStartupFailure();
          FailureAnalysis analysis = new InferenceFailureAnalyzer().analyze(failure);
          assertThat(analysis).as("our analyzer reports it").isNotNull();
          report[0] = analysis.getDescription() + "\n" + analysis.getAction();
        });
    assertThat(report[0]).doesNotContain(KEY);
    return report[0];
  }

  private static ApplicationContextRunner with(String... extra) {
    return runner().withPropertyValues(profile("fast", ENDPOINT, extra));
  }

  @Test
  void anUnknownDriverNamesThePropertyAndTheInstalledDrivers() {
    assertThat(failure(with("driver=nope", "api-key=" + KEY)))
        .contains("inference.profiles.fast.driver: profile 'fast' field 'driver'")
        .contains("'nope'")
        .contains("openai_chat_completions");
  }

  @Test
  void anOutOfRangeRuntimeValueNamesThePropertyAndTheRange() {
    assertThat(failure(with("max-retries=101", "api-key=" + KEY)))
        .contains(
            "inference.profiles.fast.max-retries: profile 'fast' field 'max-retries' must be an"
                + " integer from 0 to 100, but was 101");
  }

  @Test
  void aBadProfileValueNamesThePropertyInKebabCase() {
    assertThat(failure(with("max-output-tokens=0", "temperature=-1", "api-key=" + KEY)))
        .contains(
            "inference.profiles.fast.max-output-tokens: profile 'fast' field 'max-output-tokens'"
                + " must be greater than 0")
        .contains(
            "inference.profiles.fast.temperature: profile 'fast' field 'temperature' must be");
  }

  @Test
  void aTaskOtherThanTextGenerationNamesTheAllowedValue() {
    assertThat(failure(with("task=x", "api-key=" + KEY)))
        .contains(
            "inference.profiles.fast.task: profile 'fast' has unsupported task 'x'; allowed"
                + " values: text_generation");
  }

  @Test
  void aMissingRequiredValueIsNamed() {
    assertThat(
            failure(
                runner()
                    .withPropertyValues(
                        "inference.profiles.p.driver=openai_chat_completions",
                        "inference.profiles.p.model=m",
                        "inference.profiles.p.base-url=" + ENDPOINT,
                        "inference.profiles.p.temperature=0.2",
                        "inference.profiles.p.max-output-tokens=5")))
        .contains("inference.profiles.p.request-timeout-secs: ")
        .contains("profile 'p' field 'request-timeout-secs' is required")
        .doesNotContain("runtime");
  }

  @Test
  void aValueOfTheWrongTypeFailsInSpringsBinderNamingTheProperty() {
    with("temperature=warm")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(NumberFormatException.class);
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining("inference.profiles.fast.temperature");
            });
  }

  @Test
  void theAnalyzerIsRegisteredForSpringBootsStartUpReport() throws Exception {
    List<String> analyzers = new ArrayList<>();
    Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/spring.factories");
    while (files.hasMoreElements()) {
      Properties factories = new Properties();
      try (InputStream in = files.nextElement().openStream()) {
        factories.load(in);
      }
      String names = factories.getProperty(FailureAnalyzer.class.getName(), "");
      analyzers.addAll(List.of(names.split("\\s*,\\s*")));
    }
    assertThat(analyzers).contains(InferenceFailureAnalyzer.class.getName());
  }

  @Test
  void anUnknownDefaultProfileNamesTheProfiles() {
    assertThat(failure(with("inference.default-profile=slow")))
        .contains("inference.default-profile: names unknown profile 'slow'; profiles: fast");
  }

  @Test
  void profilesAndAConfigFileTogetherAreRefused(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("c.toml"), "");
    assertThat(failure(with("inference.config-file=" + file)))
        .contains("inference.config-file: is set together with inference.profiles (fast)")
        .contains("Set either inference.config-file");
  }

  @Test
  void aBadConfigFileKeepsItsTomlPathAndPlace(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("c.toml"),
            "[inference.runtimes.r]\nrequest_timeout_secs = 5\n\n"
                + "[inference.profiles.p]\ntask = \"text_generation\"\n"
                + "driver = \"openai_chat_completions\"\nruntime = \"r\"\nmodel = \"m\"\n"
                + "base_url = \""
                + ENDPOINT
                + "\"\ntemperature = 0.2\nmax_output_tokens = 0\n");
    assertThat(failure(runner().withPropertyValues("inference.config-file=" + file)))
        .contains("inference.config-file " + file)
        .contains("inference.profiles.p.max_output_tokens (11:");
  }
}
