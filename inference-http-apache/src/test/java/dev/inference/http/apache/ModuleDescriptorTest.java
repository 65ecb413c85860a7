package dev.inference.http.apache;

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

/** The module provides one engine and needs only the HTTP kit, httpclient5 and the JDK. */
class ModuleDescriptorTest {

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** The HTTP kit's public package, the JDK, Apache HttpClient 5; JSpecify's annotations. */
  private static final Pattern ALLOWED =
      Pattern.compile(
          "(dev\\.inference\\.http|java\\.[\\w.]+|javax\\.net\\.ssl|org\\.apache\\.hc\\.[\\w.]+"
              + "|org\\.jspecify\\.annotations)\\.[A-Z]\\w*(\\.\\w+)*");

  @Test
  void providesTheEngineFactoryAndRequiresOnlyTheKitAndHttpClient() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("dev.inference.http.apache");
    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.inference.http.apache");
    assertThat(module.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder(
            "java.base",
            "dev.inference.http",
            "org.apache.httpcomponents.client5.httpclient5",
            "org.apache.httpcomponents.core5.httpcore5",
            "org.jspecify");
    assertThat(module.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo("dev.inference.http.HttpEngineFactory");
              assertThat(provides.providers())
                  .containsExactly(ApacheHttpEngineFactory.class.getName());
            });
  }

  @Test
  void theServiceFileNamesTheSameFactory() throws IOException {
    assertThat(
            Files.readString(
                    Path.of(
                        "src/main/resources/META-INF/services/dev.inference.http.HttpEngineFactory"))
                .strip())
        .isEqualTo(ApacheHttpEngineFactory.class.getName());
  }

  @Test
  void mainCodeImportsOnlyTheKitHttpClientAndTheJdk() throws IOException {
    List<String> forbidden = new ArrayList<>();
    List<String> imports = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher matcher = IMPORT.matcher(Files.readString(file));
        while (matcher.find()) {
          imports.add(matcher.group(1));
          if (!ALLOWED.matcher(matcher.group(1)).matches()) {
            forbidden.add(file.getFileName() + ": " + matcher.group(1));
          }
        }
      }
    }
    assertThat(imports)
        .as("the check saw the imports")
        .contains("dev.inference.http.HttpEngine", "org.apache.hc.core5.http.ClassicHttpResponse");
    assertThat(forbidden).isEmpty();
  }

  @Test
  void theImportRuleRefusesWhatItMust() {
    assertThat(ALLOWED.matcher("dev.inference.http.internal.HttpExchange").matches()).isFalse();
    assertThat(ALLOWED.matcher("dev.inference.kit.Json").matches()).isFalse();
    assertThat(ALLOWED.matcher("com.fasterxml.jackson.core.JsonParser").matches()).isFalse();
    assertThat(ALLOWED.matcher("dev.inference.http.HttpEngine").matches()).isTrue();
  }
}
