package dev.inference.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The driver is registered both ways: module path and class path. */
class ModuleDescriptorTest {

  @Test
  void providesTheFactoryOnTheModulePathAndTheClassPath() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("dev.inference.openai");
    assertThat(
            module.exports().stream()
                .filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source))
        .containsExactly("dev.inference.openai");
    assertThat(module.exports().stream().filter(ModuleDescriptor.Exports::isQualified))
        .as("no qualified exports: the platform driver uses public packages only")
        .isEmpty();
    assertThat(module.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo("dev.inference.spi.ProviderFactory");
              assertThat(provides.providers())
                  .containsExactly(OpenAiProviderFactory.class.getName());
            });
    assertThat(
            Files.readString(
                    Path.of("target/classes/META-INF/services/dev.inference.spi.ProviderFactory"))
                .strip())
        .isEqualTo(OpenAiProviderFactory.class.getName());
  }
}
