package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original prints a base URL's user info in {@code describe} as configured, password included;
 * this runtime shows it as {@code ****} in every output (a documented deviation).
 */
class DescribeUserInfoTest {

  @TempDir Path dir;

  @Test
  void aPasswordInTheBaseUrlAppearsInNoOutputOrError() throws Exception {
    Path config = dir.resolve("config.toml");
    Files.writeString(
        config,
        "[inference.runtimes.local]\nrequest_timeout_secs = 5\n\n"
            + "[inference.profiles.main]\ntask = \"text_generation\"\n"
            + "driver = \"openai_chat_completions\"\nruntime = \"local\"\nmodel = \"m1\"\n"
            + "base_url = \"http://user:${MARKER_KEY}@127.0.0.1:1/v1/chat/completions\"\n"
            + "temperature = 0.1\nmax_output_tokens = 20\n");
    // describe, then a call that fails (nothing listens on port 1): its error line and stderr
    String lines =
        "{\"request_id\":\"d\",\"type\":\"describe\"}\n"
            + "{\"request_id\":\"i\",\"type\":\"infer\",\"system_prompt\":\"s\","
            + "\"user_prompt\":\"u\",\"response_mode\":\"text\"}\n";

    // ChildProcess fails the test if the marker shows on stdout or stderr
    ChildProcess.Result run =
        ChildProcess.run(
            dir, Map.of(), lines, "run", "--config", config.toString(), "--profile", "main");
    ChildProcess.Result profile =
        ChildProcess.run(
            dir, "describe-profile", "--config", config.toString(), "--profile", "main");
    ChildProcess.Result validate =
        ChildProcess.run(dir, "validate-config", "--config", config.toString());

    assertThat(run.stdout())
        .contains("\"endpoint\":\"http://****@127.0.0.1:1/v1/chat/completions\"")
        .contains("\"request_id\":\"i\",\"type\":\"error\"");
    assertThat(profile.stdout()).contains("http://****@127.0.0.1:1/v1/chat/completions");
    assertThat(validate.exitCode()).isZero();
  }
}
