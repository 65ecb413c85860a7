package dev.inference.opentelemetry.internal;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Locale;

/**
 * The names this module emits: the GenAI semantic conventions' attributes and metrics, and the few
 * of its own (prefixed {@code inference.}) for what the conventions do not name.
 */
public final class GenAi {

  private GenAi() {}

  /** The operation: always {@value #CHAT} here. */
  public static final AttributeKey<String> OPERATION_NAME = stringKey("gen_ai.operation.name");

  /** The one operation this client performs. */
  public static final String CHAT = "chat";

  /** Who serves the call ({@code openai}, {@code ollama}, {@code anthropic}...). */
  public static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");

  /** The model asked for. */
  public static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");

  /** The temperature the call is sent with. */
  public static final AttributeKey<Double> REQUEST_TEMPERATURE =
      doubleKey("gen_ai.request.temperature");

  /** The output limit the call is sent with. */
  public static final AttributeKey<Long> REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");

  /** The request's nucleus sampling. */
  public static final AttributeKey<Double> REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");

  /** The request's seed. */
  public static final AttributeKey<Long> REQUEST_SEED = longKey("gen_ai.request.seed");

  /** The request's stop sequences. */
  public static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES =
      stringArrayKey("gen_ai.request.stop_sequences");

  /** The model that answered. */
  public static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");

  /** The provider's id of the completion. */
  public static final AttributeKey<String> RESPONSE_ID = stringKey("gen_ai.response.id");

  /** Why generation stopped. */
  public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");

  /** Seconds from the start of a streamed call to its first chunk. */
  public static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK =
      doubleKey("gen_ai.response.time_to_first_chunk");

  /** Tokens in the prompt. */
  public static final AttributeKey<Long> USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");

  /** Tokens generated. */
  public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS =
      longKey("gen_ai.usage.output_tokens");

  /** Which tokens a {@code gen_ai.client.token.usage} point counts. */
  public static final AttributeKey<String> TOKEN_TYPE = stringKey("gen_ai.token.type");

  /** The prompt's system instructions, as JSON; only when content capture is on. */
  public static final AttributeKey<String> SYSTEM_INSTRUCTIONS =
      stringKey("gen_ai.system_instructions");

  /** The prompt's messages, as JSON; only when content capture is on. */
  public static final AttributeKey<String> INPUT_MESSAGES = stringKey("gen_ai.input.messages");

  /** The answer, as JSON; only when content capture is on. */
  public static final AttributeKey<String> OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");

  /** The host the call goes to. */
  public static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");

  /** The port the call goes to. */
  public static final AttributeKey<Long> SERVER_PORT = longKey("server.port");

  /** How the call (or an attempt) failed: the {@link ErrorKind} in lower case. */
  public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

  /** The span event of an attempt that failed and will be tried again. */
  public static final String ATTEMPT_FAILED_EVENT = "inference.attempt.failed";

  /** The number of the attempt that failed, from 1. */
  public static final AttributeKey<Long> ATTEMPT_NUMBER = longKey("inference.attempt.number");

  /** Seconds the client waits before the next attempt. */
  public static final AttributeKey<Double> RETRY_DELAY = doubleKey("inference.retry.delay");

  /** On a fallback hop: the client that failed, {@code provider/model}. */
  public static final AttributeKey<String> FALLBACK_FROM = stringKey("inference.fallback.from");

  /** On a fallback hop: the client tried next, {@code provider/model}. */
  public static final AttributeKey<String> FALLBACK_TO = stringKey("inference.fallback.to");

  /** The span event of a stream's first text or reasoning. */
  public static final String FIRST_CHUNK_EVENT = "inference.first_chunk";

  /** The span event of a call the caller cancelled (a stream closed early). */
  public static final String CANCELLED_EVENT = "inference.cancelled";

  /** The metric of call durations, in seconds. */
  public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

  /** The metric of token counts. */
  public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

  /** The conventions' advice for {@value #OPERATION_DURATION}: from 10 ms, doubling, to 81.92 s. */
  public static final List<Double> DURATION_BUCKETS =
      List.of(
          0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

  /** The conventions' advice for {@value #TOKEN_USAGE}: powers of 4 from 1 to 4^13. */
  public static final List<Long> TOKEN_BUCKETS =
      List.of(
          1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
          16777216L, 67108864L);

  /**
   * The {@code error.type} of a failure.
   *
   * @param kind the failure's kind
   * @return its name in lower case, {@code rate_limited} for example
   */
  public static String errorType(ErrorKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The conventions' word for a finish reason: {@code stop}, {@code length}, {@code
   * content_filter}, {@code tool_call}, {@code error}; the provider's own word, in lower case, for
   * one this library does not know.
   *
   * @param reason the finish reason
   * @return the value for {@code gen_ai.response.finish_reasons}
   */
  public static String finishReason(FinishReason reason) {
    switch (reason.kind()) {
      case STOP:
        return "stop";
      case LENGTH:
        return "length";
      case CONTENT_FILTER:
        return "content_filter";
      case TOOL_CALLS:
        return "tool_call";
      case ERROR:
        return "error";
      default:
        return reason.raw().trim().toLowerCase(Locale.ROOT);
    }
  }
}
