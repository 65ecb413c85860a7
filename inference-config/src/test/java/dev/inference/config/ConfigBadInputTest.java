package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.inference.props.Props;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind ends in a {@link ConfigException} with a location where the input has
 * one: never another exception type, never a hang ({@code @Timeout} is only a hang guard).
 */
@Timeout(60)
class ConfigBadInputTest {

  private static final Function<String, Optional<String>> ENV = name -> Optional.of("MARKER");

  static final String VALID =
      String.join(
          "\n",
          "[inference.runtimes.local]",
          "request_timeout_secs = 60",
          "max_retries = 1",
          "",
          "[inference.profiles.p]",
          "task = \"text_generation\"",
          "driver = \"openai_chat_completions\"",
          "runtime = \"local\"",
          "model = \"gpt-4.1-mini\"",
          "base_url = \"https://api.openai.com/v1/chat/completions\"",
          "api_key = \"${KEY}\"",
          "temperature = 0.1",
          "max_output_tokens = 200",
          "max_frame_bytes = 65536",
          "headers = { X-A = \"b\" }",
          "");

  @TempDir Path dir;

  @Test
  void theBaseDocumentIsValid() {
    assertThat(InferenceConfig.parse(VALID, ENV).profileNames()).containsExactly("p");
  }

  @Test
  void wrongTypesEverywhereAreProblemsAtTheirLine() {
    List<String> lines = List.of(VALID.split("\n"));
    List<String> wrong =
        List.of(
            "\"text\"",
            "42",
            "-1",
            "1.5",
            "nan",
            "true",
            "[1, \"a\"]",
            "{ a = 1 }",
            "1979-05-27T07:32:00Z",
            "\"${UNSET\"",
            "\"\"",
            "[]",
            "[[1]]");
    int checked = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int eq = line.indexOf(" = ");
      if (eq < 0) {
        continue;
      }
      for (String value : wrong) {
        List<String> mutated = new ArrayList<>(lines);
        mutated.set(i, line.substring(0, eq) + " = " + value);
        String toml = String.join("\n", mutated);
        Throwable thrown = catchThrowable(() -> InferenceConfig.parse(toml, ENV));
        if (thrown == null) {
          continue; // some keys accept some of these (a string temperature, a negative retry is
          // not)
        }
        assertThat(thrown).as(toml).isInstanceOf(ConfigException.class);
        ConfigException failure = (ConfigException) thrown;
        assertThat(failure.problems())
            .as(toml)
            .allSatisfy(problem -> assertThat(problem.line()).isPositive());
        assertThat(failure.getMessage()).doesNotContain("MARKER");
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void randomMutationsOfAValidDocumentLoadOrFailWithConfigException() {
    Props.forAll(
        300,
        (random, size) -> {
          StringBuilder toml = new StringBuilder(VALID);
          for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
            int at = random.nextInt(toml.length() + 1);
            switch (random.nextInt(3)) {
              case 0 ->
                  toml.insert(
                      at,
                      Props.strings(6, true, "[", "]", "{", "\"", "=", "\n", "'''", "#", ".")
                          .next(random, size));
              case 1 -> toml.delete(at, Math.min(toml.length(), at + 1 + random.nextInt(8)));
              default -> toml.insert(at, "\n" + VALID.substring(random.nextInt(VALID.length())));
            }
          }
          return toml.toString();
        },
        toml -> {
          Throwable thrown = catchThrowable(() -> InferenceConfig.parse(toml, ENV));
          if (thrown != null) {
            assertThat(thrown).isInstanceOf(ConfigException.class);
            assertThat(thrown.getMessage()).doesNotContain("MARKER");
          }
        });
  }

  @Test
  void malformedTomlIsAProblemWithLineAndColumn() {
    ConfigException failure =
        parseFails(VALID.replace("model = \"gpt-4.1-mini\"", "model = \"gpt-4.1-mini"));
    assertThat(failure.problems().get(0).line()).isEqualTo(9);
    assertThat(failure.problems().get(0).column()).isPositive();
  }

  @Test
  void duplicateKeysAndTablesAreProblemsWithLineAndColumn() {
    ConfigException key = parseFails(VALID + "model = \"again\"\n");
    assertThat(key.problems().get(0).line()).isEqualTo(16);
    assertThat(key.getMessage()).contains("model");
    ConfigException table = parseFails(VALID + "[inference.profiles.p]\n");
    assertThat(table.problems().get(0).line()).isEqualTo(16);
  }

  @Test
  void droppedCommentAndBlankLinesDoNotShiftAnyReportedLine() {
    String padded = VALID.replace("\nmodel = ", "\n# a\n\n   \n# b\nmodel = ");
    ConfigException failure = parseFails(padded + "model = \"again\"\n");
    assertThat(failure.problems().get(0).line()).isEqualTo(20);
    assertThat(failure.getMessage()).contains("previously defined at line 13");
    ConfigException typed =
        parseFails(padded.replace("max_output_tokens = 200", "max_output_tokens = true"));
    assertThat(typed.problems().get(0).line()).isEqualTo(17);
  }

  @Test
  void deeplyNestedDocumentsAreRefusedWithTheLocationOfTheBracket() {
    for (String open : List.of("[", "{ a = ")) {
      String close = open.equals("[") ? "]" : "}";
      String toml = VALID + "deep = " + open.repeat(50_000) + "1" + close.repeat(50_000) + "\n";
      ConfigException failure = parseFails(toml);
      assertThat(failure.getMessage()).contains("nest more than 64 levels");
      assertThat(failure.problems().get(0).line()).isEqualTo(16);
      assertThat(failure.problems().get(0).column())
          .isEqualTo("deep = ".length() + 65 * open.length() - (open.length() - 1));
    }
    // brackets inside strings and comments do not count
    String quoted = VALID.replace("gpt-4.1-mini", "[".repeat(500)) + "# " + "{".repeat(500) + "\n";
    assertThat(InferenceConfig.parse(quoted, ENV).settings("p").model()).isEqualTo("[".repeat(500));
  }

  @Test
  void aDeepButAllowedDocumentStillParses() {
    String toml =
        VALID.replace(
            "[inference.runtimes.local]",
            "x = " + "[".repeat(60) + "]".repeat(60) + "\n[inference.runtimes.local]");
    assertThat(InferenceConfig.parse(toml, ENV).profileNames()).containsExactly("p");
  }

  @Test
  void hugeDocumentsFailAtTheLineOfTheMistake() throws IOException {
    StringBuilder toml = new StringBuilder(VALID);
    String filler = "# " + "x".repeat(98) + "\n";
    int fillerLines = 4 * 1024 * 1024 / filler.length();
    toml.append(filler.repeat(fillerLines));
    toml.append("oops = \n");
    Path file = dir.resolve("huge.toml");
    Files.writeString(file, toml);
    ConfigException failure = loadFails(file);
    assertThat(failure.problems().get(0).line())
        .isEqualTo(VALID.split("\n").length + fillerLines + 1);

    String hugeValue = VALID.replace("gpt-4.1-mini", "m".repeat(3 * 1024 * 1024));
    assertThat(InferenceConfig.parse(hugeValue, ENV).settings("p").model())
        .hasSize(3 * 1024 * 1024);
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedWithoutReadingItAll() throws IOException {
    Path file = dir.resolve("big.toml");
    try (var out = Files.newOutputStream(file)) {
      byte[] block = "# padding\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written <= 16L * 1024 * 1024; written += block.length) {
        out.write(block);
      }
    }
    assertThat(loadFails(file).getMessage()).contains("larger than 16 MiB");
  }

  @Test
  void invalidUtf8IsAProblemAtTheBadByte() throws IOException {
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    int at = VALID.indexOf("gpt-4.1-mini") + 3;
    valid[at] = (byte) 0xFF;
    Path file = dir.resolve("latin.toml");
    Files.write(file, valid);
    ConfigException failure = loadFails(file);
    assertThat(failure.problems()).hasSize(1);
    assertThat(failure.problems().get(0).line()).isEqualTo(9);
    assertThat(failure.problems().get(0).column()).isEqualTo("model = \"gpt".length() + 1);
    assertThat(failure.getMessage()).contains("not valid UTF-8", "0xFF");
  }

  @Test
  void aByteOrderMarkIsSkipped() throws IOException {
    Path file = dir.resolve("bom.toml");
    Files.writeString(file, "\uFEFF" + VALID);
    assertThat(InferenceConfig.load(file, ENV).profileNames()).containsExactly("p");
    ConfigException failure = parseFails("\uFEFF" + VALID.replace("task = ", "task = = "));
    assertThat(failure.problems().get(0).line()).isEqualTo(6);
  }

  @Test
  void anEmptyFileSaysWhatIsMissing() throws IOException {
    Path file = dir.resolve("empty.toml");
    Files.write(file, new byte[0]);
    assertThat(loadFails(file).getMessage()).contains("no [inference] table");
  }

  @Test
  void aDirectoryOrAMissingFileIsAProblemNamingThePath() {
    assertThat(loadFails(dir).getMessage()).contains(dir.toString(), "is a directory");
    Path missing = dir.resolve("missing.toml");
    assertThat(loadFails(missing).getMessage()).contains(missing.toString(), "NoSuchFile");
  }

  @Test
  void nonBooleanAllowInsecureHttpAndAMissingCaFileAreProblems() {
    ConfigException failure =
        parseFails(
            VALID
                + "allow_insecure_http = \"yes\"\n"
                + "tls_ca_file = \""
                + dir.resolve("none.pem").toString().replace("\\", "/")
                + "\"\n");
    assertThat(failure.problems())
        .extracting(ConfigProblem::path)
        .containsExactly(
            "inference.profiles.p.allow_insecure_http", "inference.profiles.p.tls_ca_file");
    assertThat(failure.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
  }

  @Test
  void aBadSecretReferenceIsAProblemAtTheApiKey() {
    ConfigException failure = parseFails(VALID.replace("\"${KEY}\"", "\"secret://\""));
    assertThat(failure.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("inference.profiles.p.api_key");
              assertThat(p.line()).isEqualTo(11);
            });
  }

  @Test
  void secretReferencesAreResolvedWhenNeededNotWhenLoaded() {
    Path absent = dir.resolve("absent-key");
    InferenceConfig config =
        InferenceConfig.parse(
            VALID.replace("${KEY}", "secret://file" + absent.toString().replace("\\", "/")), ENV);
    var key = config.settings("p").apiKey().orElseThrow();
    assertThat(key.toString()).isEqualTo("Secret[secret://file" + absent + "]");
    assertThat(config.warnings()).noneMatch(w -> w.message().contains("holds the key itself"));
    assertThatThrownBy(key::reveal)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(absent.toString());
  }

  private static ConfigException parseFails(String toml) {
    Throwable thrown = catchThrowable(() -> InferenceConfig.parse(toml, ENV));
    assertThat(thrown).isInstanceOf(ConfigException.class);
    return (ConfigException) thrown;
  }

  private static ConfigException loadFails(Path path) {
    Throwable thrown = catchThrowable(() -> InferenceConfig.load(path, ENV));
    assertThat(thrown).isInstanceOf(ConfigException.class);
    return (ConfigException) thrown;
  }

  @SuppressWarnings("unused")
  private static final Map<String, String> UNUSED = Map.of();
}
