package dev.inference.anthropic;

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
 * The driver is registered both ways, and is written as a third party would write it: on the public
 * packages of the library and the JDK only.
 */
class ModuleDescriptorTest {

  @Test
  void providesTheFactoryOnTheModulePathAndTheClassPath() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("dev.inference.anthropic");
    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.inference.anthropic");
    assertThat(module.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder(
            "java.base", "dev.inference", "dev.inference.http", "org.jspecify");
    assertThat(module.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo("dev.inference.spi.ProviderFactory");
              assertThat(provides.providers())
                  .containsExactly(AnthropicProviderFactory.class.getName());
            });
    assertThat(
            Files.readString(
                    Path.of("target/classes/META-INF/services/dev.inference.spi.ProviderFactory"))
                .strip())
        .isEqualTo(AnthropicProviderFactory.class.getName());
  }

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** The packages a third-party driver may use; anything else is a back door. */
  private static final Pattern ALLOWED =
      Pattern.compile(
          "(dev\\.inference|dev\\.inference\\.spi|dev\\.inference\\.http|dev\\.inference\\.kit"
              + "|dev\\.inference\\.runtime|dev\\.inference\\.anthropic(\\.internal)?"
              + "|java\\.[\\w.]+|org\\.jspecify\\.annotations)\\.[A-Z]\\w*(\\.\\w+)*");

  @Test
  void mainCodeImportsOnlyThePublicKitAndTheJdk() throws IOException {
    List<String> imports = new ArrayList<>();
    List<String> forbidden = new ArrayList<>();
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
        // a fully qualified name in the code is an import too
        Matcher qualified =
            Pattern.compile("\\bdev\\.inference\\.[\\w.]*internal\\b").matcher(text);
        while (qualified.find()) {
          if (!qualified.group().startsWith("dev.inference.anthropic.internal")) {
            forbidden.add(file.getFileName() + ": " + qualified.group());
          }
        }
      }
    }
    assertThat(imports).as("the check saw the imports").contains("dev.inference.http.HttpDialect");
    assertThat(forbidden).isEmpty();
  }
}
