package dev.inference.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The table {@code bus-cases.json}: each case one request (an event and its payload, or a whole
 * envelope) on a named setup, and the exact response it must get. Ports of the stub are written
 * {@code {port}}; no response may contain the secret marker.
 */
class BusTableTest {

  static final String TABLE = "bus-cases.json";

  static List<JsonValue> cases() throws IOException {
    try (InputStream in = BusTableTest.class.getResourceAsStream(TABLE)) {
      assertThat(in).as(TABLE).isNotNull();
      JsonValue table = JsonValue.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return ((JsonValue.ArrayValue) table).elements();
    }
  }

  static String text(JsonValue testCase, String name) {
    return testCase
        .get(name)
        .flatMap(JsonValue::asString)
        .orElseThrow(() -> new AssertionError(name));
  }

  /** What the handler answers to one case, its stub ports written as {@code {port}}. */
  static String answer(JsonValue testCase) throws Exception {
    try (BusFixture fixture = new BusFixture()) {
      BusHandler handler =
          fixture.handler(testCase.get("setup").flatMap(JsonValue::asString).orElse("none"));
      JsonValue response =
          testCase.get("envelope").isPresent()
              ? handler.handle(testCase.get("envelope").orElseThrow())
              : handler.handlePayload(
                  text(testCase, "event"), testCase.get("payload").orElseThrow());
      return fixture.withoutPorts(response.toJson());
    }
  }

  @TestFactory
  Stream<DynamicTest> eachCaseGetsItsExactResponse() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    Map<String, JsonValue> actual = new LinkedHashMap<>();
    for (JsonValue testCase : cases()) {
      String name = text(testCase, "case");
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                String answer = answer(testCase);
                actual.put(name, JsonValue.parse(answer));
                Files.writeString(
                    Path.of("target/bus-cases-actual.json"), JsonValue.object(actual).toJson());
                assertThat(answer).as("secret marker").doesNotContain(BusFixture.MARKER);
                assertThat(JsonValue.parse(answer))
                    .as(name + ": " + answer)
                    .isEqualTo(testCase.get("expected").orElseThrow());
                assertThat(answer)
                    .as("fields in the contract's order")
                    .isEqualTo(fixture(testCase.get("expected").orElseThrow()));
              }));
    }
    return tests.stream();
  }

  /** The expected response as compact text, for the order of its fields. */
  private static String fixture(JsonValue expected) {
    return expected.toJson();
  }

  @Test
  void theTableHasAtLeastFortyCasesWithDistinctNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (JsonValue testCase : cases()) {
      names.add(text(testCase, "case"));
    }
    assertThat(names).hasSizeGreaterThanOrEqualTo(40).doesNotHaveDuplicates();
  }
}
