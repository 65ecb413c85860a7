package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./inference} launcher of a checkout, run after {@code package} as a user runs it: its
 * class-data archive is written by the first start, used by the next ones, and written again when
 * the jar is newer than it, so a stale archive is never used.
 */
class LauncherIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path JAR = ROOT.resolve("inference-cli/target/inference.jar");
  private static final Path ARCHIVE = ROOT.resolve("inference-cli/target/inference.jsa");

  @TempDir Path dir;

  private String launch(String stdin, String... args) throws IOException, InterruptedException {
    return launchWith(null, stdin, args);
  }

  private String launchWith(@Nullable String toolOptions, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("inference").toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("INFERENCE_CDS");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    if (toolOptions != null) {
      builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
    }
    Process process = builder.start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(stderr).isZero();
    // the jar is fresh after package: the launcher never rebuilds it here
    assertThat(stderr).doesNotContain("building the command");
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void theArchiveIsWrittenOnceUsedAndWrittenAgainWhenStale() throws Exception {
    Files.deleteIfExists(ARCHIVE);

    // a fresh clone's first command: the archive is written, and the demo runs as ever
    String demo = launch("", "demo", "--delay-ms", "0");
    assertThat(demo).contains("[1/9] describe", "Done.");
    assertThat(ARCHIVE).isNotEmptyFile();
    FileTime written = Files.getLastModifiedTime(ARCHIVE);
    assertThat(written).isGreaterThanOrEqualTo(Files.getLastModifiedTime(JAR));

    // the next start uses it as it is
    Path config = dir.resolve("inference.toml");
    Files.writeString(
        config,
        ProtocolLoopTest.config("openai_chat_completions", "http://127.0.0.1:9/v1/chat", 5));
    String describe =
        launch(
            "{\"request_id\":\"d\",\"type\":\"describe\"}\n",
            "run",
            "--config",
            config.toString(),
            "--profile",
            "main");
    assertThat(describe).startsWith("{\"request_id\":\"d\",\"type\":\"describe\"");
    assertThat(Files.getLastModifiedTime(ARCHIVE)).isEqualTo(written);

    // an archive older than the jar (the jar was rebuilt since) is written again before use
    FileTime stale = FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() - 60_000);
    Files.setLastModifiedTime(ARCHIVE, stale);
    assertThat(launch("", "validate-config", "--config", config.toString()))
        .startsWith("{\"status\":\"ok\"");
    assertThat(Files.getLastModifiedTime(ARCHIVE))
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(JAR));

    // JVM logging a user turns on (JAVA_TOOL_OPTIONS, read before the launcher's flags) never
    // reaches the protocol channel: by default the JVM writes its log to stdout
    String logged =
        launchWith(
            "-Xlog:gc*,cds=info",
            "{\"request_id\":\"d\",\"type\":\"describe\"}\n",
            "run",
            "--config",
            config.toString(),
            "--profile",
            "main");
    assertThat(logged.lines().toList())
        .singleElement()
        .asString()
        .startsWith("{\"request_id\":\"d\",\"type\":\"describe\"");
  }

  /**
   * The launcher rebuilds the jar when a source of a module in it changed: the modules it watches
   * are exactly those whose classes the jar holds.
   */
  @Test
  void theLauncherWatchesTheModulesTheJarHolds() throws IOException {
    String script = Files.readString(ROOT.resolve("inference"), StandardCharsets.UTF_8);
    Matcher listed = Pattern.compile("(?m)^modules=\\(([^)]*)\\)").matcher(script);
    assertThat(listed.find()).as("the launcher's modules=(...) line").isTrue();
    Set<String> watched = new TreeSet<>(List.of(listed.group(1).trim().split("\\s+")));
    Set<String> held = new TreeSet<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (name.startsWith("dev/inference/") && name.endsWith(".class")) {
          String rest = name.substring("dev/inference/".length());
          String first = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : "";
          // inference-api holds dev.inference and its internal, runtime and spi packages
          held.add(List.of("", "internal", "runtime", "spi").contains(first) ? "api" : first);
        }
      }
    }
    assertThat(watched).isEqualTo(held);
    for (String module : watched) {
      assertThat(ROOT.resolve("inference-" + module).resolve("src/main")).isDirectory();
    }
  }
}
