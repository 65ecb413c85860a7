package dev.inference.testkit;

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

/**
 * Compiles the driver author example of the testkit README against the real API, so it cannot
 * drift.
 */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleCompiles(@TempDir Path classes) throws IOException {
    Path readme = Path.of("README.md");
    Matcher block =
        Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
    assertThat(block.find()).as("README.md has a ```java block").isTrue();
    String source = block.group(1);
    assertThat(source).contains("class AcmeConformanceTest extends DriverConformanceKit");

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///AcmeConformanceTest.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
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
                List.of(file))
            .call();
    assertThat(compiled).as(diagnostics.toString()).isTrue();
    assertThat(classes.resolve("AcmeConformanceTest.class")).exists();
  }
}
