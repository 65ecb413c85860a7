package dev.inference.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import dev.inference.http.internal.AfterClose;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bus handler under a burst: {@value #ENVELOPES} envelopes from {@value #CONCURRENCY} threads
 * at once against one node served by the real Ollama driver and the stub (model checks, dry-run
 * pulls, status, malformed requests). Each is answered exactly once, under its own correlation id
 * and event, with its own model and outcome: none lost, duplicated or crossed; afterwards no
 * library thread is left.
 */
@Timeout(120) // a hang guard only
class BusBurstTest {

  private static final int ENVELOPES = 4_000;
  private static final int CONCURRENCY = 32;
  private static final String ENSURE = "bus.inference.model.ensure.request";
  private static final String STATUS = "bus.inference.status.request";

  /** One envelope of the burst and what its answer must say, derived from its index. */
  record Shot(int index) {
    String correlationId() {
      return "burst-" + index;
    }

    String event() {
      return index % 4 == 2 ? STATUS : ENSURE;
    }

    String model() {
      return index % 4 == 1 ? "llama3.2" : "burst-model-" + index;
    }

    boolean ok() {
      return index % 4 != 3;
    }

    JsonValue envelope() {
      Map<String, JsonValue> payload = new java.util.LinkedHashMap<>();
      payload.put("provider", JsonValue.of("ollama"));
      payload.put("node_id", JsonValue.of(index % 4 == 3 ? "bad node!" : "gpu"));
      if (event().equals(ENSURE)) {
        payload.put("model", JsonValue.of(model()));
        payload.put("policy", JsonValue.object(Map.of("allow_model_download", JsonValue.of(true))));
      }
      return JsonValue.object(
          Map.of(
              "name", JsonValue.of(event()),
              "correlation_id", JsonValue.of(correlationId()),
              "delivery", JsonValue.of("direct"),
              "payload", JsonValue.object(payload)));
    }
  }

  @Test
  void aBurstOfEnvelopesIsAnsweredOnceEachUnderItsOwnIdAndLeavesNothingBehind() throws Exception {
    Set<Thread> threadsBefore = AfterClose.libraryThreads();
    Map<String, Integer> answered = new ConcurrentHashMap<>();
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    burst(answered, problems);
    assertThat(problems).as("the first problems").isEmpty();
    assertThat(answered).hasSize(ENVELOPES);
    assertThat(answered.values()).allMatch(count -> count == 1);
    AfterClose.assertThreadsEnd(threadsBefore);
  }

  /** In a method of its own, so that nothing keeps the handler's clients reachable afterwards. */
  private static void burst(Map<String, Integer> answered, Queue<String> problems)
      throws Exception {
    try (BusFixture fixture = new BusFixture()) {
      BusHandler bus = fixture.handler("ollama");
      ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
      try {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < ENVELOPES; i++) {
          Shot shot = new Shot(i);
          sent.add(
              senders.submit(() -> check(shot, bus.handle(shot.envelope()), answered, problems)));
        }
        for (Future<?> future : sent) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        senders.shutdownNow();
      }
    }
  }

  private static void check(
      Shot shot, JsonValue response, Map<String, Integer> answered, Queue<String> problems) {
    String id = response.get("correlation_id").flatMap(JsonValue::asString).orElse("(none)");
    answered.merge(id, 1, Integer::sum);
    JsonValue payload = response.get("payload").orElseThrow();
    List<String> wrong = new ArrayList<>();
    if (!id.equals(shot.correlationId())) {
      wrong.add("correlation id " + id);
    }
    String name = response.get("name").flatMap(JsonValue::asString).orElse("");
    if (!name.equals(shot.event().replace(".request", ".response"))) {
      wrong.add("name " + name);
    }
    if (!payload.get("ok").equals(java.util.Optional.of(JsonValue.of(shot.ok())))) {
      wrong.add("ok " + payload.get("ok"));
    }
    if (shot.ok()
        && shot.event().equals(ENSURE)
        && !payload.get("model").flatMap(JsonValue::asString).orElse("").equals(shot.model())) {
      wrong.add("model " + payload.get("model"));
    }
    if (!wrong.isEmpty() && problems.size() < 20) {
      problems.add(shot.correlationId() + ": " + wrong + " in " + response.toJson());
    }
  }
}
