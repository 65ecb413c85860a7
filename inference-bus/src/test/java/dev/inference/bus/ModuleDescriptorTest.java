package dev.inference.bus;

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

/** The module exports its one package and needs nothing but the caller API and the JDK. */
class ModuleDescriptorTest {

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** The caller API, its runtime and SPI packages, the JDK; JSpecify's annotations only. */
  private static final Pattern ALLOWED =
      Pattern.compile(
          "(dev\\.inference|dev\\.inference\\.runtime|dev\\.inference\\.spi|java\\.[\\w.]+"
              + "|org\\.jspecify\\.annotations)\\.[A-Z]\\w*(\\.\\w+)*");

  @Test
  void exportsTheBusPackageAndRequiresOnlyTheApi() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("dev.inference.bus");
    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.inference.bus");
    assertThat(module.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "dev.inference", "org.jspecify");
  }

  @Test
  void mainCodeImportsOnlyTheApiAndTheJdk() throws IOException {
    List<String> forbidden = new ArrayList<>();
    List<String> imports = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        Matcher matcher = IMPORT.matcher(text);
        while (matcher.find()) {
          imports.add(matcher.group(1));
          if (!ALLOWED.matcher(matcher.group(1)).matches()) {
            forbidden.add(file.getFileName() + ": " + matcher.group(1));
          }
        }
        Matcher qualified =
            Pattern.compile("\\bdev\\.inference\\.(?!bus\\b|runtime\\b|spi\\b)[a-z][\\w]*\\.")
                .matcher(text);
        while (qualified.find()) {
          forbidden.add(file.getFileName() + ": " + qualified.group());
        }
      }
    }
    assertThat(imports)
        .as("the check saw the imports")
        .contains("dev.inference.runtime.RuntimeOperations", "dev.inference.spi.SecretResolver");
    assertThat(forbidden).isEmpty();
  }

  @Test
  void theImportRuleRefusesWhatItMust() {
    assertThat(ALLOWED.matcher("dev.inference.kit.Json").matches()).isFalse();
    assertThat(ALLOWED.matcher("dev.inference.internal.JsonText").matches()).isFalse();
    assertThat(ALLOWED.matcher("dev.inference.http.HttpRuntime").matches()).isFalse();
    assertThat(ALLOWED.matcher("com.fasterxml.jackson.databind.JsonNode").matches()).isFalse();
    assertThat(ALLOWED.matcher("dev.inference.JsonValue").matches()).isTrue();
  }
}
