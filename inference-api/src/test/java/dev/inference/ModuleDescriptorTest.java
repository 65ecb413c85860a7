package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports the caller and driver packages only, and uses the driver SPI. */
class ModuleDescriptorTest {

  @Test
  void exportsTheTwoAudiencesAndNothingInternal() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("dev.inference");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder("dev.inference", "dev.inference.spi");
    assertThat(module.exports()).allMatch(export -> !export.isQualified());
    assertThat(module.uses())
        .containsExactlyInAnyOrder(
            "dev.inference.spi.ProviderFactory", "dev.inference.spi.SecretResolver");
    assertThat(
            module.requires().stream()
                .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet()))
        .as("the API needs the JDK's java.base only at run time")
        .containsExactly("java.base");
  }
}
