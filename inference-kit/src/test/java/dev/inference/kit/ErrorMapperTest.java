package dev.inference.kit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

  private static final String KEY = "sk-proj-MARKERab12cd34ef56";
  private static final Redactor REDACTOR = Redactor.of(List.of(KEY));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

  private static InferenceException http(int status, String body, String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return ErrorMapper.fromHttp(
        status,
        name -> Optional.ofNullable(map.get(name)),
        body.getBytes(UTF_8),
        "openai",
        REDACTOR,
        CLOCK);
  }

  private static InferenceException payload(String json, int status) {
    return ErrorMapper.fromPayload(JsonValue.parse(json), status, "vllm", REDACTOR);
  }

  // ---- the body kept for tools that report it -------------------------------------------

  @Test
  void theBodyIsKeptRedactedAndAnEmptyBodyIsNot() {
    InferenceException e =
        http(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}");
    assertThat(e.responseBody())
        .hasValue("{\"error\":{\"message\":\"Incorrect API key provided: ****\"}}");

    assertThat(http(502, "").responseBody()).isEmpty();
    assertThat(http(500, "x".repeat(70_000)).responseBody().orElseThrow()).hasSize(64 * 1024);
  }

  // ---- OpenAI ----------------------------------------------------------------------------

  @Test
  void openAiRateLimitWithRetryAfter() {
    InferenceException e =
        http(
            429,
            "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
                + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
            "retry-after",
            "2",
            "content-type",
            "application/json");

    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(2));
    assertThat(e.httpStatus()).hasValue(429);
    assertThat(e.providerCode()).hasValue("rate_limit_exceeded");
    assertThat(e.providerName()).hasValue("openai");
    assertThat(e.getMessage())
        .isEqualTo(
            "openai returned HTTP 429 (rate_limit_exceeded): Rate limit reached for requests."
                + " Retry after 2s.");
  }

  @Test
  void retryAfterMsIsPreferredAndFormatted() {
    InferenceException e =
        http(
            429,
            "{\"error\":{\"message\":\"Please try again in 120ms.\",\"type\":\"tokens\","
                + "\"code\":\"rate_limit_exceeded\"}}",
            "retry-after-ms",
            "120",
            "retry-after",
            "1");

    assertThat(e.retryAfter()).hasValue(Duration.ofMillis(120));
    assertThat(e.getMessage()).endsWith("Please try again in 120ms. Retry after 120ms.");
  }

  @Test
  void insufficientQuotaOn429IsQuotaExceededAndNotRetryable() {
    InferenceException e =
        http(
            429,
            "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan"
                + " and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
                + "\"code\":\"insufficient_quota\"}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.providerCode()).hasValue("insufficient_quota");
    assertThat(e.getMessage()).contains("retrying will not help");
  }

  @Test
  void invalidApiKeyIsRedacted() {
    InferenceException e =
        http(
            401,
            "{\n    \"error\": {\n        \"message\": \"Incorrect API key provided: "
                + KEY
                + ". You can find your API key at https://platform.openai.com/account/api-keys.\",\n"
                + "        \"type\": \"invalid_request_error\",\n        \"param\": null,\n"
                + "        \"code\": \"invalid_api_key\"\n    }\n}\n");

    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(e.getMessage())
        .doesNotContain("MARKER")
        .startsWith("openai returned HTTP 401 (invalid_api_key): Incorrect API key provided: ****.")
        .endsWith("Check the API key.");
    assertThat(e.toString()).doesNotContain("MARKER");
  }

  @Test
  void exampleMessageForAnInvalidKey() {
    InferenceException e =
        http(
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: "
                + KEY
                + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");

    assertThat(e.getMessage())
        .isEqualTo(
            "openai returned HTTP 401 (invalid_api_key): Incorrect API key provided: ****."
                + " Check the API key.");
  }

  @Test
  void contextLengthExceededOutranks400() {
    InferenceException e =
        http(
            400,
            "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens."
                + " However, your messages resulted in 130412 tokens. Please reduce the length of"
                + " the messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
                + "\"code\":\"context_length_exceeded\"}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.providerCode()).hasValue("context_length_exceeded");
  }

  @Test
  void unsupportedParameterIsInvalidRequest() {
    InferenceException e =
        http(
            400,
            "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with"
                + " this model. Use 'max_completion_tokens' instead.\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":"
                + "\"unsupported_parameter\"}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("Use 'max_completion_tokens' instead.");
  }

  @Test
  void modelNotFoundCode() {
    InferenceException e =
        http(
            404,
            "{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access"
                + " to it.\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"model_not_found\"}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(e.providerCode()).hasValue("model_not_found");
  }

  @Test
  void permissionDenied() {
    InferenceException e =
        http(
            403,
            "{\"error\":{\"message\":\"Project does not have access to model\",\"type\":"
                + "\"invalid_request_error\",\"code\":null}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
    assertThat(e.providerCode()).hasValue("invalid_request_error");
  }

  @Test
  void contentFilterCode() {
    InferenceException e =
        http(
            400,
            "{\"error\":{\"message\":\"The response was filtered\",\"type\":null,"
                + "\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
  }

  @Test
  void serverErrorsAreRetryable() {
    InferenceException e =
        http(
            500,
            "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(e.isRetryable()).isTrue();
    assertThat(http(502, "").kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(http(507, "").kind()).isEqualTo(ErrorKind.SERVER_ERROR);
  }

  @Test
  void statusFallbacks() {
    assertThat(http(503, "").kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(http(504, "").kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(http(409, "").kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(http(409, "").isRetryable()).isTrue();
    assertThat(http(402, "").kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
    assertThat(http(499, "{\"error\":\"request canceled\"}").kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(http(400, "").kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(http(413, "").kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(http(422, "").kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(http(401, "").kind()).isEqualTo(ErrorKind.AUTHENTICATION);
  }

  @Test
  void requestTimeoutIsTimeoutWithTotalPhase() {
    InferenceException e = http(408, "");

    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(e.timeoutPhase()).hasValue(InferenceException.TimeoutPhase.TOTAL);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void unavailableCarriesRetryAfterAsHttpDate() {
    InferenceException e =
        http(
            503,
            "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}",
            "retry-after",
            "Sat, 01 Mar 2025 12:00:05 GMT");

    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(5));
    assertThat(e.getMessage()).endsWith("Loading model. Retry after 5s.");
  }

  @Test
  void xShouldRetryOverridesRetryability() {
    assertThat(http(500, "", "x-should-retry", "false").isRetryable()).isFalse();
    assertThat(http(400, "", "x-should-retry", "true").isRetryable()).isTrue();
    assertThat(http(400, "", "x-should-retry", "TRUE").isRetryable()).isTrue();
    assertThat(http(400, "", "x-should-retry", "maybe").isRetryable()).isFalse();
    assertThat(http(429, "", "x-should-retry", "false").kind()).isEqualTo(ErrorKind.RATE_LIMITED);
  }

  // ---- compat servers --------------------------------------------------------------------

  @Test
  void vllmModelMissingWithIntegerCode() {
    InferenceException e =
        http(
            404,
            "{\"error\":{\"message\":\"The model `llama-9` does not exist.\",\"type\":"
                + "\"NotFoundError\",\"param\":\"model\",\"code\":404}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(e.providerCode()).hasValue("404");
  }

  @Test
  void vllmOverContextMessageWithoutCode() {
    InferenceException e =
        http(
            400,
            "{\"error\":{\"message\":\"This model's maximum context length is 4096 tokens."
                + " However, you requested 5000 tokens (4000 in the messages, 1000 in the"
                + " completion).\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
  }

  @Test
  void llamaCppExceedContextSize() {
    InferenceException e =
        http(
            400,
            "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context"
                + " size, try increasing it\",\"type\":\"exceed_context_size_error\","
                + "\"n_prompt_tokens\":5000,\"n_ctx\":4096}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(e.providerCode()).hasValue("400");
  }

  @Test
  void openRouterInsufficientCredits() {
    InferenceException e =
        http(
            402,
            "{\"error\":{\"code\":402,\"message\":\"Insufficient credits. Add more using"
                + " https://openrouter.ai/credits\",\"metadata\":{}}}");

    assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void mistralTopLevelObjectError() {
    InferenceException e =
        http(
            400,
            "{\"object\":\"error\",\"message\":\"Prompt contains 40000 tokens, too large for model"
                + " with 32768 maximum context length\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"3310\"}");

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(e.providerCode()).hasValue("3310");
    assertThat(e.getMessage()).contains("(3310): Prompt contains 40000 tokens");
  }

  @Test
  void ollamaNativeModelNotFound() {
    InferenceException e = http(404, "{\"error\":\"model 'llama9' not found\"}");

    assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(e.providerCode()).isEmpty();
    assertThat(e.getMessage())
        .startsWith("openai returned HTTP 404: model 'llama9' not found.")
        .contains("model name");
  }

  @Test
  void ollamaSchedulerModelNotFound() {
    assertThat(http(404, "{\"error\":\"model \\\"x\\\" not found, try pulling it first\"}").kind())
        .isEqualTo(ErrorKind.MODEL_NOT_FOUND);
  }

  @Test
  void ollamaBusyIsUnavailable() {
    InferenceException e =
        http(
            503,
            "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}");

    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("server busy, please try again. maximum pending");
  }

  @Test
  void ollamaCloudUnauthorized() {
    InferenceException e =
        http(401, "{\"error\":\"unauthorized\",\"signin_url\":\"https://ollama.com/connect\"}");

    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
  }

  @Test
  void notFoundWithoutModelMentionPointsAtTheBaseUrl() {
    InferenceException e = http(404, "{\"detail\":\"Not Found\"}");

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage())
        .isEqualTo(
            "openai returned HTTP 404: Not Found. Check the base_url: the server has no such"
                + " endpoint.");
    assertThat(http(404, "404 page not found", "content-type", "text/plain").getMessage())
        .contains("base_url");
  }

  @Test
  void htmlErrorPageIsQuotedAsAShortSnippet() {
    String html =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
            + "<!-- "
            + "padding ".repeat(60)
            + "-->\r\n</body>\r\n</html>\r\n";

    InferenceException e = http(502, html, "content-type", "text/html");

    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(e.getMessage())
        .startsWith(
            "openai returned HTTP 502 (content-type text/html): <html> <head><title>502 Bad"
                + " Gateway</title></head> <body>")
        .doesNotContain("\n")
        .doesNotContain("\r")
        .endsWith("... The provider failed; retry later.");
    String snippet =
        e.getMessage().substring(e.getMessage().indexOf(": ") + 2, e.getMessage().indexOf("..."));
    assertThat(snippet.length() + 3).isLessThanOrEqualTo(200);
  }

  @Test
  void emptyBodyIsNamed() {
    assertThat(http(503, "").getMessage())
        .isEqualTo(
            "openai returned HTTP 503 with an empty body. The provider is busy or not ready;"
                + " retry later.");
    assertThat(http(500, " \r\n").getMessage()).contains("with an empty body");
  }

  @Test
  void secretIsRedactedEvenWhereTheSnippetIsCut() {
    // The key straddles the 197th character, where the snippet is cut; redaction runs first.
    String body = "x".repeat(180) + " " + KEY + " trailing";

    InferenceException e = http(500, body, "content-type", "text/plain");

    assertThat(e.getMessage()).doesNotContain("sk-proj").doesNotContain("MARKER");
  }

  @Test
  void secretsInCodesAndNonJsonBodiesAreRedacted() {
    InferenceException e = http(400, "{\"error\":{\"message\":\"bad\",\"code\":\"" + KEY + "\"}}");
    assertThat(e.getMessage()).doesNotContain("MARKER");
    assertThat(e.providerCode()).hasValue("****");

    assertThat(http(401, "Unauthorized: Bearer " + KEY, "content-type", "text/plain").getMessage())
        .doesNotContain("MARKER")
        .contains("Bearer ****");
  }

  @Test
  void geminiArrayWrappedError() {
    InferenceException e =
        http(
            429,
            "[{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check"
                + " quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}]");

    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.getMessage()).contains("Resource has been exhausted");
  }

  @Test
  void jsonWithoutKnownFieldsIsQuoted() {
    InferenceException e = http(500, "{\"oops\":[1,2]}", "content-type", "application/json");

    assertThat(e.getMessage())
        .isEqualTo(
            "openai returned HTTP 500 (content-type application/json): {\"oops\":[1,2]}."
                + " The provider failed; retry later.");
  }

  @Test
  void longProviderMessagesStayOnOneBoundedLine() {
    InferenceException e = http(400, "{\"error\":{\"message\":\"" + "word\\n".repeat(500) + "\"}}");

    assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(800);
  }

  // ---- Anthropic -------------------------------------------------------------------------

  @Test
  void anthropicOverloadedIsUnavailableAndRetryableOverHttp529AndMidStream() {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},"
            + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
    InferenceException overHttp = http(529, body);
    assertThat(overHttp.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(overHttp.isRetryable()).isTrue();
    assertThat(overHttp.httpStatus()).hasValue(529);
    assertThat(overHttp.providerCode()).hasValue("overloaded_error");
    assertThat(overHttp.responseBody()).hasValue(body);

    assertThat(payload(body, 0).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(http(529, "").kind()).as("a bare 529").isEqualTo(ErrorKind.UNAVAILABLE);
  }

  @Test
  void anthropicNotFoundNamingAModelIsModelNotFound() {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-x\"}}";
    assertThat(http(404, body).kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(
            http(
                    404,
                    "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
                        + "\"message\":\"Not Found\"}}")
                .kind())
        .as("a 404 that names no model is a wrong endpoint")
        .isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void anthropicPromptTooLongIsContextLength() {
    InferenceException e =
        http(
            400,
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"prompt is too long: 208310 tokens > 200000 maximum\"}}");
    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(e.isRetryable()).isFalse();
  }

  // ---- payloads inside 2xx bodies and streams --------------------------------------------

  @Test
  void lmStudioUnexpectedEndpointWith200() {
    JsonValue body =
        JsonValue.parse("{\"error\":\"Unexpected endpoint or method. (POST /chat/completions)\"}");

    assertThat(ErrorMapper.isErrorPayload(body)).isTrue();
    InferenceException e = ErrorMapper.fromPayload(body, 0, "lmstudio", Redactor.NONE);

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.httpStatus()).isEmpty();
    assertThat(e.providerName()).hasValue("lmstudio");
    assertThat(e.getMessage())
        .isEqualTo(
            "lmstudio sent an error in its response: Unexpected endpoint or method."
                + " (POST /chat/completions). Check the base_url: the server has no such"
                + " endpoint.");
  }

  @Test
  void vllmMidStreamErrorUsesTheIntegerCodeAsStatus() {
    InferenceException e =
        payload(
            "{\"error\":{\"object\":\"error\",\"message\":\"Internal server error\","
                + "\"type\":\"InternalServerError\",\"param\":null,\"code\":500}}",
            0);

    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(e.httpStatus()).hasValue(500);
    assertThat(e.providerCode()).hasValue("500");
    assertThat(e.getMessage()).startsWith("vllm sent an error in its response (500):");
  }

  @Test
  void midStreamCodeOutsideTheStatusRangeIsNotAStatus() {
    InferenceException e =
        payload("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"code\":3310}}", 0);

    assertThat(e.httpStatus()).isEmpty();
    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
  }

  @Test
  void midStreamRateLimitByIntegerCode() {
    assertThat(payload("{\"error\":{\"code\":429,\"message\":\"slow down\"}}", 0).kind())
        .isEqualTo(ErrorKind.RATE_LIMITED);
  }

  @Test
  void midStreamClassificationByType() {
    assertThat(payload("{\"error\":{\"message\":\"x\",\"type\":\"unavailable_error\"}}", 0).kind())
        .isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(
            payload("{\"error\":{\"message\":\"x\",\"type\":\"authentication_error\"}}", 0).kind())
        .isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(
            payload("{\"error\":{\"message\":\"x\",\"type\":\"invalid_request_error\"}}", 0).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(
            payload("{\"error\":{\"message\":\"x\",\"code\":\"rate_limit_exceeded\"}}", 0).kind())
        .isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(payload("{\"error\":{\"message\":\"x\",\"code\":\"insufficient_quota\"}}", 0).kind())
        .isEqualTo(ErrorKind.QUOTA_EXCEEDED);
  }

  @Test
  void ollamaMidStreamErrorDefaultsToServerError() {
    InferenceException e =
        ErrorMapper.fromPayload(
            JsonValue.parse(
                "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}"),
            0,
            "ollama",
            REDACTOR);

    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage())
        .isEqualTo(
            "ollama sent an error in its response: an error was encountered while running the"
                + " model: unexpected EOF. The provider failed; retry later.");
  }

  @Test
  void aRunnerFailureThatSaysUnknownIsNotAMissingModel() {
    InferenceException e =
        ErrorMapper.fromPayload(
            JsonValue.parse(
                "{\"error\":\"an error was encountered while running the model: CUDA error:"
                    + " unknown error\"}"),
            0,
            "ollama",
            REDACTOR);

    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(payload("{\"error\":{\"message\":\"unknown model: gpt-9\"}}", 0).kind())
        .isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(payload("{\"error\":{\"message\":\"no such model: gpt-9\"}}", 0).kind())
        .isEqualTo(ErrorKind.MODEL_NOT_FOUND);
  }

  @Test
  void openRouterMidStreamErrorWithFinishReason() {
    InferenceException e =
        payload(
            "{\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"error\":{\"code\":502,"
                + "\"message\":\"Provider disconnected\"},\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\"\"},\"finish_reason\":\"error\"}]}",
            0);

    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(e.httpStatus()).hasValue(502);
  }

  @Test
  void mistralPayloadWithCallerStatus() {
    InferenceException e =
        payload(
            "{\"object\":\"error\",\"message\":\"Unauthorized\",\"type\":\"unauthorized\","
                + "\"param\":null,\"code\":\"1000\"}",
            401);

    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(e.httpStatus()).hasValue(401);
    assertThat(e.getMessage()).startsWith("vllm returned HTTP 401 (1000): Unauthorized.");
  }

  @Test
  void payloadMessagesAreRedacted() {
    InferenceException e = payload("{\"error\":{\"message\":\"key " + KEY + " is revoked\"}}", 0);

    assertThat(e.getMessage()).contains("key **** is revoked").doesNotContain("MARKER");
  }

  @Test
  void isErrorPayloadRecognisesEveryShape() {
    assertThat(ErrorMapper.isErrorPayload(JsonValue.parse("{\"error\":{\"message\":\"x\"}}")))
        .isTrue();
    assertThat(ErrorMapper.isErrorPayload(JsonValue.parse("{\"error\":\"x\"}"))).isTrue();
    assertThat(
            ErrorMapper.isErrorPayload(JsonValue.parse("{\"object\":\"error\",\"message\":\"x\"}")))
        .isTrue();

    assertThat(ErrorMapper.isErrorPayload(JsonValue.parse("{\"error\":null,\"choices\":[]}")))
        .isFalse();
    assertThat(ErrorMapper.isErrorPayload(JsonValue.parse("{\"error\":\"\"}"))).isFalse();
    assertThat(ErrorMapper.isErrorPayload(JsonValue.parse("{\"error\":{}}"))).isFalse();
    assertThat(ErrorMapper.isErrorPayload(JsonValue.parse("{\"object\":\"chat.completion\"}")))
        .isFalse();
    assertThat(ErrorMapper.isErrorPayload(JsonValue.parse("[{\"error\":\"x\"}]"))).isFalse();
    assertThat(ErrorMapper.isErrorPayload(JsonValue.parse("\"error\""))).isFalse();
  }

  @Test
  void durationFormatting() {
    assertThat(ErrorMapper.format(Duration.ofMillis(120))).isEqualTo("120ms");
    assertThat(ErrorMapper.format(Duration.ofSeconds(2))).isEqualTo("2s");
    assertThat(ErrorMapper.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(ErrorMapper.format(Duration.ZERO)).isEqualTo("0ms");
  }
}
