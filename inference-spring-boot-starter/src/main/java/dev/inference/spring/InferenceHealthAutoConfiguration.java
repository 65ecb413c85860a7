package dev.inference.spring;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code inference} health indicator ({@link InferenceHealthIndicator}), when Spring Boot's
 * health support is present, clients were configured and {@code
 * management.health.inference.enabled} is not false. The cache is measured on the application's
 * {@link Clock} bean when it has one.
 *
 * @since 0.2
 */
@AutoConfiguration(after = InferenceAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(InferenceClients.class)
@ConditionalOnEnabledHealthIndicator("inference")
public class InferenceHealthAutoConfiguration {

  /** Created by Spring. */
  public InferenceHealthAutoConfiguration() {}

  /**
   * The indicator.
   *
   * @param clients the clients
   * @param properties the {@code inference.health.*} settings
   * @param clock the application's clock, if it has one
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "inferenceHealthIndicator")
  public InferenceHealthIndicator inferenceHealthIndicator(
      InferenceClients clients, InferenceProperties properties, ObjectProvider<Clock> clock) {
    return new InferenceHealthIndicator(
        clients, properties.getHealth().getCacheTtl(), clock.getIfUnique(Clock::systemUTC));
  }
}
