package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inference.ErrorKind;
import dev.inference.FallbackPolicy;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.ProviderSettings;
import dev.inference.RetryPolicy;
import dev.inference.stub.Dialect;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fallback over two loopback stubs: in process, and through {@code inference run}/{@code infer}.
 */
class FallbackCliTest {

  @TempDir Path dir;

  private static InferenceClient connect(StubServer stub, String model) {
    return Inference.connect(
        ProviderSettings.builder("openai_chat_completions")
            .model(model)
            .baseUrl(stub.chatEndpoint())
            .retry(RetryPolicy.builder().maxRetries(0).build())
            // long enough for a cold JVM's first call (its HTTP client is made then): a first call
            // that timed out before the stub read it would shift every scripted reply by one
            .requestTimeout(Duration.ofSeconds(2))
            .build());
  }

  @Test
  void the_second_provider_answers_a_503_and_a_timeout_but_a_401_is_not_failed_over() {
    try (StubServer first = StubServer.start(Dialect.OPENAI);
        StubServer second = StubServer.start(Dialect.OPENAI)) {
      first.enqueue(
          Reply.error(503, "{\"error\":{\"message\":\"overloaded\"}}"),
          Reply.stall(),
          Reply.error(401, "{\"error\":{\"message\":\"bad key\"}}"));
      second.enqueue(Reply.text("second, 1"), Reply.text("second, 2"));
      // no cooldown: each call starts at the first provider again
      try (InferenceClient client =
          Inference.fallback(
              List.of(connect(first, "first-model"), connect(second, "second-model")),
              FallbackPolicy.builder().cooldown(Duration.ZERO).build())) {

        InferenceResponse afterUnavailable = client.infer(InferenceRequest.of("one"));
        assertThat(afterUnavailable.text()).isEqualTo("second, 1");
        assertThat(afterUnavailable.modelName()).isEqualTo("second-model");

        InferenceResponse afterTimeout = client.infer(InferenceRequest.of("two"));
        assertThat(afterTimeout.text()).isEqualTo("second, 2");

        InferenceException unauthorised =
            catchThrowableOfType(
                InferenceException.class, () -> client.infer(InferenceRequest.of("three")));
        assertThat(unauthorised.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      }
      assertThat(first.chatRequests()).hasSize(3);
      assertThat(second.chatRequests()).hasSize(2); // the 401 was never sent on
    }
  }

  private Path config(StubServer main, StubServer backup) throws Exception {
    String toml =
        "[inference.runtimes.local]\nrequest_timeout_secs = 5\nmax_retries = 0\n\n"
            + profile("main", main, "fallback = [\"backup\"]\n")
            + profile("backup", backup, "");
    return Files.writeString(dir.resolve("config.toml"), toml);
  }

  private static String profile(String name, StubServer stub, String extra) {
    return "[inference.profiles."
        + name
        + "]\ntask = \"text_generation\"\ndriver = \"openai_chat_completions\"\n"
        + "runtime = \"local\"\nmodel = \""
        + name
        + "-model\"\nbase_url = \""
        + stub.chatEndpoint()
        + "\"\ntemperature = 0.1\nmax_output_tokens = 200\n"
        + extra
        + "\n";
  }

  @Test
  void run_infer_and_describe_follow_the_profiles_fallback() throws Exception {
    try (StubServer main = StubServer.start(Dialect.OPENAI);
        StubServer backup = StubServer.start(Dialect.OPENAI)) {
      main.replyAlways(Reply.error(503, "{\"error\":{\"message\":\"down\"}}"));
      backup.enqueue(Reply.text("from backup"), Reply.text("infer from backup"));
      Path config = config(main, backup);

      ChildProcess.Result run =
          ChildProcess.run(
              dir,
              Map.of(),
              "{\"request_id\":\"d\",\"type\":\"describe\"}\n"
                  + ProtocolLoopTest.infer("i", "text", "")
                  + "\n{\"request_id\":\"bye\",\"type\":\"shutdown\"}\n",
              "run",
              "--config",
              config.toString(),
              "--profile",
              "main");
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      List<String> lines = run.stdout().lines().toList();
      assertThat(lines.get(0))
          .contains("\"profile_name\":\"main\"", "\"model_name\":\"main-model\"")
          .endsWith(",\"fallback\":[\"backup\"]}");
      assertThat(lines.get(1))
          .contains("\"text\":\"from backup\"", "\"model_name\":\"backup-model\"");

      ChildProcess.Result infer =
          ChildProcess.run(dir, "infer", "hi", "--config", config.toString(), "--profile", "main");
      assertThat(infer.exitCode()).as(infer.stderr()).isZero();
      assertThat(infer.stdout()).isEqualTo("infer from backup\n");

      ChildProcess.Result describe =
          ChildProcess.run(
              dir, "describe-profile", "--config", config.toString(), "--profile", "main");
      assertThat(describe.stdout()).contains("\"fallback\":[\"backup\"]");
      ChildProcess.Result plain =
          ChildProcess.run(
              dir, "describe-profile", "--config", config.toString(), "--profile", "backup");
      assertThat(plain.stdout()).doesNotContain("fallback");

      assertThat(main.chatRequests()).hasSize(2);
      assertThat(backup.chatRequests()).hasSize(2);
    }
  }
}
