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

    assertThat(capabilities.responseFormats()).containsExactly(ResponseFormat.Kind.TEXT);
    assertThat(capabilities.supports(ResponseFormat.Kind.TEXT)).isTrue();
    assertThat(capabilities.supports(ResponseFormat.Kind.JSON_OBJECT)).isFalse();
    assertThat(capabilities.usageReporting()).isFalse();
    assertThat(capabilities.streaming()).isFalse();
    assertThat(capabilities.reasoning()).isFalse();
    assertThat(capabilities.tools()).isFalse();
    assertThat(capabilities.parallelToolCalls()).isFalse();
    assertThat(capabilities.imageInput()).isFalse();
    assertThat(capabilities.imageUrls()).isFalse();
  }

  @Test
  void responseFormatsMustIncludeText() {
    assertThatThrownBy(
            () ->
                Capabilities.builder().responseFormats(EnumSet.of(ResponseFormat.Kind.JSON_OBJECT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("responseFormats must include TEXT, but was [JSON_OBJECT]");
    assertThatThrownBy(() -> Capabilities.builder().responseFormats(Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("responseFormats must include TEXT, but was []");
  }

  @Test
  void parallelCallsImplyToolsAndUrlsImplyImages() {
    Capabilities capabilities =
        Capabilities.builder().parallelToolCalls(true).imageUrls(true).build();

    assertThat(capabilities.tools()).isTrue();
    assertThat(capabilities.imageInput()).isTrue();
    assertThat(Capabilities.builder().tools(true).build().parallelToolCalls()).isFalse();
    assertThat(Capabilities.builder().imageInput(true).build().imageUrls()).isFalse();
  }

  @Test
  void toBuilderKeepsEveryValueAndEqualityIsByValue() {
    Capabilities full =
        Capabilities.builder()
            .responseFormats(Set.of(ResponseFormat.Kind.JSON_SCHEMA, ResponseFormat.Kind.TEXT))
            .usageReporting(true)
            .streaming(true)
            .reasoning(true)
            .parallelToolCalls(true)
            .imageUrls(true)
            .build();

    Capabilities copy = full.toBuilder().build();

    assertThat(copy).isEqualTo(full).hasSameHashCodeAs(full);
    assertThat(copy.jsonSchema()).isTrue();
    assertThat(copy.responseFormats())
        .containsExactlyInAnyOrder(ResponseFormat.Kind.TEXT, ResponseFormat.Kind.JSON_SCHEMA);
    assertThat(copy.toString())
        .isEqualTo(
            "Capabilities{responseFormats=[TEXT, JSON_SCHEMA], usageReporting=true,"
                + " streaming=true, reasoning=true, tools=true, parallelToolCalls=true,"
                + " imageInput=true, imageUrls=true}");
    assertThat(full.toBuilder().streaming(false).build()).isNotEqualTo(full);
    assertThat(full.toBuilder().parallelToolCalls(false).build()).isNotEqualTo(full);
    assertThat(full.toBuilder().imageUrls(false).build()).isNotEqualTo(full);
    assertThat(full.toBuilder().responseFormats(Set.of(ResponseFormat.Kind.TEXT)).build())
        .isNotEqualTo(full);
  }

  @Test
  void theFormatSetIsACopyAndUnmodifiable() {
    Set<ResponseFormat.Kind> kinds = EnumSet.of(ResponseFormat.Kind.TEXT);
    Capabilities capabilities = Capabilities.builder().responseFormats(kinds).build();
    kinds.add(ResponseFormat.Kind.JSON_OBJECT);

    assertThat(capabilities.responseFormats()).containsExactly(ResponseFormat.Kind.TEXT);
    assertThatThrownBy(() -> capabilities.responseFormats().add(ResponseFormat.Kind.JSON_OBJECT))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
