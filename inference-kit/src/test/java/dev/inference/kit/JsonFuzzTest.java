package dev.inference.kit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inference.JsonValue;
import java.io.IOException;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the JSON parsers: {@link JsonValue#parse} and {@link Json#parse}
 * accept and reject the same texts, reject only with {@link IllegalArgumentException}, and agree on
 * the value; a parsed value written and parsed again is equal; the streaming reader over bytes
 * fails only with {@link IOException}; extraction of an object from prose never throws and finds
 * only objects.
 */
class JsonFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void parse(byte[] input) {
    String text = new String(input, UTF_8);
    Optional<JsonValue> api = parsed(() -> JsonValue.parse(text));
    Optional<JsonValue> kit = parsed(() -> Json.parse(text));
    assertThat(kit).isEqualTo(api);
    api.ifPresent(
        value -> {
          assertThat(JsonValue.parse(value.toJson())).isEqualTo(value);
          assertThat(Json.parse(value.toJson())).isEqualTo(value);
        });
  }

  @FuzzTest(maxDuration = "60s")
  void reader(byte[] input) {
    try (JsonReader reader = Json.reader(input)) {
      int tokens = 0;
      while (reader.next() != null && tokens++ < 100_000) {
        // drains every token
      }
    } catch (IOException e) {
      assertThat(e).isNotNull(); // the reader's one typed error
    }
    try (JsonReader reader = Json.reader(input)) {
      if (reader.next() != null) {
        reader.readValue();
      }
    } catch (IOException e) {
      assertThat(e).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void extractObject(byte[] input) {
    JsonObjects.extractObject(new String(input, UTF_8))
        .ifPresent(value -> assertThat(value).isInstanceOf(JsonValue.ObjectValue.class));
  }

  private interface Parse {
    JsonValue run();
  }

  private static Optional<JsonValue> parsed(Parse parse) {
    try {
      return Optional.of(parse.run());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
