package dev.inference.inferd;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import dev.inference.spi.DriverContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Settings, frames and helpers the inferd tests share. */
final class InferdTestSupport {

  /** A key that must never show in a message. */
  static final String MARKER_KEY = "sk-inferd-MARKER-4242";

  static final Duration WAIT = Duration.ofSeconds(10);

  private InferdTestSupport() {}

  /** A profile for the endpoint, with no retries and short timeouts. */
  static ProviderSettings.Builder settings(String endpoint) {
    return ProviderSettings.builder(InferdProviderFactory.ID)
        .model("gemma-4")
        .baseUrl(URI.create(endpoint))
        .maxRetries(0)
        .retryInitialBackoff(Duration.ofMillis(1))
        .requestTimeout(Duration.ofSeconds(20));
  }

  static InferenceClient client(ProviderSettings settings) {
    return new InferdProviderFactory().create(settings, DriverContext.defaults());
  }

  static InferenceClient client(String endpoint) {
    return client(settings(endpoint).build());
  }

  static InferenceRequest request(String id) {
    return InferenceRequest.builder().userPrompt("Say hi").requestId(id).build();
  }

  static String token(String id, String content) {
    return "{\"type\":\"token\",\"id\":\"" + id + "\",\"content\":\"" + content + "\"}\n";
  }

  static String done(String id, String content, String stopReason) {
    return "{\"type\":\"done\",\"id\":\""
        + id
        + "\",\"content\":\""
        + content
        + "\",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3},\"stop_reason\":\""
        + stopReason
        + "\",\"backend\":\"mock\"}\n";
  }

  static String error(String id, String code, String message) {
    return "{\"type\":\"error\",\"id\":\""
        + id
        + "\",\"code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\"}\n";
  }

  /** The text deltas of a whole stream, in order; the last event must be Completed. */
  static List<String> deltas(Iterator<StreamEvent> events) {
    List<String> texts = new ArrayList<>();
    while (events.hasNext()) {
      StreamEvent event = events.next();
      if (event instanceof StreamEvent.TextDelta delta) {
        texts.add(delta.text());
      }
    }
    return texts;
  }

  static JsonValue json(String line) {
    return JsonValue.parse(line);
  }
}
