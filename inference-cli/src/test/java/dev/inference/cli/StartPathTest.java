package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code inference run} links no lambda, method reference or regular expression on the way to its
 * {@code describe} answer, for any driver: a host waits for that answer before it sends work, and
 * on JDK 17 linking a lambda's call site costs about as much as all the rest of a line's work (the
 * first one sets up the JDK's method-handle machinery; bench/notes.md, "Start-up of inference
 * run"). Each driver's profile is served by a child process whose class loading is logged; a
 * lambda's class ({@code $$Lambda}) anywhere in it fails the test with the classes that linked one.
 */
class StartPathTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "openai_chat_completions, http://127.0.0.1:9/v1/chat/completions",
    "ollama_chat, http://127.0.0.1:9/api/chat",
    "anthropic_messages, http://127.0.0.1:9/v1/messages",
    "bitloops_platform_chat, http://127.0.0.1:9/v1/chat/completions",
    "inferd, unix:/nonexistent/inferd.sock"
  })
  void describeLinksNoLambda(String driver, String baseUrl, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("inference.toml");
    Files.writeString(
        config,
        "[inference.runtimes.local]\n"
            + "request_timeout_secs = 30\n\n"
            + "[inference.profiles.p]\n"
            + "task = \"text_generation\"\n"
            + "driver = \""
            + driver
            + "\"\n"
            + "runtime = \"local\"\n"
            + "model = \"m\"\n"
            + "base_url = \""
            + baseUrl
            + "\"\n"
            + "api_key = \"${MARKER_KEY}\"\n"
            + "temperature = 0.0\n"
            + "max_output_tokens = 64\n",
        StandardCharsets.UTF_8);
    Path log = dir.resolve("classes.log");
    ChildProcess.Result result =
        ChildProcess.run(
            dir,
            Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log),
            "{\"request_id\":\"d\",\"type\":\"describe\"}\n".getBytes(StandardCharsets.UTF_8),
            "run",
            "--config",
            config.toString(),
            "--profile",
            "p");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.lines()).singleElement().asString().startsWith("{\"request_id\":\"d\"");
    List<String> lambdas =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains("$$Lambda"))
            .map(line -> line.replaceAll(".*\\] (\\S+).*", "$1"))
            .toList();
    assertThat(lambdas)
        .as(
            "lambdas linked on the way to describe (write these call sites as plain code or"
                + " classes; see StartPathTest)")
        .isEmpty();
  }
}
