package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kit's public surface shows no type of the libraries behind it, and no module-info.java of the
 * repository has a qualified export.
 */
class PublicSignaturesTest {

  /** Packages whose types never appear in a public signature of the kits. */
  static final Pattern HIDDEN = Pattern.compile("com\\.fasterxml\\.|io\\.github\\.resilience4j\\.");

  static List<String> leaks(Path classes, String packagePath) throws IOException {
    List<String> leaks = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes.resolve(packagePath))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.equals("package-info.class")) {
          continue;
        }
        String className =
            packagePath.replace('/', '.') + "." + name.substring(0, name.length() - 6);
        Class<?> type;
        try {
          type = Class.forName(className, false, PublicSignaturesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
        if (!visible(type.getModifiers()) || type.isAnonymousClass()) {
          continue;
        }
        check(type.getName(), type.getGenericSuperclass(), leaks);
        for (Type implemented : type.getGenericInterfaces()) {
          check(type.getName(), implemented, leaks);
        }
        for (Field field : type.getDeclaredFields()) {
          if (visible(field.getModifiers())) {
            check(type.getName() + "." + field.getName(), field.getGenericType(), leaks);
          }
        }
        List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
          executables.add(constructor);
        }
        for (Executable executable : executables) {
          if (!visible(executable.getModifiers()) || executable.isSynthetic()) {
            continue;
          }
          String where = type.getName() + "." + executable.getName();
          if (executable instanceof Method method) {
            check(where, method.getGenericReturnType(), leaks);
          }
          for (Type parameter : executable.getGenericParameterTypes()) {
            check(where, parameter, leaks);
          }
          for (Type thrown : executable.getGenericExceptionTypes()) {
            check(where, thrown, leaks);
          }
        }
      }
    }
    return leaks;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(String where, Type type, List<String> leaks) {
    if (type != null && HIDDEN.matcher(type.getTypeName()).find()) {
      leaks.add(where + ": " + type.getTypeName());
    }
  }

  @Test
  void noJacksonOrResilience4jTypeInAPublicSignature() throws IOException {
    assertThat(leaks(Path.of("target/classes"), "dev/inference/kit")).isEmpty();
  }

  @Test
  void theCheckFindsALeak() throws IOException {
    // the internal package is allowed to use Jackson in public signatures: the check must see it
    assertThat(leaks(Path.of("target/classes"), "dev/inference/kit/internal")).isNotEmpty();
  }

  @Test
  void noModuleInfoInTheRepositoryHasAQualifiedExport() throws IOException {
    Pattern qualified = Pattern.compile("(?s)\\bexports\\s+[\\w.]+\\s+to\\b");
    List<Path> descriptors;
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      descriptors =
          modules
              .map(module -> module.resolve("src/main/java/module-info.java"))
              .filter(Files::isRegularFile)
              .toList();
    }
    assertThat(descriptors).hasSizeGreaterThan(5);
    for (Path descriptor : descriptors) {
      assertThat(qualified.matcher(Files.readString(descriptor)).find())
          .as(descriptor + " has a qualified export")
          .isFalse();
    }
  }
}
