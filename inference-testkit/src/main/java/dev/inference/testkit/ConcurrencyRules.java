package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.completed;
import static dev.inference.testkit.KitCalls.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The rules of section 12 (concurrency): parallel calls and streams on one client. */
final class ConcurrencyRules {

  private final KitContext kit;

  ConcurrencyRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 12.1. */
  void parallelCallsGetTheirOwnAnswers() throws Exception {
    int calls = kit.config().parallelCalls();
    for (int i = 0; i < calls; i++) {
      kit.stubFor(
          "conformance-call-" + i,
          new Scenario.Text("answer-" + i, FinishReason.Kind.STOP, Optional.empty()));
    }
    InferenceClient client = kit.client();
    List<String> answers =
        inParallel(calls, i -> client.infer(InferenceRequest.of("conformance-call-" + i)).text());
    for (int i = 0; i < calls; i++) {
      assertThat(answers.get(i)).as("the answer to call %d", i).isEqualTo("answer-" + i);
    }
  }

  /** Rule 12.2. */
  void parallelStreamsGetTheirOwnAnswers() throws Exception {
    kit.assumeStreaming();
    int calls = kit.config().parallelCalls();
    for (int i = 0; i < calls; i++) {
      kit.stubFor(
          "conformance-stream-" + i,
          new Scenario.StreamedText(
              List.of("answer", "-", Integer.toString(i)),
              FinishReason.Kind.STOP,
              Optional.empty()));
    }
    InferenceClient client = kit.client();
    List<String> answers =
        inParallel(
            calls,
            i -> completed(readAll(client, InferenceRequest.of("conformance-stream-" + i))).text());
    for (int i = 0; i < calls; i++) {
      assertThat(answers.get(i)).as("the answer to stream %d", i).isEqualTo("answer-" + i);
    }
  }

  private static <T> List<T> inParallel(int calls, java.util.function.IntFunction<T> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        int index = i;
        futures.add(pool.submit((Callable<T>) () -> call.apply(index)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get(30, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException failed) {
          throw new AssertionError(
              "a parallel call failed: " + failed.getCause(), failed.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
