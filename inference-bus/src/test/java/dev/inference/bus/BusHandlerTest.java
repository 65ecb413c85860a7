package dev.inference.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.JsonValue;
import dev.inference.runtime.RuntimeOperations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The handler's fixed documents, its self-test, its vocabulary, and that no input throws. */
class BusHandlerTest {

  private static final List<String> VOCABULARY =
      List.of(
          "bad_request",
          "unauthorized",
          "not_found",
          "conflict",
          "policy_denied",
          "provider_error",
          "timeout",
          "verify_failed",
          "unsupported");

  private final BusHandler handler =
      new BusHandler(id -> Optional.empty(), BusFixture.secrets(), Set.of("ollama"));

  @Test
  void theEightEventsInTheirDocumentedOrder() {
    assertThat(BusHandler.events())
        .containsExactly(
            "bus.inference.install.request",
            "bus.inference.install.response",
            "bus.inference.model.ensure.request",
            "bus.inference.model.ensure.response",
            "bus.inference.status.request",
            "bus.inference.status.response",
            "bus.inference.verify.request",
            "bus.inference.verify.response");
  }

  @Test
  void describeListsProvidersEventsAndCapabilities() {
    BusHandler two =
        new BusHandler(id -> Optional.empty(), BusFixture.secrets(), Set.of("vllm", "ollama"));

    assertThat(two.describe().toJson())
        .isEqualTo(
            "{\"providers\":[\"ollama\",\"vllm\"],"
                + "\"events\":[\"bus.inference.install.request\",\"bus.inference.install.response\","
                + "\"bus.inference.model.ensure.request\",\"bus.inference.model.ensure.response\","
                + "\"bus.inference.status.request\",\"bus.inference.status.response\","
                + "\"bus.inference.verify.request\",\"bus.inference.verify.response\"],"
                + "\"capabilities\":{\"direct_bootstrap\":true,\"requests\":{"
                + "\"bus.inference.install.request\":{\"response\":\"bus.inference.install.response\","
                + "\"scope\":\"inference:admin\"},"
                + "\"bus.inference.model.ensure.request\":{\"response\":"
                + "\"bus.inference.model.ensure.response\",\"scope\":\"inference:admin\"},"
                + "\"bus.inference.status.request\":{\"response\":\"bus.inference.status.response\","
                + "\"scope\":\"inference:read\"},"
                + "\"bus.inference.verify.request\":{\"response\":\"bus.inference.verify.response\","
                + "\"scope\":\"inference:read\"}},"
                + "\"checks\":[\"runtime-ready\",\"model-ready\",\"loopback-only\"],"
                + "\"runtime_status\":[\"unknown\",\"installing\",\"ready\",\"failed\"],"
                + "\"error_classes\":[\"bad_request\",\"unauthorized\",\"not_found\",\"conflict\","
                + "\"policy_denied\",\"provider_error\",\"timeout\",\"verify_failed\","
                + "\"unsupported\"]}}");
  }

  @Test
  void theSelfTestPasses() {
    assertThat(handler.selfTest()).isEmpty();
  }

  /** A handler that accepts everything fails every refusal case and the envelope case. */
  @Test
  void theSelfTestCatchesAHandlerThatRefusesNothing() {
    JsonValue yes =
        JsonValue.object(
            Map.of("ok", JsonValue.of(true), "diagnostics", JsonValue.array(List.of())));

    List<String> failures = SelfTest.run((event, payload) -> yes, envelope -> yes);

    assertThat(failures)
        .anySatisfy(line -> assertThat(line).startsWith("bad node id: expected bad_request"))
        .anySatisfy(line -> assertThat(line).startsWith("inline secret: expected bad_request"))
        .anySatisfy(line -> assertThat(line).startsWith("confirm without dry run: expected"))
        .anySatisfy(
            line -> assertThat(line).startsWith("prod without confirm: expected policy_denied"))
        .anySatisfy(line -> assertThat(line).startsWith("unknown check: expected bad_request"))
        .anySatisfy(line -> assertThat(line).startsWith("envelope without payload: expected"))
        .noneSatisfy(line -> assertThat(line).startsWith("valid status"));
  }

  /** A handler that repeats what it was sent is caught repeating the inline secret. */
  @Test
  void theSelfTestCatchesARepeatedSecret() {
    List<String> failures =
        SelfTest.run(
            (event, payload) ->
                JsonValue.object(
                    Map.of(
                        "ok", JsonValue.of(false),
                        "error_class", JsonValue.of("bad_request"),
                        "diagnostics", JsonValue.array(List.of(JsonValue.of(payload.toJson()))))),
            envelope -> envelope);

    assertThat(failures).contains("inline secret: the response repeats a secret value");
  }

  @Test
  void oneVocabularyOfErrorClasses() {
    assertThat(Arrays.stream(BusErrorClass.values()).map(BusErrorClass::wireName))
        .containsExactlyElementsOf(VOCABULARY);
    for (RuntimeOperations.ErrorClass errorClass : RuntimeOperations.ErrorClass.values()) {
      assertThat(BusErrorClass.of(errorClass).wireName()).isEqualTo(errorClass.wireName());
    }
    Map<ErrorKind, String> kinds = new LinkedHashMap<>();
    for (ErrorKind kind : ErrorKind.values()) {
      kinds.put(kind, BusErrorClass.of(kind).wireName());
    }
    assertThat(kinds)
        .containsEntry(ErrorKind.AUTHENTICATION, "unauthorized")
        .containsEntry(ErrorKind.PERMISSION_DENIED, "unauthorized")
        .containsEntry(ErrorKind.MODEL_NOT_FOUND, "not_found")
        .containsEntry(ErrorKind.INVALID_REQUEST, "bad_request")
        .containsEntry(ErrorKind.TIMEOUT, "timeout")
        .containsEntry(ErrorKind.UNSUPPORTED, "unsupported")
        .containsEntry(ErrorKind.TRANSPORT, "provider_error")
        .containsEntry(ErrorKind.SERVER_ERROR, "provider_error");
  }

  /**
   * Every field of every table payload, and every member of its objects, replaced by each JSON type
   * or removed: an answer every time, {@code ok:false} with a diagnostic and a class of the
   * vocabulary, never an exception, never the marker.
   */
  @Test
  void everyShapeOfEveryFieldGetsAnAnswer() throws Exception {
    List<JsonValue> shapes =
        List.of(
            JsonValue.ofNull(),
            JsonValue.of(true),
            JsonValue.of(-1),
            JsonValue.of(1.5),
            JsonValue.of(""),
            JsonValue.of(BusFixture.MARKER),
            JsonValue.array(List.of(JsonValue.of(BusFixture.MARKER))),
            JsonValue.object(Map.of(BusFixture.MARKER, JsonValue.of(1))));
    int answered = 0;
    for (JsonValue testCase : BusTableTest.cases()) {
      Optional<JsonValue> payload = testCase.get("payload");
      if (payload.isEmpty() || !(payload.get() instanceof JsonValue.ObjectValue object)) {
        continue;
      }
      String event = BusTableTest.text(testCase, "event");
      for (JsonValue variant : variants(object, shapes)) {
        JsonValue response = handler.handlePayload(event, variant);
        String text = response.toJson();
        if (!without((JsonValue.ObjectValue) variant, "credentials")
            .toJson()
            .contains(BusFixture.MARKER)) {
          // a credential value is never repeated; other fields (a provider name) may be
          assertThat(text).doesNotContain(BusFixture.MARKER);
        }
        assertThat(response.get("ok")).as(text).isPresent();
        if (response.get("ok").get().equals(JsonValue.of(false))) {
          assertThat(response.get("error_class").flatMap(JsonValue::asString))
              .as(text)
              .hasValueSatisfying(name -> assertThat(VOCABULARY).contains(name));
          assertThat(response.get("diagnostics").orElseThrow())
              .as(text)
              .isNotEqualTo(JsonValue.array(List.of()));
        }
        answered++;
      }
    }
    assertThat(answered).isGreaterThan(1000);
  }

  /** The payload with each member, and each member of a member object, replaced or removed. */
  private static List<JsonValue> variants(JsonValue.ObjectValue payload, List<JsonValue> shapes) {
    List<JsonValue> variants = new ArrayList<>();
    for (String key : payload.members().keySet()) {
      variants.add(without(payload, key));
      for (JsonValue shape : shapes) {
        variants.add(with(payload, key, shape));
      }
      if (payload.members().get(key) instanceof JsonValue.ObjectValue inner) {
        for (String innerKey : inner.members().keySet()) {
          for (JsonValue shape : shapes) {
            variants.add(with(payload, key, with(inner, innerKey, shape)));
          }
        }
      }
    }
    return variants;
  }

  private static JsonValue.ObjectValue with(
      JsonValue.ObjectValue object, String key, JsonValue value) {
    Map<String, JsonValue> members = new LinkedHashMap<>(object.members());
    members.put(key, value);
    return JsonValue.object(members);
  }

  private static JsonValue without(JsonValue.ObjectValue object, String key) {
    Map<String, JsonValue> members = new LinkedHashMap<>(object.members());
    members.remove(key);
    return JsonValue.object(members);
  }
}
