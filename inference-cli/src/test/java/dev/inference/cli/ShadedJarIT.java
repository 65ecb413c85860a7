package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar itself: every driver found through the merged service files, and the demo. */
class ShadedJarIT {

  @TempDir Path dir;

  private static String[] run(Path dir, String... args) throws Exception {
    Path jar = Path.of(System.getProperty("inference.jar", "target/inference.jar"));
    List<String> command =
        new java.util.ArrayList<>(
            List.of(ChildProcess.JAVA, "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    process.getOutputStream().close();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new String[] {
      String.valueOf(process.exitValue()), Files.readString(out, StandardCharsets.UTF_8)
    };
  }

  @Test
  void everyDriverIsFoundInTheShadedJar() throws Exception {
    StringBuilder toml = new StringBuilder("[inference.runtimes.r]\nrequest_timeout_secs = 5\n");
    for (String driver :
        List.of(
            "openai_chat_completions",
            "ollama_chat",
            "bitloops_platform_chat",
            "anthropic_messages",
            "inferd")) {
      toml.append("\n[inference.profiles.")
          .append(driver)
          .append("]\ntask = \"text_generation\"\ndriver = \"")
          .append(driver)
          .append("\"\nruntime = \"r\"\nmodel = \"m\"\n")
          .append(
              driver.equals("bitloops_platform_chat")
                  ? ""
                  : driver.equals("inferd")
                      ? "base_url = \"unix:/run/inferd/infer.sock\"\n"
                      : "base_url = \"http://127.0.0.1:9/"
                          + switch (driver) {
                            case "ollama_chat" -> "api/chat";
                            case "anthropic_messages" -> "v1/messages";
                            default -> "v1/chat/completions";
                          }
                          + "\"\n")
          .append("temperature = 0\nmax_output_tokens = 10\n");
    }
    Files.writeString(dir.resolve("inference.toml"), toml);
    String[] result = run(dir, "validate-config");
    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1])
        .startsWith(
            "{\"status\":\"ok\",\"profiles\":[\"anthropic_messages\",\"bitloops_platform_chat\",\"inferd\","
                + "\"ollama_chat\",\"openai_chat_completions\"]");
  }

  @Test
  void theDemoRunsFromTheJar() throws Exception {
    String[] result = run(dir, "demo", "--delay-ms", "0");
    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1])
        .contains(
            "[1/9] describe",
            "[3/9] the same question through anthropic_messages",
            "[9/9] inferd",
            "  < Tokens over a Unix socket, one NDJSON line each.",
            "Done.");
  }
}
