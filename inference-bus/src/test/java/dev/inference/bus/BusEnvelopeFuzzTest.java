package dev.inference.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inference.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of bus envelopes: any line that is JSON, handed to {@link BusHandler}, is
 * answered with one response envelope and no exception; the response keeps a readable correlation
 * id, says {@code ok}, and never holds the secret the resolver knows, whatever the request asked.
 * Every {@code @@} in the line is first replaced by a known secret reference.
 */
class BusEnvelopeFuzzTest {

  private static final BusHandler INSTALLED = new BusFixture().handler("fake-vllm");

  private static final BusHandler INSTALLING = new BusFixture().handler("fake-installing");

  @FuzzTest(maxDuration = "60s")
  void envelope(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8).replace("@@", BusFixture.TOKEN);
    JsonValue envelope;
    try {
      envelope = JsonValue.parse(text);
    } catch (IllegalArgumentException notJson) {
      return;
    }
    for (BusHandler handler : new BusHandler[] {INSTALLED, INSTALLING}) {
      JsonValue response = handler.handle(envelope);
      assertThat(response.toJson()).doesNotContain(BusFixture.MARKER);
      assertThat(response.get("delivery").flatMap(JsonValue::asString)).hasValue("broadcast");
      assertThat(response.get("name").flatMap(JsonValue::asString)).isPresent();
      Optional<String> sent =
          envelope.get("correlation_id").flatMap(JsonValue::asString).filter(id -> !id.isBlank());
      assertThat(response.get("correlation_id").flatMap(JsonValue::asString)).isEqualTo(sent);
      JsonValue payload = response.get("payload").orElseThrow();
      assertThat(payload.get("ok").orElseThrow()).isInstanceOf(JsonValue.BooleanValue.class);
      assertThat(JsonValue.parse(response.toJson())).isEqualTo(response);
    }
  }
}
