package dev.inference.opentelemetry;

import static dev.inference.opentelemetry.TelemetryFixture.MODEL;
import static dev.inference.opentelemetry.TelemetryFixture.SERVED_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.stub.Reply;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two histograms: their names, units, bucket advice, and the attributes of each point. */
class MetricsTest {

  private final TelemetryFixture fixture = new TelemetryFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private Attributes common() {
    return Attributes.builder()
        .put("gen_ai.operation.name", "chat")
        .put("gen_ai.provider.name", "openai")
        .put("gen_ai.request.model", MODEL)
        .put("server.address", "127.0.0.1")
        .put("server.port", (long) fixture.stub.port())
        .build();
  }

  @Test
  void durationsAndTokensArePointsWithTheConventionsAttributes() throws Exception {
    fixture.stub.enqueue(
        Reply.text("Hello there").withModel(SERVED_MODEL).withUsage(12, 3),
        Reply.error(429, "{\"error\":{\"message\":\"slow down\"}}"));
    InferenceClient client = fixture.client(false);

    client.infer(InferenceRequest.of("Say hello"));
    assertThatThrownBy(() -> client.infer(InferenceRequest.of("again")))
        .isInstanceOf(InferenceException.class);
    fixture.awaitCalls(2);

    List<MetricData> all = List.copyOf(fixture.collectMetrics());
    assertThat(all)
        .extracting(MetricData::getName)
        .containsExactlyInAnyOrder("gen_ai.client.operation.duration", "gen_ai.client.token.usage");

    MetricData duration = metric(all, "gen_ai.client.operation.duration");
    assertThat(duration.getUnit()).isEqualTo("s");
    assertThat(duration.getInstrumentationScopeInfo().getName()).isEqualTo("dev.inference");
    List<HistogramPointData> durations = points(duration);
    assertThat(durations)
        .extracting(HistogramPointData::getAttributes)
        .containsExactlyInAnyOrder(
            common().toBuilder().put("gen_ai.response.model", SERVED_MODEL).build(),
            common().toBuilder().put("error.type", "rate_limited").build());
    assertThat(durations).allSatisfy(point -> assertThat(point.getCount()).isEqualTo(1));
    assertThat(durations.get(0).getBoundaries())
        .containsExactly(
            0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    MetricData tokens = metric(all, "gen_ai.client.token.usage");
    assertThat(tokens.getUnit()).isEqualTo("{token}");
    List<HistogramPointData> counts = points(tokens);
    Attributes answered = common().toBuilder().put("gen_ai.response.model", SERVED_MODEL).build();
    assertThat(counts)
        .extracting(HistogramPointData::getAttributes, HistogramPointData::getSum)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                answered.toBuilder().put("gen_ai.token.type", "input").build(), 12.0),
            org.assertj.core.groups.Tuple.tuple(
                answered.toBuilder().put("gen_ai.token.type", "output").build(), 3.0));
    assertThat(counts.get(0).getBoundaries())
        .containsExactly(
            1.0,
            4.0,
            16.0,
            64.0,
            256.0,
            1024.0,
            4096.0,
            16384.0,
            65536.0,
            262144.0,
            1048576.0,
            4194304.0,
            16777216.0,
            67108864.0);
  }

  @Test
  void aCallWithoutUsageRecordsNoTokens() throws Exception {
    fixture.stub.enqueue(Reply.text("quiet").withoutUsage());
    fixture.client(false).infer(InferenceRequest.of("hi"));
    fixture.awaitCalls(1);

    assertThat(fixture.collectMetrics())
        .extracting(MetricData::getName)
        .containsExactly("gen_ai.client.operation.duration");
  }

  private static MetricData metric(List<MetricData> all, String name) {
    return all.stream().filter(metric -> metric.getName().equals(name)).findFirst().orElseThrow();
  }

  private static List<HistogramPointData> points(MetricData metric) {
    return metric.getHistogramData().getPoints().stream()
        .sorted(Comparator.comparing(point -> point.getAttributes().toString()))
        .map(HistogramPointData.class::cast)
        .toList();
  }
}
