package dev.inference.spring;

import static dev.inference.spring.StarterFixture.profile;
import static dev.inference.spring.StarterFixture.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.stub.Dialect;
import dev.inference.stub.RecordedRequest;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every branch of the auto-configuration, against the stub on loopback. */
class InferenceAutoConfigurationTest {

  private static StubServer stub;

  @BeforeAll
  static void start() {
    stub = StubServer.start(Dialect.OPENAI);
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  @Test
  void nothingIsCreatedWhenNothingIsConfigured() {
    runner()
        .withPropertyValues("inference.health.cache-ttl=5s")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(InferenceClient.class);
              assertThat(context).doesNotHaveBean(InferenceClients.class);
              assertThat(context).doesNotHaveBean(InferenceHealthIndicator.class);
              assertThat(context).doesNotHaveBean(InferenceProperties.class);
            });
  }

  @Test
  void oneProfileIsOnePrimaryClientThatAnswersThroughTheStub() {
    stub.enqueue(Reply.text("hello from the stub"));
    runner()
        .withPropertyValues(profile("fast", stub.chatEndpoint()))
        .run(
            context -> {
              assertThat(context).hasSingleBean(InferenceClient.class);
              assertThat(context).hasBean("fastInferenceClient");
              BeanDefinition definition =
                  context.getBeanFactory().getBeanDefinition("fastInferenceClient");
              assertThat(definition.isPrimary()).isTrue();
              InferenceClient client = context.getBean(InferenceClient.class);
              assertThat(client.infer(InferenceRequest.of("hi")).text())
                  .isEqualTo("hello from the stub");
              assertThat(client.describe().modelName()).isEqualTo("fast-model");
              InferenceClients clients = context.getBean(InferenceClients.class);
              assertThat(clients.names()).containsExactly("fast");
              assertThat(clients.defaultClient()).containsSame(client);
            });
  }

  @Test
  void theDefaultProfileIsPrimaryAndTheOthersAnswerToTheirQualifier() {
    runner()
        .withUserConfiguration(Injected.class)
        .withPropertyValues(profile("fast", stub.chatEndpoint()))
        .withPropertyValues(profile("slow_one", stub.chatEndpoint()))
        .withPropertyValues(profile("local-2", stub.chatEndpoint()))
        .withPropertyValues("inference.default-profile=slow_one")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(InferenceClient.class))
                  .containsOnlyKeys(
                      "fastInferenceClient", "slow_oneInferenceClient", "local-2InferenceClient");
              assertThat(context.getBean(InferenceClient.class).describe().modelName())
                  .isEqualTo("slow_one-model");
              Injected injected = context.getBean(Injected.class);
              assertThat(injected.fast.describe().modelName()).isEqualTo("fast-model");
              assertThat(injected.local.describe().modelName()).isEqualTo("local-2-model");
              InferenceClients clients = context.getBean(InferenceClients.class);
              assertThat(clients.names()).containsExactly("fast", "local-2", "slow_one");
              assertThat(clients.get("fast")).isSameAs(injected.fast);
              assertThat(clients.defaultClient()).containsSame(injected.primary);
              assertThatThrownBy(() -> clients.get("nope"))
                  .hasMessage("no inference profile 'nope'; profiles: fast, local-2, slow_one");
            });
  }

  @Test
  void severalProfilesWithoutADefaultHaveNoPrimary() {
    runner()
        .withPropertyValues(profile("a", stub.chatEndpoint()))
        .withPropertyValues(profile("b", stub.chatEndpoint()))
        .run(
            context -> {
              assertThat(context.getBeansOfType(InferenceClient.class)).hasSize(2);
              assertThat(context.getBean(InferenceClients.class).defaultClient()).isEmpty();
            });
  }

  @Test
  void theTomlFileNamedByConfigFileGivesTheClients(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("inference.toml");
    Files.writeString(
        file,
        "[inference.runtimes.local]\n"
            + "request_timeout_secs = 5\n"
            + "max_retries = 0\n\n"
            + "[inference.profiles.chat]\n"
            + "task = \"text_generation\"\n"
            + "driver = \"openai_chat_completions\"\n"
            + "runtime = \"local\"\n"
            + "model = \"toml-model\"\n"
            + "base_url = \""
            + stub.chatEndpoint()
            + "\"\n"
            + "temperature = 0.1\n"
            + "max_output_tokens = 50\n\n"
            + "[inference.profiles.vectors]\n"
            + "task = \"embeddings\"\n");
    stub.enqueue(Reply.text("from the toml profile"));
    runner()
        .withPropertyValues("inference.config-file=" + file)
        .run(
            context -> {
              assertThat(context).hasSingleBean(InferenceClient.class);
              InferenceClient client =
                  context.getBean("chatInferenceClient", InferenceClient.class);
              assertThat(client.describe().modelName()).isEqualTo("toml-model");
              assertThat(client.infer(InferenceRequest.of("hi")).text())
                  .isEqualTo("from the toml profile");
            });
  }

  @Test
  void driverOptionsAndTheKeyReachTheProvider() {
    stub.reset();
    stub.enqueue(Reply.text("with options"));
    runner()
        .withPropertyValues(
            profile(
                "fast",
                stub.chatEndpoint(),
                "api-key=sk-${not-a-placeholder}",
                "options.organization=acme",
                "options.headers[X-Title]=my app"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              context.getBean(InferenceClient.class).infer(InferenceRequest.of("hi"));
              RecordedRequest request = stub.chatRequests().get(0);
              assertThat(request.header("authorization"))
                  .contains("Bearer sk-${not-a-placeholder}");
              assertThat(request.header("openai-organization")).contains("acme");
              assertThat(request.header("x-title")).contains("my app");
            });
  }

  @Test
  void theContextClosesTheClients() {
    InferenceClient[] kept = new InferenceClient[1];
    runner()
        .withPropertyValues(profile("fast", stub.chatEndpoint()))
        .run(context -> kept[0] = context.getBean(InferenceClient.class));
    assertThatThrownBy(() -> kept[0].infer(InferenceRequest.of("hi")))
        .isInstanceOfSatisfying(
            InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED))
        .hasMessageContaining("the client was closed");
  }

  @Test
  void listenerBeansHearTheCalls() {
    stub.enqueue(Reply.text("heard"));
    runner()
        .withUserConfiguration(Listening.class)
        .withPropertyValues(profile("fast", stub.chatEndpoint()))
        .run(
            context -> {
              context.getBean(InferenceClient.class).infer(InferenceRequest.of("hi"));
              assertThat(context.getBean(RecordingListener.class).events())
                  .containsExactly("started fast", "completed fast");
            });
  }

  /** Injects the clients as an application would. */
  @Configuration(proxyBeanMethods = false)
  static class Injected {
    final InferenceClient primary;
    final InferenceClient fast;
    final InferenceClient local;

    Injected(
        InferenceClient primary,
        @Qualifier("fast") InferenceClient fast,
        @Qualifier("local-2") InferenceClient local) {
      this.primary = primary;
      this.fast = fast;
      this.local = local;
    }
  }

  /** A listener bean, defined after the starter registered the clients. */
  @Configuration(proxyBeanMethods = false)
  static class Listening {
    @Bean
    RecordingListener recordingListener() {
      return new RecordingListener();
    }
  }
}
