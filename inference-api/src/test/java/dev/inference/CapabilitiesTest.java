package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  @Test
  void defaultsAreTextOnlyAndNothingElse() {
    Capabilities capabilities = Capabilities.builder().build();

    assertThat(capabilities.responseModes()).containsExactly(ResponseMode.TEXT);
    assertThat(capabilities.supports(ResponseMode.TEXT)).isTrue();
    assertThat(capabilities.supports(ResponseMode.JSON_OBJECT)).isFalse();
    assertThat(capabilities.usageReporting()).isFalse();
    assertThat(capabilities.streaming()).isFalse();
    assertThat(capabilities.reasoning()).isFalse();
  }

  @Test
  void responseModesMustIncludeText() {
    assertThatThrownBy(
            () -> Capabilities.builder().responseModes(EnumSet.of(ResponseMode.JSON_OBJECT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("responseModes must include TEXT, but was [JSON_OBJECT]");
    assertThatThrownBy(() -> Capabilities.builder().responseModes(Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("responseModes must include TEXT, but was []");
  }

  @Test
  void toBuilderKeepsEveryValueAndEqualityIsByValue() {
    Capabilities full =
        Capabilities.builder()
            .responseModes(Set.of(ResponseMode.JSON_SCHEMA, ResponseMode.TEXT))
            .usageReporting(true)
            .streaming(true)
            .reasoning(true)
            .build();

    Capabilities copy = full.toBuilder().build();

    assertThat(copy).isEqualTo(full).hasSameHashCodeAs(full);
    assertThat(copy.responseModes())
        .containsExactlyInAnyOrder(ResponseMode.TEXT, ResponseMode.JSON_SCHEMA);
    assertThat(copy.toString())
        .isEqualTo(
            "Capabilities{responseModes=[TEXT, JSON_SCHEMA], usageReporting=true,"
                + " streaming=true, reasoning=true}");
    assertThat(full.toBuilder().streaming(false).build()).isNotEqualTo(full);
    assertThat(full.toBuilder().responseModes(Set.of(ResponseMode.TEXT)).build())
        .isNotEqualTo(full);
  }

  @Test
  void theModeSetIsACopyAndUnmodifiable() {
    Set<ResponseMode> modes = EnumSet.of(ResponseMode.TEXT);
    Capabilities capabilities = Capabilities.builder().responseModes(modes).build();
    modes.add(ResponseMode.JSON_OBJECT);

    assertThat(capabilities.responseModes()).containsExactly(ResponseMode.TEXT);
    assertThatThrownBy(() -> capabilities.responseModes().add(ResponseMode.JSON_OBJECT))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
