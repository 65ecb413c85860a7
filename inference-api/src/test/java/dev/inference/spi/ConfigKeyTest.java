package dev.inference.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

  private static final String SECRET = "sk-MARKER-123";

  /** A key with shapes of its own, as a driver declares one: a word, or a whole number. */
  private static final ConfigKey<String> SPEED =
      ConfigKey.of(
          "speed",
          "how fast",
          String.class,
          "\"fast\" or a number of steps",
          value ->
              value.equals(JsonValue.of("fast"))
                  ? Optional.of("fast")
                  : ConfigKey.integer("speed", "steps").tryParse(value).map(n -> n + " steps"));

  @Test
  void theFactoriesReadTheirShapes() {
    assertThat(ConfigKey.string("s", "d").parse(JsonValue.of("x"))).isEqualTo("x");
    assertThat(ConfigKey.integer("i", "d").parse(JsonValue.of(42))).isEqualTo(42L);
    assertThat(ConfigKey.number("n", "d").parse(JsonValue.of(7))).isEqualTo(7.0);
    assertThat(ConfigKey.number("n", "d").parse(JsonValue.of(0.5))).isEqualTo(0.5);
    assertThat(ConfigKey.bool("b", "d").parse(JsonValue.of(false))).isFalse();
    assertThat(ConfigKey.oneOf("o", "d", List.of("a", "b")).parse(JsonValue.of("b")))
        .isEqualTo("b");
    assertThat(
            ConfigKey.stringTable("t", "d")
                .parse(JsonValue.object(Map.of("X-One", JsonValue.of("1")))))
        .containsExactly(Map.entry("X-One", "1"));
    assertThat(SPEED.parse(JsonValue.of("fast"))).isEqualTo("fast");
    assertThat(SPEED.parse(JsonValue.of(3))).isEqualTo("3 steps");
  }

  @Test
  void aValueOfTheWrongShapeNamesTheOptionWhatItTakesAndTheValue() {
    assertThatThrownBy(() -> ConfigKey.integer("num_ctx", "d").parse(JsonValue.of("8192")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option 'num_ctx' must be an integer, but was \"8192\"");
    assertThatThrownBy(() -> ConfigKey.integer("num_ctx", "d", 1, 10).parse(JsonValue.of(11)))
        .hasMessage("option 'num_ctx' must be an integer from 1 to 10, but was 11");
    assertThatThrownBy(() -> ConfigKey.integer("num_ctx", "d").parse(JsonValue.of(1.5)))
        .hasMessage("option 'num_ctx' must be an integer, but was 1.5");
    assertThatThrownBy(() -> ConfigKey.bool("strict", "d").parse(JsonValue.of("yes")))
        .hasMessage("option 'strict' must be a boolean, but was \"yes\"");
    assertThatThrownBy(
            () -> ConfigKey.oneOf("field", "d", List.of("a", "b")).parse(JsonValue.of("c")))
        .hasMessage("option 'field' must be one of a, b, but was \"c\"");
    assertThatThrownBy(() -> SPEED.parse(JsonValue.of(true)))
        .hasMessage("option 'speed' must be \"fast\" or a number of steps, but was true");
    assertThat(SPEED.tryParse(JsonValue.of(true))).isEmpty();
  }

  @Test
  void aTableOrAnArrayIsNamedNeverShown() {
    JsonValue headers =
        JsonValue.object(Map.of("Authorization", JsonValue.of(SECRET), "X-Num", JsonValue.of(7)));

    assertThatThrownBy(() -> ConfigKey.stringTable("headers", "d").parse(headers))
        .hasMessage("option 'headers' must be a table of strings, but was a table");
    assertThatThrownBy(
            () ->
                ConfigKey.string("label", "d")
                    .parse(JsonValue.array(List.of(JsonValue.of(SECRET)))))
        .hasMessage("option 'label' must be a string, but was an array")
        .hasMessageNotContaining("MARKER");
  }

  @Test
  void aKeyReadsItsOptionFromSettings() {
    ConfigKey<Long> numCtx = ConfigKey.integer("num_ctx", "d", 1, Integer.MAX_VALUE);
    ProviderSettings.Builder builder = ProviderSettings.builder("d").model("m");

    assertThat(numCtx.from(builder.build())).isEmpty();
    assertThat(numCtx.from(builder.option("num_ctx", JsonValue.of(8192)).build())).contains(8192L);
    ProviderSettings bad = builder.option("num_ctx", JsonValue.of(0)).build();
    assertThatThrownBy(() -> numCtx.from(bad))
        .hasMessage("option 'num_ctx' must be an integer from 1 to 2147483647, but was 0");
  }

  @Test
  void namesAreSnakeCase() {
    assertThatThrownBy(() -> ConfigKey.string("keepAlive", "d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("config key names are snake case (a-z, 0-9, '_'), but was 'keepAlive'");
  }

  @Test
  void keysAreEqualByNameTypeAndShape() {
    assertThat(ConfigKey.integer("n", "one")).isEqualTo(ConfigKey.integer("n", "two"));
    assertThat(ConfigKey.integer("n", "one").hashCode())
        .isEqualTo(ConfigKey.integer("n", "two").hashCode());
    assertThat(ConfigKey.integer("n", "d")).isNotEqualTo(ConfigKey.integer("n", "d", 1, 2));
    assertThat(ConfigKey.integer("n", "d")).isNotEqualTo(ConfigKey.number("n", "d"));
    assertThat(ConfigKey.integer("n", "d", 1, 2))
        .hasToString("ConfigKey[n: an integer from 1 to 2]");
    assertThat(ConfigKey.integer("n", "d").type()).isEqualTo(Long.class);
    assertThat(ConfigKey.integer("n", "d").expected()).isEqualTo("an integer");
  }
}
