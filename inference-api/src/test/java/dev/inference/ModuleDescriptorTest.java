package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module exports the caller, runtime and driver packages only, and uses the driver SPI; a
 * caller never needs the SPI.
 */
class ModuleDescriptorTest {

  @Test
  void exportsTheThreeAudiencesAndNothingInternal() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("dev.inference");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder("dev.inference", "dev.inference.runtime", "dev.inference.spi");
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

  @Test
  void noCallerTypeMentionsTheSpiInAPublicSignature() throws IOException {
    List<String> leaks = new ArrayList<>();
    for (String pkg : List.of("dev/inference", "dev/inference/runtime")) {
      try (Stream<Path> files = Files.list(Path.of("target/classes", pkg))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name =
              pkg.replace('/', '.') + "." + file.getFileName().toString().replace(".class", "");
          leaks.addAll(spiMentions(load(name)));
        }
      }
    }
    assertThat(leaks)
        .as("public members of caller types that mention dev.inference.spi")
        .containsExactlyInAnyOrder(
            // the two documented doors for frameworks and tests
            "Inference.factory uses dev.inference.spi.ProviderFactory",
            "Inference.connect uses dev.inference.spi.DriverContext");
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ModuleDescriptorTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> spiMentions(Class<?> type) {
    if (!Modifier.isPublic(type.getModifiers())) {
      return List.of();
    }
    List<String> leaks = new ArrayList<>();
    for (Method method : type.getMethods()) {
      List<Class<?>> types = new ArrayList<>(List.of(method.getParameterTypes()));
      types.add(method.getReturnType());
      for (Class<?> used : types) {
        if (used.getPackageName().equals("dev.inference.spi")) {
          leaks.add(type.getSimpleName() + "." + method.getName() + " uses " + used.getName());
        }
      }
    }
    return leaks;
  }
}
