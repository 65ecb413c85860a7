package dev.inference.inferd;

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

/**
 * The driver is registered both ways and written as a third party would: on the public API and
 * driver kit, with no HTTP and no internals of another module.
 */
class ModuleDescriptorTest {

  @Test
  void providesTheFactoryAndNeedsTheKitButNotHttp() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("dev.inference.inferd");
    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.inference.inferd");
    assertThat(module.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder(
            "java.base", "dev.inference", "dev.inference.kit", "org.jspecify");
    assertThat(module.provides())
        .singleElement()
        .satisfies(
            provides ->
                assertThat(provides.providers())
                    .containsExactly(InferdProviderFactory.class.getName()));
    assertThat(
            Files.readString(
                    Path.of("target/classes/META-INF/services/dev.inference.spi.ProviderFactory"))
                .strip())
        .isEqualTo(InferdProviderFactory.class.getName());
  }

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  private static final Pattern ALLOWED =
      Pattern.compile(
          "(dev\\.inference|dev\\.inference\\.spi|dev\\.inference\\.kit|dev\\.inference\\.runtime"
              + "|dev\\.inference\\.inferd(\\.internal)?|java\\.[\\w.]+|org\\.jspecify\\.annotations)"
              + "\\.[A-Z]\\w*(\\.\\w+)*");

  @Test
  void mainCodeImportsOnlyThePublicKitAndTheJdk() throws IOException {
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
            Pattern.compile("\\bdev\\.inference\\.[\\w.]*internal\\b").matcher(text);
        while (qualified.find()) {
          if (!qualified.group().startsWith("dev.inference.inferd.internal")) {
            forbidden.add(file.getFileName() + ": " + qualified.group());
          }
        }
      }
    }
    assertThat(imports).as("the check saw the imports").contains("dev.inference.kit.CallPipeline");
    assertThat(forbidden).isEmpty();
  }
}
