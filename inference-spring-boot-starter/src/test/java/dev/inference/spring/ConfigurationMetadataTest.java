package dev.inference.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spring's processor wrote the metadata IDEs complete the keys from, with descriptions. */
class ConfigurationMetadataTest {

  @Test
  void theMetadataNamesThePropertiesWithDescriptions() throws IOException {
    String text;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("metadata on the class path").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> descriptions = new LinkedHashMap<>();
    JsonValue properties = JsonValue.parse(text).get("properties").orElseThrow();
    for (JsonValue property : ((JsonValue.ArrayValue) properties).elements()) {
      descriptions.put(
          property.get("name").flatMap(JsonValue::asString).orElseThrow(),
          property.get("description").flatMap(JsonValue::asString).orElse(""));
    }
    assertThat(descriptions)
        .containsKeys(
            "inference.profiles",
            "inference.default-profile",
            "inference.config-file",
            "inference.health.cache-ttl",
            "inference.metrics.enabled");
    assertThat(descriptions.values()).allSatisfy(d -> assertThat(d).isNotBlank());
    assertThat(descriptions.get("inference.default-profile")).contains("primary");
  }
}
