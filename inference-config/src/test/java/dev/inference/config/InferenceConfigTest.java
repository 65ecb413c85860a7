package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.inference.InferenceClient;
import dev.inference.InferenceListener;
import dev.inference.config.fakes.FakeClient;
import dev.inference.spi.DriverContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API around the checks: lookups, clients, describe, file reading and the exception. */
class InferenceConfigTest {

  private static final Function<String, Optional<String>> NO_ENV = name -> Optional.empty();

  private static final String CONFIG =
      "[inference.runtimes.rt]\n"
          + "request_timeout_secs = 30\n"
          + "connect_timeout_secs = 3\n"
          + "\n"
          + "[inference.profiles.fast]\n"
          + "task = \"text_generation\"\n"
          + "driver = \"fake_all_types\"\n"
          + "runtime = \"rt\"\n"
          + "model = \"m\"\n"
          + "base_url = \"https://fake.test/v1\"\n"
          + "temperature = 0.2\n"
          + "max_output_tokens = 10\n"
          + "\n"
          + "[inference.profiles.picky]\n"
          + "task = \"text_generation\"\n"
          + "driver = \"fake_all_types\"\n"
          + "runtime = \"rt\"\n"
          + "model = \"m\"\n"
          + "base_url = \"https://fake.test/v1\"\n"
          + "temperature = 0.2\n"
          + "max_output_tokens = 10\n"
          + "strict = true\n"
          + "\n"
          + "[inference.profiles.embed]\n"
          + "task = \"embeddings\"\n";

  private final InferenceConfig config = InferenceConfig.parse(CONFIG, NO_ENV);

  @Test
  void listsTextProfilesAndIgnoredOnes() {
    assertThat(config.profileNames()).containsExactly("fast", "picky");
    assertThat(config.ignoredProfiles()).containsExactly("embed");
    assertThat(config.runtimes()).containsOnlyKeys("rt");
    assertThat(config.toString())
        .isEqualTo(
            "InferenceConfig{profiles=[fast, picky], ignored=[embed], runtimes=[rt], warnings=0}");
  }

  @Test
  void mapsTheRuntimeAndProfileOntoProviderSettings() {
    var settings = config.settings("fast");
    assertThat(settings.profileName()).hasValue("fast");
    assertThat(settings.timeouts().request()).hasSeconds(30);
    assertThat(settings.timeouts().connect()).hasSeconds(3);
    assertThat(settings.temperature()).hasValue(0.2);
    assertThat(settings.maxOutputTokens()).hasValue(10);
    assertThat(config.runtimeOf("fast").name()).isEqualTo("rt");
  }

  @Test
  void anUnknownProfileListsTheTextProfiles() {
    assertThatThrownBy(() -> config.client("slow"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "profile 'slow' was not found in the config; text_generation profiles: fast, picky");
  }

  @Test
  void anIgnoredProfileSaysWhyItIsNotThere() {
    assertThatThrownBy(() -> config.settings("embed"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "inference.profiles.embed (24:1): profile 'embed' was not found in the config: it was"
                + " ignored because its task is 'embeddings', not text_generation;"
                + " text_generation profiles: fast, picky");
  }

  @Test
  void aDriverThatRefusesTheProfileIsAConfigProblemAtTheProfile() {
    assertThatThrownBy(() -> config.client("picky"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "inference.profiles.picky (14:1): driver 'fake_all_types' refused profile 'picky':"
                + " strict mode is not supported by this fake");
  }

  @Test
  void clientPassesTheContextAndDescribeAsksTheDriverWithoutAClient() {
    DriverContext context = DriverContext.builder().listener(new InferenceListener() {}).build();
    try (InferenceClient client = config.client("fast", context)) {
      assertThat(client)
          .asInstanceOf(type(FakeClient.class))
          .extracting(FakeClient::closed)
          .isEqualTo(false);
    }
    assertThat(config.describe("fast").modelName()).isEqualTo("m");
    assertThat(config.describe("fast").endpoint()).isEqualTo("https://fake.test/v1");
    assertThat(config.describe("fast").kind()).isEqualTo("fake_all_types");
  }

  @Test
  void aMissingFileIsOneProblemWithoutPosition(@TempDir Path dir) {
    Path missing = dir.resolve("absent.toml");
    assertThatThrownBy(() -> InferenceConfig.load(missing, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            failure -> {
              ConfigProblem problem = ((ConfigException) failure).problems().get(0);
              assertThat(problem.path()).isEmpty();
              assertThat(problem.line()).isZero();
              assertThat(problem.message())
                  .startsWith("failed to read config file " + missing + ": NoSuchFileException");
            });
  }

  @Test
  void aFileWithBadUtf8IsReported(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.toml");
    Files.write(file, new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xC3, '"'});
    assertThatThrownBy(() -> InferenceConfig.load(file, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("(1:6): config file " + file + " is not valid UTF-8: byte 0xC3");
  }

  @Test
  void loadReadsAFileAndTheSystemEnvironmentVariantWorksWithoutPlaceholders(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, CONFIG);
    assertThat(InferenceConfig.load(file).profileNames()).containsExactly("fast", "picky");
    assertThat(InferenceConfig.parse(CONFIG).profileNames()).containsExactly("fast", "picky");
  }

  @Test
  void anEnvironmentThatReturnsNullIsRefused() {
    assertThatThrownBy(
            () ->
                InferenceConfig.parse(
                    CONFIG.replace("model = \"m\"", "model = \"${M}\""), name -> null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void theExceptionKeepsEveryProblemInOrderAndIsImmutable() {
    ConfigException failure =
        new ConfigException(
            List.of(
                new ConfigProblem("a.b", 1, 2, "first"),
                new ConfigProblem("", 3, 4, "second"),
                new ConfigProblem("c", 0, 0, "third"),
                new ConfigProblem("", 0, 0, "fourth")));
    assertThat(failure.getMessage()).isEqualTo("a.b (1:2): first\n(3:4): second\nc: third\nfourth");
    assertThatThrownBy(() -> failure.problems().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new ConfigException(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConfigProblem("x", -1, 0, "m"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ConfigWarning("x", 1, 1, "careful").toString()).isEqualTo("x (1:1): careful");
  }

  @Test
  void nullArgumentsAreRefused() {
    assertThatThrownBy(() -> InferenceConfig.parse(null, NO_ENV))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> config.settings(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> config.client("fast", (InferenceListener) null))
        .isInstanceOf(NullPointerException.class);
  }
}
