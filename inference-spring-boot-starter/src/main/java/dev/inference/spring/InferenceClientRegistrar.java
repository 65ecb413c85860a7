package dev.inference.spring;

import dev.inference.InferenceClient;
import dev.inference.InferenceListener;
import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Binds {@code inference.*}, checks it with {@code inference-config}'s rules (start-up fails with
 * an {@link InferenceConfigurationException} otherwise), and registers per profile a bean {@code
 * <profile>InferenceClient} with qualifier {@code <profile>}, primary when it is the only profile
 * or {@code inference.default-profile}, closed with the context; and an {@link InferenceClients}
 * bean. Registers nothing when neither profiles nor a config file is set.
 *
 * <p>A client is connected when its bean is created, with a listener made of every {@link
 * InferenceListener} bean (in order) and, when Micrometer is present and a {@code MeterRegistry}
 * bean exists, a {@link MicrometerInferenceListener}.
 *
 * @since 0.2
 */
public class InferenceClientRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

  private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

  private Environment environment;

  /** Created by Spring. */
  public InferenceClientRegistrar() {
    this.environment = new org.springframework.core.env.StandardEnvironment();
  }

  /**
   * The environment whose {@code inference.*} properties are read.
   *
   * @param environment the application's environment
   */
  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  /**
   * Registers the beans.
   *
   * @param metadata the importing class
   * @param registry where the beans go
   */
  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    InferenceProperties properties =
        Binder.get(environment)
            .bind("inference", InferenceProperties.class)
            .orElseGet(InferenceProperties::new);
    Optional<InferenceSetup> found = InferenceSetup.read(properties);
    if (found.isEmpty()) {
      return;
    }
    InferenceSetup setup = found.get();
    BeanFactory beanFactory = (BeanFactory) registry;
    RootBeanDefinition props = new RootBeanDefinition(InferenceProperties.class);
    props.setInstanceSupplier(() -> properties);
    registry.registerBeanDefinition("inferenceProperties", props);
    Map<String, String> beanNames = new LinkedHashMap<>();
    for (String name : setup.names()) {
      RootBeanDefinition client = new RootBeanDefinition(InferenceClient.class);
      client.setInstanceSupplier(() -> connect(setup, name, beanFactory, properties));
      client.setDestroyMethodName("close");
      client.setPrimary(setup.primary().filter(name::equals).isPresent());
      client.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
      beanNames.put(name, name + "InferenceClient");
      registry.registerBeanDefinition(name + "InferenceClient", client);
    }
    RootBeanDefinition clients = new RootBeanDefinition(InferenceClients.class);
    clients.setInstanceSupplier(
        () -> {
          Map<String, InferenceClient> byName = new LinkedHashMap<>();
          beanNames.forEach(
              (n, bean) -> byName.put(n, beanFactory.getBean(bean, InferenceClient.class)));
          return new InferenceClients(byName, setup.primary());
        });
    registry.registerBeanDefinition("inferenceClients", clients);
  }

  private static InferenceClient connect(
      InferenceSetup setup, String name, BeanFactory beanFactory, InferenceProperties properties) {
    List<InferenceListener> listeners =
        new ArrayList<>(
            beanFactory.getBeanProvider(InferenceListener.class).orderedStream().toList());
    if (properties.getMetrics().isEnabled()
        && ClassUtils.isPresent(METER_REGISTRY, InferenceClientRegistrar.class.getClassLoader())) {
      MicrometerInferenceListener.of(beanFactory).ifPresent(listeners::add);
    }
    try {
      return setup.config().client(name, InferenceListener.composite(listeners));
    } catch (ConfigException refused) {
      List<String> problems = new ArrayList<>();
      for (ConfigProblem problem : refused.problems()) {
        problems.add(
            properties.getConfigFile() != null
                ? "inference.config-file " + properties.getConfigFile() + ": " + problem
                : PropertyNames.describe(problem, setup.names()));
      }
      throw new InferenceConfigurationException(
          problems, "Correct the settings of profile '" + name + "'.");
    }
  }
}
