package dev.inference.benchmarks.contenders;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.ResponseMode;
import dev.inference.StreamEvent;
import dev.inference.benchmarks.Fixtures;
import dev.inference.config.InferenceConfig;
import java.net.URI;

/** This library, configured as a user would: a TOML profile with the default runtime settings. */
final class InferenceLibrary implements Contender {

  private final InferenceClient client;

  InferenceLibrary(String driver, URI endpoint) {
    this.client = InferenceConfig.parse(Fixtures.toml(driver, endpoint.toString())).client("bench");
  }

  private static InferenceRequest request(ResponseMode mode) {
    return InferenceRequest.builder()
        .userPrompt(Fixtures.PROMPT)
        .temperature(Fixtures.TEMPERATURE)
        .maxOutputTokens(Fixtures.MAX_TOKENS)
        .responseMode(mode)
        .build();
  }

  @Override
  public String chat() {
    return client.infer(request(ResponseMode.TEXT)).text();
  }

  @Override
  public long stream() {
    long chars = 0;
    try (InferenceStream events = client.stream(request(ResponseMode.TEXT))) {
      for (StreamEvent event : events) {
        if (event instanceof StreamEvent.TextDelta delta) {
          chars += delta.text().length();
        }
      }
    }
    return chars;
  }

  @Override
  public Object json() {
    return client.infer(request(ResponseMode.JSON_OBJECT)).parsedJson().orElseThrow();
  }

  @Override
  public void close() {
    client.close();
  }
}
