package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;

/** The module exports only its API and reads tomlj by its automatic module name. */
class ModuleDescriptorTest {

  @Test
  void exportsOnlyTheApiPackage() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("dev.inference.config");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("dev.inference.config");
    assertThat(
            module.requires().stream()
                .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.MANDATED))
                .map(r -> r.name() + r.modifiers())
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "dev.inference[TRANSITIVE]", "org.tomlj[]", "org.jspecify[STATIC]");
  }

  @Test
  void tomljDeclaresTheAutomaticModuleNameWeRequire() throws Exception {
    Path jar = Path.of(Toml.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
          .isEqualTo("org.tomlj");
    }
  }
}
