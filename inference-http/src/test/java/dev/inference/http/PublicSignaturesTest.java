package dev.inference.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The HTTP kit's public surface shows no type of Jackson, Resilience4j or java.net.http. */
class PublicSignaturesTest {

  @Test
  void noLibraryTypeInAPublicSignature() throws IOException {
    List<String> leaks = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("target/classes/dev/inference/http"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.equals("package-info.class")) {
          continue;
        }
        Class<?> type;
        try {
          type =
              Class.forName(
                  "dev.inference.http." + name.substring(0, name.length() - 6),
                  false,
                  getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
        for (Method method : type.getDeclaredMethods()) {
          if (!Modifier.isPublic(method.getModifiers())
              && !Modifier.isProtected(method.getModifiers())) {
            continue;
          }
          List<Type> types = new ArrayList<>(List.of(method.getGenericParameterTypes()));
          types.add(method.getGenericReturnType());
          for (Type used : types) {
            if (used.getTypeName()
                .matches(".*(com\\.fasterxml|io\\.github\\.resilience4j|java\\.net\\.http).*")) {
              leaks.add(type.getName() + "." + method.getName() + ": " + used.getTypeName());
            }
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }
}
