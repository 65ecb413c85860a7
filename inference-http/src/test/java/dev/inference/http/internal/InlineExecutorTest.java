package dev.inference.http.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineRequest;
import dev.inference.http.HttpEngineSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code jdk} engine runs the JDK client's tasks inline ({@link JdkHttpEngine.Inline}): a
 * buffered and a streamed exchange complete without one task on the client's executor, and a task
 * that throws stays on its thread's uncaught-exception handler instead of reaching the JDK (which
 * would run it a second time elsewhere).
 */
@Timeout(60) // a hang guard only
class InlineExecutorTest {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final CountingExecutor executor = new CountingExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
    executor.shutdownNow();
  }

  @Test
  void aBufferedAndAStreamedExchangeLeaveTheClientsExecutorIdle() throws Exception {
    HttpEngine engine =
        JdkHttpEngine.FACTORY.create(
            new HttpEngineSettings(Duration.ofSeconds(5), null, executor, timer));
    // chunked, so the buffered body goes through BoundedBody, the engine's own subscriber
    String chunked = "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n";
    try (BoundedResponseTest.RawServer buffered =
            new BoundedResponseTest.RawServer(
                chunked, (out, pace) -> out.write("2\r\n{}\r\n0\r\n\r\n".getBytes(UTF_8)));
        HttpEngine.Exchange answer =
            engine.send(request(buffered.port()).buffered(1024, 1024).build())) {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.bufferedBody()).asString(UTF_8).isEqualTo("{}");
    }
    try (BoundedResponseTest.RawServer streamed =
            new BoundedResponseTest.RawServer(
                "Content-Type: text/event-stream\r\nConnection: close\r\n",
                (out, pace) -> out.write("data: {}\n\n".getBytes(UTF_8)));
        HttpEngine.Exchange answer = engine.send(request(streamed.port()).build())) {
      assertThat(answer.body().readAllBytes()).asString(UTF_8).isEqualTo("data: {}\n\n");
    } finally {
      engine.close();
    }
    assertThat(executor.tasks).hasValue(0);
  }

  @Test
  void aTaskThatThrowsGoesToTheThreadsHandlerAndNoFurther() throws Exception {
    AtomicReference<Throwable> handled = new AtomicReference<>();
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<Throwable> escaped = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                JdkHttpEngine.Inline.EXECUTOR.execute(
                    () -> {
                      runs.incrementAndGet();
                      throw new IllegalStateException("a task's own failure");
                    });
              } catch (Throwable notExpected) {
                escaped.set(notExpected);
              }
            });
    thread.setUncaughtExceptionHandler((t, failure) -> handled.set(failure));
    thread.start();
    thread.join(10_000);

    assertThat(escaped.get()).isNull();
    assertThat(runs).hasValue(1);
    assertThat(handled.get()).isInstanceOf(IllegalStateException.class);
  }

  private static HttpEngineRequest.Builder request(int port) {
    return HttpEngineRequest.builder(URI.create("http://127.0.0.1:" + port + "/v1/chat"))
        .method("POST", "{}".getBytes(UTF_8))
        .timeout(Duration.ofSeconds(10));
  }

  /** Counts the tasks it is given, and runs them on a pool of its own. */
  private static final class CountingExecutor extends AbstractExecutorService {
    final AtomicInteger tasks = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @Override
    public void execute(Runnable task) {
      tasks.incrementAndGet();
      pool.execute(task);
    }

    @Override
    public void shutdown() {
      pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return pool.awaitTermination(timeout, unit);
    }
  }
}
