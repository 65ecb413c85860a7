package dev.inference.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.stub.Dialect;
import dev.inference.stub.StubServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An OpenTelemetry SDK exporting to memory, the in-process stub speaking OpenAI on loopback, and
 * clients of the real OpenAI driver whose listener is the telemetry's. {@link #awaitCalls} waits
 * (on a semaphore, never a sleep) until calls have ended: a second listener, after the telemetry's,
 * hears each outcome once the span has ended.
 */
final class TelemetryFixture implements AutoCloseable {

  /** A key no span, event or metric may ever show. */
  static final String KEY = "sk-otel-MARKER-5b8e1d";

  static final String MODEL = "gpt-4.1-mini";
  static final String SERVED_MODEL = "gpt-4.1-mini-2025-04-14";

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
          .build();
  final StubServer stub = StubServer.start(Dialect.OPENAI);

  private final Semaphore ended = new Semaphore(0);
  private final List<String> endThreads = new ArrayList<>();
  private final List<InferenceClient> clients = new ArrayList<>();

  OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** The settings every test starts from: profile {@code chat}, a key, generation defaults. */
  ProviderSettings.Builder settings() {
    return ProviderSettings.builder("openai_chat_completions")
        .profileName("chat")
        .model(MODEL)
        .baseUrl(URI.create("http://127.0.0.1:" + stub.port() + "/v1/chat/completions"))
        .apiKey(Secret.of(KEY))
        .temperature(0.25)
        .maxOutputTokens(200)
        .maxRetries(0)
        .requestTimeout(Duration.ofSeconds(10));
  }

  InferenceClient client(boolean captureContent) {
    return client(captureContent, UnaryOperator.identity());
  }

  InferenceClient client(
      boolean captureContent, UnaryOperator<ProviderSettings.Builder> customise) {
    InferenceTelemetry telemetry =
        InferenceTelemetry.builder(sdk).captureContent(captureContent).build();
    InferenceListener listener =
        InferenceListener.composite(List.of(telemetry.listener(), new Ends()));
    InferenceClient client = Inference.connect(customise.apply(settings()).build(), listener);
    clients.add(client);
    return client;
  }

  /** Waits until {@code count} more calls have ended (their spans with them). */
  void awaitCalls(int count) throws InterruptedException {
    assertThat(ended.tryAcquire(count, 10, TimeUnit.SECONDS))
        .as("%d calls ended within 10 s", count)
        .isTrue();
  }

  /** The names of the threads the calls ended on, in order. */
  synchronized List<String> endThreads() {
    return List.copyOf(endThreads);
  }

  /** The one span exported so far. */
  SpanData onlySpan() {
    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).as("exported spans").hasSize(1);
    return finished.get(0);
  }

  Collection<MetricData> collectMetrics() {
    return metrics.collectAllMetrics();
  }

  @Override
  public void close() {
    for (InferenceClient client : clients) {
      client.close();
    }
    stub.close();
    sdk.close();
  }

  /** Hears each outcome after the telemetry has. */
  private final class Ends extends InferenceListener {
    @Override
    public void requestCompleted(
        InferenceRequest request, InferenceResponse response, Duration elapsed) {
      end();
    }

    @Override
    public void requestFailed(
        InferenceRequest request, InferenceException failure, Duration elapsed) {
      end();
    }

    private void end() {
      synchronized (TelemetryFixture.this) {
        endThreads.add(Thread.currentThread().getName());
      }
      ended.release();
    }
  }
}
