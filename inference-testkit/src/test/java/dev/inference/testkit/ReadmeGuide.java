package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.spi.ProviderFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * The third-party guide's driver, compiled from the text of {@code README.md} once per test JVM:
 * every {@code java} block is a source file, and the block after the line naming {@code
 * META-INF/services/dev.inference.spi.ProviderFactory} is that file. The classes are loaded by a
 * child of the test class loader, so the kit's types are shared and only the guide's are new.
 */
final class ReadmeGuide {

  static final Path README = Path.of("README.md");
  static final String PACKAGE = "com.example.acme";
  private static final String SERVICES = "META-INF/services/dev.inference.spi.ProviderFactory";
  private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
  private static @Nullable ReadmeGuide compiled;

  private final List<String> sources;
  private final URLClassLoader loader;

  private ReadmeGuide(List<String> sources, URLClassLoader loader) {
    this.sources = sources;
    this.loader = loader;
  }

  /** The guide, compiled on first use; a README that does not compile fails the caller's test. */
  static synchronized ReadmeGuide get() {
    if (compiled == null) {
      compiled = compile();
    }
    return compiled;
  }

  /** The Java sources of the guide, in README order. */
  List<String> sources() {
    return sources;
  }

  /** A new instance of the guide's factory. */
  ProviderFactory factory() {
    return (ProviderFactory) newInstance("AcmeProviderFactory");
  }

  /** A new instance of the guide's wire fixture. */
  WireFixture wireFixture() {
    return (WireFixture) newInstance("AcmeWireFixture");
  }

  /** The guide's conformance test class. */
  Class<?> conformanceTest() {
    return load("AcmeConformanceTest");
  }

  /**
   * Runs with the guide's loader as the thread's context class loader, so that {@code
   * ServiceLoader} (and {@code Inference.factory}) finds the guide's driver as an application
   * would.
   */
  <T> T run(Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private Object newInstance(String simpleName) {
    try {
      return load(simpleName).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("the guide's " + simpleName + " has a public no-arg constructor", e);
    }
  }

  private Class<?> load(String simpleName) {
    try {
      return Class.forName(PACKAGE + "." + simpleName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("the README declares " + PACKAGE + "." + simpleName, e);
    }
  }

  private static ReadmeGuide compile() {
    try {
      String readme = Files.readString(README);
      Path classes = Path.of("target", "readme-guide");
      deleteRecursively(classes);
      Files.createDirectories(classes.resolve("META-INF/services"));
      List<String> sources = new ArrayList<>();
      Matcher block = BLOCK.matcher(readme);
      while (block.find()) {
        String language = block.group(1);
        String text = block.group(2);
        if (language.equals("java") && text.contains("package " + PACKAGE + ";")) {
          sources.add(text);
        } else if (readme.substring(0, block.start()).strip().endsWith(SERVICES + "`:")) {
          Files.writeString(classes.resolve(SERVICES), text);
        }
      }
      assertThat(classes.resolve(SERVICES)).as("the README's %s block", SERVICES).exists();
      javac(sources, classes);
      URL[] path = {classes.toUri().toURL()};
      return new ReadmeGuide(
          List.copyOf(sources), new URLClassLoader(path, ReadmeGuide.class.getClassLoader()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void javac(List<String> sources, Path classes) throws MalformedURLException {
    List<JavaFileObject> files = new ArrayList<>();
    for (String source : sources) {
      Matcher type =
          Pattern.compile("(?m)^(?:public )?(?:final )?(?:class|interface|record) (\\w+)")
              .matcher(source);
      assertThat(type.find()).as("a README block declares a type: %s", source).isTrue();
      files.add(
          new SimpleJavaFileObject(
              URI.create("string:///" + PACKAGE.replace('.', '/') + "/" + type.group(1) + ".java"),
              JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          });
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean ok =
        compiler
            .getTask(
                diagnostics,
                null,
                null,
                List.of(
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    classes.toString(),
                    "--release",
                    "17",
                    "-Xlint:all",
                    "-Werror"),
                null,
                files)
            .call();
    assertThat(ok).as("the README's guide compiles:%n%s", diagnostics).isTrue();
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
