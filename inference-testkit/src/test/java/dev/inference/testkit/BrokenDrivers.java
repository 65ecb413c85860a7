package dev.inference.testkit;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.InferenceStreams;
import dev.inference.spi.ProviderFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The third-party guide's driver (README.md, compiled by {@link ReadmeGuide}), written on the
 * public driver kit, with one thing broken on purpose, for the kit's self-tests: each is a
 * decorator around the real client.
 */
final class BrokenDrivers {

  private BrokenDrivers() {}

  /** A kit run against the guide's driver wrapped by {@link #wrap}. */
  abstract static class BrokenKit extends DriverConformanceKit {
    abstract InferenceClient wrap(InferenceClient real, ProviderSettings settings);

    @Override
    protected ProviderFactory factory() {
      return new Factory(ReadmeGuide.get().factory(), this::wrap);
    }

    @Override
    protected WireFixture wireFixture() {
      return ReadmeGuide.get().wireFixture();
    }
  }

  /**
   * A kit run against {@link ToolDriver}, the guide's driver having no tools and no images, wrapped
   * by {@link #wrap}; the self-test runs only its sections 15 and 16.
   */
  abstract static class BrokenToolKit extends DriverConformanceKit {
    abstract InferenceClient wrap(InferenceClient real, ProviderSettings settings);

    @Override
    protected ProviderFactory factory() {
      return new Factory(new ToolDriver(), this::wrap);
    }

    @Override
    protected WireFixture wireFixture() {
      return new ToolWireFixture();
    }
  }

  /**
   * A socket kit run against {@code lines_chat} (the socket self-test driver, {@code
   * com.example.lines}), wrapped by {@link #wrap}.
   */
  abstract static class BrokenSocketKit extends SocketConformanceKit {
    abstract InferenceClient wrap(InferenceClient real, ProviderSettings settings);

    @Override
    protected ProviderFactory factory() {
      return new Factory(new com.example.lines.LinesProviderFactory(), this::wrap);
    }

    @Override
    protected SocketWireFixture wireFixture() {
      return new com.example.lines.LinesWireFixture();
    }
  }

  /** A driver's factory, under the same id, whose clients are decorated. */
  static final class Factory implements ProviderFactory {
    private final ProviderFactory real;
    private final BiFunction<InferenceClient, ProviderSettings, InferenceClient> wrap;

    Factory(
        ProviderFactory real, BiFunction<InferenceClient, ProviderSettings, InferenceClient> wrap) {
      this.real = real;
      this.wrap = wrap;
    }

    @Override
    public String id() {
      return real.id();
    }

    @Override
    public Capabilities capabilities() {
      return real.capabilities();
    }

    @Override
    public List<ConfigKey<?>> configKeys() {
      return real.configKeys();
    }

    @Override
    public InferenceClient create(ProviderSettings settings, DriverContext context) {
      return wrap.apply(real.create(settings, context), settings);
    }
  }

  /** Forwards every call to the real client. */
  static class Forwarding implements InferenceClient {
    final InferenceClient real;

    Forwarding(InferenceClient real) {
      this.real = real;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
      return real.infer(request);
    }

    @Override
    public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
      return CompletableFuture.supplyAsync(() -> infer(request));
    }

    @Override
    public InferenceStream stream(InferenceRequest request) {
      return real.stream(request);
    }

    @Override
    public ProviderDescription describe() {
      return real.describe();
    }

    @Override
    public void close() {
      real.close();
    }

    @Override
    public String toString() {
      return real.toString();
    }
  }

  /** Rewrites every failure of infer() and stream(), opening and reading alike. */
  static class RewritingFailures extends Forwarding {
    private final UnaryOperator<InferenceException> rewrite;

    RewritingFailures(InferenceClient real, UnaryOperator<InferenceException> rewrite) {
      super(real);
      this.rewrite = rewrite;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
      try {
        return real.infer(request);
      } catch (InferenceException failure) {
        throw rewrite.apply(failure);
      }
    }

    @Override
    public InferenceStream stream(InferenceRequest request) {
      InferenceStream stream;
      try {
        stream = real.stream(request);
      } catch (InferenceException failure) {
        throw rewrite.apply(failure);
      }
      Iterator<StreamEvent> events = stream.iterator();
      return InferenceStreams.of(
          new Iterator<StreamEvent>() {
            @Override
            public boolean hasNext() {
              try {
                return events.hasNext();
              } catch (InferenceException failure) {
                throw rewrite.apply(failure);
              }
            }

            @Override
            public StreamEvent next() {
              return events.next();
            }
          },
          stream::close);
    }
  }

  /** Rewrites the events of every stream; each event may become several. */
  static class RewritingEvents extends Forwarding {
    private final java.util.function.Function<StreamEvent, List<StreamEvent>> rewrite;

    RewritingEvents(
        InferenceClient real, java.util.function.Function<StreamEvent, List<StreamEvent>> rewrite) {
      super(real);
      this.rewrite = rewrite;
    }

    @Override
    public InferenceStream stream(InferenceRequest request) {
      InferenceStream stream = real.stream(request);
      Iterator<StreamEvent> events = stream.iterator();
      Deque<StreamEvent> ready = new ArrayDeque<>();
      return InferenceStreams.of(
          new Iterator<StreamEvent>() {
            @Override
            public boolean hasNext() {
              while (ready.isEmpty() && events.hasNext()) {
                ready.addAll(rewrite.apply(events.next()));
              }
              return !ready.isEmpty();
            }

            @Override
            public StreamEvent next() {
              hasNext();
              return ready.remove();
            }
          },
          stream::close);
    }
  }

  /** A copy of the response with or without usage and finish reason. */
  static InferenceResponse copy(
      InferenceResponse response, boolean keepUsage, boolean keepFinishReason) {
    InferenceResponse.Builder copy =
        InferenceResponse.builder()
            .text(response.text())
            .providerName(response.providerName())
            .modelName(response.modelName())
            .requestId(response.requestId());
    response.parsedJson().ifPresent(copy::parsedJson);
    response.reasoning().ifPresent(copy::reasoning);
    response.providerRequestId().ifPresent(copy::providerRequestId);
    response.rateLimits().forEach(copy::rateLimit);
    if (keepUsage) {
      response.usage().ifPresent(copy::usage);
    }
    if (keepFinishReason) {
      response.finishReason().ifPresent(copy::finishReason);
    }
    return copy.build();
  }

  /** The failure with another kind and message, keeping its data. */
  static InferenceException rebuild(InferenceException failure, ErrorKind kind, String message) {
    InferenceException.Builder copy = InferenceException.builder(kind, message).cause(failure);
    failure.httpStatus().ifPresent(copy::httpStatus);
    failure.providerCode().ifPresent(copy::providerCode);
    failure.retryAfter().ifPresent(copy::retryAfter);
    failure.partialText().ifPresent(copy::partialText);
    failure.requestId().ifPresent(copy::requestId);
    failure.providerName().ifPresent(copy::providerName);
    failure.timeoutPhase().ifPresent(copy::timeoutPhase);
    if (kind == failure.kind()) {
      copy.retryable(failure.isRetryable());
    }
    return copy.build();
  }

  static Usage zeroUsage() {
    return Usage.of(0, 0, 0);
  }
}
