package dev.inference.spring;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The context runner with the starter's auto-configurations, and profile properties. */
final class StarterFixture {

  private StarterFixture() {}

  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                InferenceAutoConfiguration.class, InferenceHealthAutoConfiguration.class));
  }

  /** The properties of an OpenAI-compatible profile at the endpoint, plus extra ones. */
  static String[] profile(String name, URI endpoint, String... extra) {
    String prefix = "inference.profiles." + name + ".";
    List<String> properties =
        new ArrayList<>(
            List.of(
                prefix + "driver=openai_chat_completions",
                prefix + "model=" + name + "-model",
                prefix + "base-url=" + endpoint,
                prefix + "temperature=0.2",
                prefix + "max-output-tokens=100",
                prefix + "request-timeout-secs=5",
                prefix + "max-retries=0"));
    for (String property : extra) {
      properties.add(property.startsWith("inference.") ? property : prefix + property);
    }
    return properties.toArray(String[]::new);
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
