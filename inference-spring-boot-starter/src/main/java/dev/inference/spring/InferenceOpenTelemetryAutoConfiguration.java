package dev.inference.spring;

import dev.inference.InferenceListener;
import dev.inference.opentelemetry.InferenceTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * GenAI spans and metrics for every configured client ({@code inference-opentelemetry}), when that
 * module is on the class path and the application has an {@link OpenTelemetry} bean (its own, or
 * Spring Boot's SDK auto-configuration's). The listener is an {@link InferenceListener} bean, so
 * the clients pick it up like any other; {@code inference.opentelemetry.capture-content} turns on
 * the recording of prompts and answers.
 *
 * @since 0.2
 */
@AutoConfiguration(
    after = InferenceAutoConfiguration.class,
    afterName =
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({OpenTelemetry.class, InferenceTelemetry.class})
@ConditionalOnBean({OpenTelemetry.class, InferenceClients.class})
public class InferenceOpenTelemetryAutoConfiguration {

  /** Created by Spring. */
  public InferenceOpenTelemetryAutoConfiguration() {}

  /**
   * The listener that turns every call into a span and metric points.
   *
   * @param openTelemetry the application's OpenTelemetry
   * @param properties the {@code inference.opentelemetry.*} settings
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean(name = "inferenceTelemetryListener")
  public InferenceListener inferenceTelemetryListener(
      OpenTelemetry openTelemetry, InferenceProperties properties) {
    return InferenceTelemetry.builder(openTelemetry)
        .captureContent(properties.getOpentelemetry().isCaptureContent())
        .build()
        .listener();
  }
}
