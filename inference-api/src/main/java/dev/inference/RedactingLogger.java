package dev.inference;

import dev.inference.spi.InferenceStreams;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A {@link Middleware} that logs each request and its outcome through {@link System.Logger} at
 * {@code DEBUG}, without what they say: a request shows its id, its messages' roles and sizes and
 * its settings, a response its provider, model, finish reason, usage and size, a failure its kind.
 * Prompts and answers appear only through {@link #withContent}, and then after the caller's
 * redaction.
 *
 * <pre>{@code
 * InferenceClient client = Inference.wrap(connected, RedactingLogger.atDebug());
 * }</pre>
 *
 * <p>Logs to the logger named {@code dev.inference.RedactingLogger}; nothing is built when that
 * logger does not log {@code DEBUG}.
 *
 * @since 0.2
 */
public final class RedactingLogger implements Middleware {

  private static final System.Logger LOG = System.getLogger(RedactingLogger.class.getName());
  private static final UnaryOperator<String> HIDDEN = text -> "[" + text.length() + " chars]";

  private final UnaryOperator<String> content;

  private RedactingLogger(UnaryOperator<String> content) {
    this.content = content;
  }

  /**
   * A logger that shows the size of prompts and answers, never their text.
   *
   * @return the middleware
   */
  public static RedactingLogger atDebug() {
    return new RedactingLogger(HIDDEN);
  }

  /**
   * A logger that shows prompts and answers as the redactor leaves them (it may mask e-mail
   * addresses, account numbers, anything the application knows to be private).
   *
   * @param redactor turns a prompt or an answer into what may be logged
   * @return the middleware
   */
  public static RedactingLogger withContent(UnaryOperator<String> redactor) {
    return new RedactingLogger(Objects.requireNonNull(redactor, "redactor"));
  }

  @Override
  public String name() {
    return "RedactingLogger";
  }

  @Override
  public InferenceResponse wrapInfer(InferenceRequest request, Next<InferenceResponse> next) {
    logRequest("infer", request);
    try {
      InferenceResponse response = next.call(request);
      logResponse(request, response);
      return response;
    } catch (InferenceException failure) {
      logFailure(request, failure);
      throw failure;
    }
  }

  @Override
  public CompletableFuture<InferenceResponse> wrapInferAsync(
      InferenceRequest request, Next<CompletableFuture<InferenceResponse>> next) {
    logRequest("inferAsync", request);
    return next.call(request)
        .whenComplete(
            (response, error) -> {
              if (response != null) {
                logResponse(request, response);
              } else if (error != null
                  && (error instanceof InferenceException
                      || error.getCause() instanceof InferenceException)) {
                logFailure(
                    request,
                    (InferenceException)
                        (error instanceof InferenceException ? error : error.getCause()));
              }
            });
  }

  @Override
  public InferenceStream wrapStream(InferenceRequest request, Next<InferenceStream> next) {
    logRequest("stream", request);
    InferenceStream inner;
    try {
      inner = next.call(request);
    } catch (InferenceException failure) {
      logFailure(request, failure);
      throw failure;
    }
    Iterator<StreamEvent> events = inner.iterator();
    return InferenceStreams.of(
        new Iterator<StreamEvent>() {
          @Override
          public boolean hasNext() {
            try {
              return events.hasNext();
            } catch (InferenceException failure) {
              logFailure(request, failure);
              throw failure;
            }
          }

          @Override
          public StreamEvent next() {
            StreamEvent event = events.next();
            if (event instanceof StreamEvent.Completed done) {
              logResponse(request, done.response());
            }
            return event;
          }
        },
        inner::close);
  }

  @Override
  public String toString() {
    return content == HIDDEN ? "RedactingLogger.atDebug()" : "RedactingLogger.withContent(...)";
  }

  private void logRequest(String mode, InferenceRequest request) {
    if (!LOG.isLoggable(Level.DEBUG)) {
      return;
    }
    StringBuilder line =
        new StringBuilder(mode).append(" request ").append(request.requestId()).append(": ");
    for (int i = 0; i < request.messages().size(); i++) {
      Message message = request.messages().get(i);
      line.append(i == 0 ? "" : ", ")
          .append(message.role().wireName())
          .append(' ')
          .append(content.apply(message.text()));
    }
    line.append("; format ").append(request.responseFormat().kind().wireName());
    request.temperature().ifPresent(t -> line.append(", temperature ").append(t));
    request.maxOutputTokens().ifPresent(m -> line.append(", maxOutputTokens ").append(m));
    if (!request.tools().isEmpty()) {
      line.append(", tools ").append(request.tools().size());
    }
    LOG.log(Level.DEBUG, line.toString());
  }

  private void logResponse(InferenceRequest request, InferenceResponse response) {
    if (!LOG.isLoggable(Level.DEBUG)) {
      return;
    }
    StringBuilder line =
        new StringBuilder("response ")
            .append(request.requestId())
            .append(" from ")
            .append(response.providerName())
            .append('/')
            .append(response.modelName())
            .append(": ")
            .append(content.apply(response.text()));
    response.finishReason().ifPresent(f -> line.append("; finish ").append(f.raw()));
    response.usage().ifPresent(u -> line.append("; usage ").append(u));
    if (!response.toolCalls().isEmpty()) {
      line.append("; tool calls ").append(response.toolCalls().size());
    }
    LOG.log(Level.DEBUG, line.toString());
  }

  private void logFailure(InferenceRequest request, InferenceException failure) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "request "
              + request.requestId()
              + " failed: "
              + failure.kind()
              + " "
              + failure.getMessage());
    }
  }
}
