package dev.inference.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.inference.props.Props;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain-subset parser against tomlj: whatever it accepts, tomlj accepts too and reads as the
 * same tree, every value, key order and position included; everything else it leaves to tomlj.
 */
class PlainTomlTest {

  static final String CONFIG =
      String.join(
          "\n",
          "# the Bitloops daemon config",
          "[inference.runtimes.local]",
          "request_timeout_secs = 60",
          "max_retries = 1",
          "retry_on = [\"rate_limited\", 'unavailable'] # comment",
          "",
          "[inference.profiles.\"p q\"]",
          "task = \"text_generation\"",
          "driver = 'openai_chat_completions'",
          "runtime = \"local\"",
          "model = \"gpt-4.1-mini\"",
          "base_url = \"https://api.openai.com/v1/chat/completions\"",
          "api_key = \"${KEY}\"",
          "temperature = 0.1",
          "top_p = -1e-3",
          "max_output_tokens = +200",
          "stop = [",
          "  \"\\u00e9\\n\", # a comment in an array",
          "  \"\\t\\\"x\\\\\",",
          "]",
          "flags = [[true, false], [false]]",
          "headers = { \"X-Team\" = \"search\", X-Trace = \"${TRACE}\" }",
          "");

  @Test
  void aTypicalConfigIsReadWithoutTomljAndAsTomljReadsIt() {
    assertSameAsTomlj(CONFIG);
    assertSameAsTomlj(CONFIG.replace("\n", "\r\n"));
  }

  @Test
  void theTreeHoldsValuesAndTheirPositions() {
    TomlTree.Table tree = PlainToml.parse(CONFIG).orElseThrow();
    assertThat(tree.get(List.of("inference", "profiles", "p q", "max_output_tokens")))
        .isEqualTo(200L);
    assertThat(tree.get(List.of("inference", "profiles", "p q", "top_p"))).isEqualTo(-0.001);
    assertThat(tree.inputPositionOf(List.of("inference", "profiles", "p q", "temperature")))
        .isEqualTo(new TomlTree.Position(14, 1));
    assertThat(tree.inputPositionOf(List.of("inference"))).isEqualTo(new TomlTree.Position(2, 1));
    TomlTree.Array stop =
        (TomlTree.Array) tree.get(List.of("inference", "profiles", "p q", "stop"));
    assertThat(stop.get(0)).isEqualTo("é\n");
    assertThat(stop.inputPositionOf(1)).isEqualTo(new TomlTree.Position(19, 3));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a = { b.c = 1 }",
        "a = { b = 1, }",
        "a = { b = 1,\n c = 2 }",
        "a = { b = 1 }\n[a.c]",
        "a.b = 1",
        "[[a]]\nb = 1",
        "a = \"\"\"\nx\"\"\"",
        "a = '''x'''",
        "a = 1979-05-27",
        "a = 0x1F",
        "a = 1_000",
        "a = inf",
        "a = nan",
        "a = 012",
        "a = [1, 2.0]",
        "a = \"\\e\"",
        "a = \"\\u\u0be600e9\"", // a Tamil digit zero: a digit to Character.digit, not to TOML
        "a = 'x\uda9a'", // half a surrogate pair
        "[a]\n[a]",
        "[a.b]\n[a]",
        "a = 1\na = 2",
        "a = 1\n[a.b]",
        "a = \"x\" y",
        "a = 99999999999999999999",
        "a = 1e999",
        "\"\" = 1",
        "a = \"unterminated",
        "a =",
        "a = 1\rb = 2",
        "a = \"x\u0001\"",
      })
  void whatLeavesTheSubsetIsLeftToTomlj(String toml) {
    assertThat(PlainToml.parse(toml)).isEmpty();
    // and the config path still reads it, or fails with tomlj's own ConfigException
    assertThatCode(
            () -> {
              try {
                TomlDocument.parse(toml);
              } catch (dev.inference.config.ConfigException expected) {
                // tomlj's verdict
              }
            })
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\n\n# only a comment\n",
        "a = 1",
        "a = -0",
        "a = 0.5e+3",
        "a = true # done",
        "[ a . \"b.c\" . 'd' ]\n x = 'y'",
        "[a.b]\n[a.c]\nx = []",
        "a = [ ]\nb = [\n\n]",
        "a = \"\\U0001F600 é\" \nb = ['é', 'ü']",
        "k-1_2 = 1\n\"quoted key\" = 2\n'lit' = 3",
        "x = \"\\b\\f\\r\"",
        "headers = { \"X-Team\" = \"a\", X-Trace = { on = [1, 2] } }\nempty = {}",
        "a = [{ b = 1 }, { c = 'd' }]",
      })
  void theSubsetAgreesWithTomlj(String toml) {
    assertSameAsTomlj(toml);
  }

  @Test
  void everyConfigOfTheCorpusReadsAsTomljReadsIt() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.list(Path.of("src/test/resources/configs"))) {
      files = walk.filter(file -> file.toString().endsWith(".toml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(100);
    List<String> plain = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String document = text.startsWith("\uFEFF") ? text.substring(1) : text;
      Optional<TomlTree.Table> tree = PlainToml.parse(document);
      if (tree.isPresent()) {
        plain.add(file.getFileName().toString());
        assertThat(tree.get())
            .as(file.toString())
            .hasToString(TomlDocument.parseWithTomlj(document).toString());
      }
    }
    // the point of the subset: most configs, and the common ones, never load tomlj
    assertThat(plain)
        .hasSizeGreaterThan(files.size() * 3 / 4)
        .contains("valid_all_option_types.toml", "valid_openai_driver_keys.toml");
  }

  @Test
  void randomEditsOfAConfigAreReadAsTomljReadsThemOrLeftToIt() {
    int[] accepted = {0};
    Props.forAll(
        2_000,
        (random, size) -> {
          StringBuilder toml = new StringBuilder(CONFIG);
          for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(toml.length() + 1);
            switch (random.nextInt(3)) {
              case 0 ->
                  toml.insert(
                      at,
                      Props.strings(
                              4, false, "[", "]", "\"", "'", "=", "\n", "\r\n", "#", ".", ",", " ",
                              "\\", "1", "-", "e", "\\u00e9", "x", "{", "}")
                          .next(random, size));
              case 1 -> toml.delete(at, Math.min(toml.length(), at + 1 + random.nextInt(6)));
              default -> toml.insert(at, "\n" + CONFIG.substring(random.nextInt(CONFIG.length())));
            }
          }
          return toml.toString();
        },
        toml -> {
          Optional<TomlTree.Table> tree = PlainToml.parse(toml);
          if (tree.isPresent()) {
            accepted[0]++;
            assertThat(tree.get()).hasToString(TomlDocument.parseWithTomlj(toml).toString());
          }
        });
    // the edits must also exercise the agreement, not only the way out of the subset
    assertThat(accepted[0]).isGreaterThan(100);
  }

  private static void assertSameAsTomlj(String toml) {
    Optional<TomlTree.Table> tree = PlainToml.parse(toml);
    assertThat(tree).as("read by the plain parser").isPresent();
    assertThat(tree.get()).hasToString(TomlDocument.parseWithTomlj(toml).toString());
  }
}
