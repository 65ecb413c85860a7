package dev.inference.opentelemetry.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The listener of one call: holds its span, from {@link #requestStarted} to the one outcome, and
 * records the call's metrics at the end. Events may come from several threads, one at a time; the
 * methods synchronise so that each sees what the last one did.
 */
final class CallSpan extends InferenceListener {

  private final Instruments instruments;
  private final CallInfo call;
  private final Context parent;
  private final Attributes common;
  private @Nullable Span span;
  private boolean ended;

  CallSpan(Instruments instruments, CallInfo call, Context parent) {
    this.instruments = instruments;
    this.call = call;
    this.parent = parent;
    AttributesBuilder common =
        Attributes.builder()
            .put(GenAi.OPERATION_NAME, GenAi.CHAT)
            .put(GenAi.PROVIDER_NAME, call.provider().providerName())
            .put(GenAi.REQUEST_MODEL, call.model());
    Server server = Server.of(call.provider().endpoint());
    server.address().ifPresent(address -> common.put(GenAi.SERVER_ADDRESS, address));
    server.port().ifPresent(port -> common.put(GenAi.SERVER_PORT, port));
    this.common = common.build();
  }

  @Override
  public synchronized void requestStarted(InferenceRequest request) {
    span();
  }

  @Override
  public synchronized void firstToken(InferenceRequest request, Duration elapsed) {
    Span span = span();
    span.setAttribute(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK, seconds(elapsed));
    span.addEvent(GenAi.FIRST_CHUNK_EVENT);
  }

  @Override
  public synchronized void retrying(
      InferenceRequest request, int attempt, InferenceException cause, Duration delay) {
    span()
        .addEvent(
            GenAi.ATTEMPT_FAILED_EVENT,
            Attributes.builder()
                .put(GenAi.ATTEMPT_NUMBER, attempt)
                .put(GenAi.ERROR_TYPE, GenAi.errorType(cause.kind()))
                .put(GenAi.RETRY_DELAY, seconds(delay))
                .build());
  }

  @Override
  public synchronized void requestCompleted(
      InferenceRequest request, InferenceResponse response, Duration elapsed) {
    Span span = span();
    if (ended) {
      return;
    }
    ended = true;
    try {
      span.setAttribute(GenAi.RESPONSE_MODEL, response.modelName());
      response.responseId().ifPresent(id -> span.setAttribute(GenAi.RESPONSE_ID, id));
      response
          .finishReason()
          .ifPresent(
              reason ->
                  span.setAttribute(
                      GenAi.RESPONSE_FINISH_REASONS, List.of(GenAi.finishReason(reason))));
      Optional<Usage> usage = response.usage();
      usage.ifPresent(
          counts -> {
            counts
                .promptTokens()
                .ifPresent(tokens -> span.setAttribute(GenAi.USAGE_INPUT_TOKENS, tokens));
            counts
                .completionTokens()
                .ifPresent(tokens -> span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, tokens));
          });
      if (instruments.captureContent()) {
        span.setAttribute(GenAi.OUTPUT_MESSAGES, Content.outputMessages(response));
      }
      Attributes metric =
          common.toBuilder().put(GenAi.RESPONSE_MODEL, response.modelName()).build();
      instruments.duration().record(seconds(elapsed), metric, parent);
      usage.ifPresent(
          counts -> {
            counts.promptTokens().ifPresent(tokens -> tokens(tokens, "input", metric));
            counts.completionTokens().ifPresent(tokens -> tokens(tokens, "output", metric));
          });
    } finally {
      span.end();
    }
  }

  @Override
  public synchronized void requestFailed(
      InferenceRequest request, InferenceException failure, Duration elapsed) {
    Span span = span();
    if (ended) {
      return;
    }
    ended = true;
    try {
      if (failure.kind() == ErrorKind.CANCELLED) {
        // the caller ended the call (closed the stream, cancelled the future): not an error
        span.addEvent(GenAi.CANCELLED_EVENT);
        instruments.duration().record(seconds(elapsed), common, parent);
      } else {
        String type = GenAi.errorType(failure.kind());
        span.setAttribute(GenAi.ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR);
        instruments
            .duration()
            .record(
                seconds(elapsed), common.toBuilder().put(GenAi.ERROR_TYPE, type).build(), parent);
      }
    } finally {
      span.end();
    }
  }

  private void tokens(long count, String type, Attributes metric) {
    instruments
        .tokens()
        .record(count, metric.toBuilder().put(GenAi.TOKEN_TYPE, type).build(), parent);
  }

  /** The call's span, started with the request's attributes the first time it is asked for. */
  private Span span() {
    Span started = span;
    if (started == null) {
      InferenceRequest request = call.request();
      AttributesBuilder attributes = common.toBuilder();
      call.temperature().ifPresent(value -> attributes.put(GenAi.REQUEST_TEMPERATURE, value));
      call.maxOutputTokens().ifPresent(value -> attributes.put(GenAi.REQUEST_MAX_TOKENS, value));
      request.topP().ifPresent(value -> attributes.put(GenAi.REQUEST_TOP_P, value));
      request.seed().ifPresent(value -> attributes.put(GenAi.REQUEST_SEED, value));
      if (!request.stop().isEmpty()) {
        attributes.put(GenAi.REQUEST_STOP_SEQUENCES, request.stop());
      }
      if (instruments.captureContent()) {
        String system = Content.systemInstructions(request);
        if (!system.isEmpty()) {
          attributes.put(GenAi.SYSTEM_INSTRUCTIONS, system);
        }
        attributes.put(GenAi.INPUT_MESSAGES, Content.inputMessages(request));
      }
      started =
          instruments
              .tracer()
              .spanBuilder(GenAi.CHAT + " " + call.model())
              .setSpanKind(SpanKind.CLIENT)
              .setParent(parent)
              .setAllAttributes(attributes.build())
              .startSpan();
      span = started;
    }
    return started;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
