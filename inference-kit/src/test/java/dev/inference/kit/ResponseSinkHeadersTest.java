package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseSinkHeadersTest {

  private static InferenceResponse respond(Map<String, List<String>> headers) {
    ResponseSink sink = ResponseSink.forBody();
    sink.text("ok");
    return sink.toResponse(InferenceRequest.of("hi"), "p", "m", headers, Redactor.NONE);
  }

  @Test
  void openAiHeadersAreKept() {
    InferenceResponse response =
        respond(
            Map.of(
                "X-Request-Id", List.of("req_1"),
                "x-ratelimit-remaining-requests", List.of("59"),
                "content-type", List.of("application/json")));
    assertThat(response.providerRequestId()).hasValue("req_1");
    assertThat(response.rateLimits())
        .containsExactly(Map.entry("x-ratelimit-remaining-requests", "59"));
  }

  @Test
  void anthropicHeadersAreKeptAlike() {
    InferenceResponse response =
        respond(
            Map.of(
                "request-id", List.of("req_011CSHoEeqs5C35K2UUqR7Fy"),
                "anthropic-ratelimit-requests-remaining", List.of("49"),
                "anthropic-ratelimit-tokens-reset", List.of("2025-01-01T00:00:30Z"),
                "anthropic-organization-id", List.of("org")));
    assertThat(response.providerRequestId()).hasValue("req_011CSHoEeqs5C35K2UUqR7Fy");
    assertThat(response.rateLimits())
        .containsOnly(
            Map.entry("anthropic-ratelimit-requests-remaining", "49"),
            Map.entry("anthropic-ratelimit-tokens-reset", "2025-01-01T00:00:30Z"));
  }

  @Test
  void anyRateLimitFamilyIsKeptWithoutNamingItsProvider() {
    InferenceResponse response =
        respond(
            Map.of(
                "RateLimit-Remaining", List.of("7"),
                "x-ratelimit-limit-tokens", List.of("1000"),
                "x-request-id-echo", List.of("not an id"),
                "retry-after", List.of("3")));
    assertThat(response.providerRequestId()).isEmpty();
    assertThat(response.rateLimits())
        .containsOnly(
            Map.entry("ratelimit-remaining", "7"), Map.entry("x-ratelimit-limit-tokens", "1000"));
  }
}
