package dev.inference.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.anthropic.AnthropicTestSupport.MARKER_KEY;
import static dev.inference.anthropic.AnthropicTestSupport.PATH;
import static dev.inference.anthropic.AnthropicTestSupport.REQUEST_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.RetryPolicy;
import dev.inference.testkit.DriverServer;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each error type of the Anthropic envelope maps to its kind, with its data and no key. */
class AnthropicErrorsTest {

  // one attempt: this test is about the mapping, the kit tests the retries
  @RegisterExtension
  static final DriverServer server =
      DriverServer.connecting(
          port ->
              Inference.connect(
                  AnthropicTestSupport.settings(port)
                      .retry(RetryPolicy.builder().maxRetries(0).build())
                      .build()));

  static String envelope(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":\""
        + type
        + "\",\"message\":"
        + JsonValue.of(message).toJson()
        + "},\"request_id\":\""
        + REQUEST_ID
        + "\"}";
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            400,
            "invalid_request_error",
            "messages: roles must alternate between \"user\" and \"assistant\"",
            ErrorKind.INVALID_REQUEST,
            false),
        Arguments.of(
            400,
            "invalid_request_error",
            "prompt is too long: 208310 tokens > 200000 maximum",
            ErrorKind.CONTEXT_LENGTH_EXCEEDED,
            false),
        Arguments.of(
            401,
            "authentication_error",
            "invalid x-api-key " + MARKER_KEY,
            ErrorKind.AUTHENTICATION,
            false),
        Arguments.of(
            403,
            "permission_error",
            "Your API key does not have permission to use the specified resource.",
            ErrorKind.PERMISSION_DENIED,
            false),
        Arguments.of(
            404, "not_found_error", "model: claude-nope-9", ErrorKind.MODEL_NOT_FOUND, false),
        Arguments.of(
            413,
            "request_too_large",
            "Request exceeds the maximum allowed number of bytes.",
            ErrorKind.INVALID_REQUEST,
            false),
        Arguments.of(
            429,
            "rate_limit_error",
            "This request would exceed the rate limit for your organization.",
            ErrorKind.RATE_LIMITED,
            true),
        Arguments.of(
            500,
            "api_error",
            "An unexpected error has occurred internal to Anthropic's systems.",
            ErrorKind.SERVER_ERROR,
            true),
        Arguments.of(529, "overloaded_error", "Overloaded", ErrorKind.UNAVAILABLE, true));
  }

  @ParameterizedTest(name = "HTTP {0} {1} -> {3}")
  @MethodSource("errors")
  void errorTypesMapToKinds(
      int status, String type, String message, ErrorKind kind, boolean retryable) {
    String body = envelope(type, message);
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("request-id", REQUEST_ID)
                    .withBody(body)));
    assertThatThrownBy(
            () ->
                server
                    .client()
                    .infer(InferenceRequest.builder().userPrompt("x").requestId("rq").build()))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.isRetryable()).isEqualTo(retryable);
              assertThat(e.httpStatus()).hasValue(status);
              assertThat(e.providerCode()).contains(type);
              assertThat(e.providerName()).contains("anthropic");
              assertThat(e.requestId()).contains("rq");
              assertThat(e.responseBody().orElseThrow()).contains(REQUEST_ID);
              assertThat(e.getMessage() + e + e.responseBody()).doesNotContain(MARKER_KEY);
            });
  }

  @Test
  void aRateLimitCarriesItsRetryAfter() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("retry-after", "17")
                    .withHeader("anthropic-ratelimit-requests-remaining", "0")
                    .withBody(envelope("rate_limit_error", "Number of requests exceeded."))));
    assertThatThrownBy(() -> server.client().infer(InferenceRequest.of("x")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
            });
  }

  @Test
  void aThinkingBudgetNotBelowTheLimitFailsBeforeAnyByte() {
    try (InferenceClient thinking =
        Inference.connect(
            AnthropicTestSupport.settings(server.getPort())
                .option("thinking_budget_tokens", JsonValue.of(2048))
                .build())) {
      assertThatThrownBy(
              () ->
                  thinking.infer(
                      InferenceRequest.builder().userPrompt("x").maxOutputTokens(2048).build()))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                assertThat(e.getMessage())
                    .contains("thinking_budget_tokens (2048)")
                    .contains("output-token limit (2048)");
              });
    }
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
