package dev.inference.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.stub.Dialect;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A whole Spring Boot application: its injected client calls the stub. */
@SpringBootTest(classes = InferenceApplicationTest.Application.class)
class InferenceApplicationTest {

  private static final StubServer STUB = StubServer.start(Dialect.OPENAI);

  @DynamicPropertySource
  static void inference(DynamicPropertyRegistry registry) {
    String prefix = "inference.profiles.assistant.";
    registry.add(prefix + "driver", () -> "openai_chat_completions");
    registry.add(prefix + "model", () -> "app-model");
    registry.add(prefix + "base-url", () -> STUB.chatEndpoint().toString());
    registry.add(prefix + "temperature", () -> "0.3");
    registry.add(prefix + "max-output-tokens", () -> "64");
    registry.add(prefix + "request-timeout-secs", () -> "5");
  }

  @AfterAll
  static void stop() {
    STUB.close();
  }

  @Autowired InferenceClient client;

  @Test
  void theInjectedClientCallsTheStub() {
    STUB.enqueue(Reply.text("hello, application"));
    assertThat(client.infer(InferenceRequest.of("hi")).text()).isEqualTo("hello, application");
    assertThat(STUB.chatRequests()).hasSize(1);
    assertThat(STUB.chatRequests().get(0).json().get("model").flatMap(v -> v.asString()))
        .contains("app-model");
  }

  /** The application: nothing but auto-configuration. */
  @SpringBootApplication
  static class Application {}
}
