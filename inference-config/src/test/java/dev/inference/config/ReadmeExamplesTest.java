package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles every Java example of the root README against the real API, so none can drift. */
class ReadmeExamplesTest {

  @Test
  void everyReadmeExampleCompiles(@TempDir Path classes) throws IOException {
    Path readme = Path.of("..", "README.md");
    Matcher block =
        Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
    List<JavaFileObject> sources = new java.util.ArrayList<>();
    while (block.find()) {
      String source = block.group(1);
      Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
      assertThat(name.find()).as("a README example declares a public class: %s", source).isTrue();
      sources.add(
          new SimpleJavaFileObject(
              URI.create("string:///" + name.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          });
    }
    assertThat(sources).as("the README's java blocks").hasSizeGreaterThanOrEqualTo(2);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled =
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
                    "-Xlint:all",
                    "-Werror"),
                null,
                sources)
            .call();
    assertThat(compiled).as(diagnostics.toString()).isTrue();
    assertThat(classes.resolve("Hello.class")).exists();
    assertThat(classes.resolve("FromConfig.class")).exists();
  }
}
