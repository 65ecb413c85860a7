package dev.inference.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module exports its one public package and needs the caller API and the OpenTelemetry API. */
class ModuleDescriptorTest {

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** The caller API, the OpenTelemetry API and context, the JDK; JSpecify's annotations. */
  private static final Pattern ALLOWED =
      Pattern.compile(
          "(dev\\.inference|dev\\.inference\\.opentelemetry(\\.internal)?"
              + "|io\\.opentelemetry\\.(api|context)(\\.[a-z]\\w*)*|java\\.[\\w.]+"
              + "|org\\.jspecify\\.annotations)\\.[A-Z]\\w*(\\.\\w+)*");

  @Test
  void exportsThePublicPackageOnly() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("dev.inference.opentelemetry");
    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.inference.opentelemetry");
    assertThat(module.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder(
            "java.base",
            "dev.inference",
            "io.opentelemetry.api",
            "io.opentelemetry.context",
            "org.jspecify");
  }

  @Test
  void mainCodeImportsOnlyTheApisAndTheJdk() throws IOException {
    List<String> forbidden = new ArrayList<>();
    List<String> imports = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher matcher = IMPORT.matcher(Files.readString(file));
        while (matcher.find()) {
          imports.add(matcher.group(1));
          if (!ALLOWED.matcher(matcher.group(1)).matches()) {
            forbidden.add(file.getFileName() + ": " + matcher.group(1));
          }
        }
      }
    }
    assertThat(imports)
        .as("the check saw the imports")
        .contains("io.opentelemetry.api.OpenTelemetry", "dev.inference.InferenceListener");
    assertThat(forbidden).isEmpty();
  }

  @Test
  void theImportRuleRefusesWhatItMust() {
    assertThat(ALLOWED.matcher("dev.inference.kit.Json").matches()).isFalse();
    assertThat(ALLOWED.matcher("io.opentelemetry.sdk.OpenTelemetrySdk").matches()).isFalse();
    assertThat(ALLOWED.matcher("io.opentelemetry.api.trace.Span").matches()).isTrue();
  }
}
