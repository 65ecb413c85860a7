package dev.inference.spring;

import dev.inference.InferenceClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;

/**
 * Creates an {@link InferenceClient} bean per profile of {@code inference.profiles.*} or of the
 * TOML named by {@code inference.config-file}, and an {@link InferenceClients} bean; nothing when
 * neither is set. See {@link InferenceClientRegistrar}.
 *
 * @since 0.2
 */
@AutoConfiguration
@ConditionalOnClass(InferenceClient.class)
@Import(InferenceClientRegistrar.class)
public class InferenceAutoConfiguration {

  /** Created by Spring. */
  public InferenceAutoConfiguration() {}
}
