package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile read from the Bitloops TOML sends exactly one request per call, as bitloops-inference
 * does, unless its runtime table opts in to retries: a host that retries itself is not multiplied.
 */
class RetryFidelityTest {

  static final String INFER =
      "{\"request_id\":\"r1\",\"type\":\"infer\",\"system_prompt\":\"s\",\"user_prompt\":\"u\","
          + "\"response_mode\":\"text\"}\n";

  @TempDir Path dir;

  static ScriptedHttpServer.Response tooMany() {
    return new ScriptedHttpServer.Response(
        "HTTP/1.1 429 Too Many Requests\nContent-Type: application/json",
        "{\"error\":{\"message\":\"slow down\"}}".getBytes(StandardCharsets.UTF_8));
  }

  static ScriptedHttpServer.Response answer() {
    return new ScriptedHttpServer.Response(
        "HTTP/1.1 200 OK\nContent-Type: application/json",
        "{\"model\":\"m1\",\"choices\":[{\"message\":{\"content\":\"done\"},\"finish_reason\":\"stop\"}]}"
            .getBytes(StandardCharsets.UTF_8));
  }

  List<JsonValue> run(String runtimeExtra, List<ScriptedHttpServer.Response> script, int[] seen)
      throws Exception {
    Path config = dir.resolve("config.toml");
    Files.writeString(
        config,
        "[inference.runtimes.local]\nrequest_timeout_secs = 5\n"
            + runtimeExtra
            + "\n[inference.profiles.main]\ntask = \"text_generation\"\n"
            + "driver = \"openai_chat_completions\"\nruntime = \"local\"\nmodel = \"m1\"\n"
            + "base_url = \"${BASE_URL}/v1/chat/completions\"\napi_key = \"${MARKER_KEY}\"\n"
            + "temperature = 0.1\nmax_output_tokens = 20\n");
    try (ScriptedHttpServer server = new ScriptedHttpServer(script)) {
      ChildProcess.Result result =
          ChildProcess.run(
              dir,
              Map.of("BASE_URL", server.baseUrl()),
              INFER,
              "run",
              "--config",
              config.toString(),
              "--profile",
              "main");
      assertThat(result.exitCode()).isZero();
      seen[0] = server.requests();
      return result.lines().stream().map(JsonValue::parse).toList();
    }
  }

  @Test
  void withoutRetryKeysA429IsOneRequestAndAnHttpError() throws Exception {
    int[] seen = new int[1];
    List<JsonValue> lines = run("", List.of(tooMany(), answer()), seen);

    assertThat(seen[0]).as("requests the provider saw").isEqualTo(1);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("code")).contains(JsonValue.of("provider_http_error"));
    assertThat(lines.get(0).get("message")).contains(JsonValue.of("provider returned HTTP 429"));
  }

  @Test
  void withMaxRetriesTwoItRetriesAsBefore() throws Exception {
    int[] seen = new int[1];
    List<JsonValue> lines =
        run(
            "max_retries = 2\nretry_initial_backoff_ms = 1\nretry_max_backoff_ms = 2\n",
            List.of(tooMany(), tooMany(), answer()),
            seen);

    assertThat(seen[0]).as("requests the provider saw").isEqualTo(3);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("type")).contains(JsonValue.of("infer"));
    assertThat(lines.get(0).get("text")).contains(JsonValue.of("done"));
  }

  @Test
  void describeProfileSaysSoInItsHelp() throws Exception {
    ChildProcess.Result help = ChildProcess.run(dir, "describe-profile", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout().replaceAll("\\s+", " "))
        .contains("one HTTP request per call")
        .contains("no retries unless its runtime table sets max_retries");
  }
}
