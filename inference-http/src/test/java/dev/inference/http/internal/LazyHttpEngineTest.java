package dev.inference.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine is made by the first request, once, and never after the client closed. */
class LazyHttpEngineTest {

  private static final HttpEngineRequest REQUEST =
      HttpEngineRequest.builder(URI.create("http://127.0.0.1:9/")).build();

  private final AtomicInteger made = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();

  private HttpEngine engine() {
    made.incrementAndGet();
    return new HttpEngine() {
      @Override
      public Exchange send(HttpEngineRequest request) {
        return new Exchange() {
          @Override
          public int status() {
            return 204;
          }

          @Override
          public Map<String, List<String>> headers() {
            return Map.of();
          }

          @Override
          public InputStream body() {
            return new ByteArrayInputStream(new byte[0]);
          }

          @Override
          public void abort() {}

          @Override
          public void close() {}
        };
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
  }

  @Test
  void nothingIsMadeUntilTheFirstRequest() throws Exception {
    LazyHttpEngine lazy = new LazyHttpEngine(this::engine);
    assertThat(made).hasValue(0);
    assertThat(lazy.send(REQUEST).status()).isEqualTo(204);
    assertThat(lazy.send(REQUEST).status()).isEqualTo(204);
    assertThat(made).hasValue(1);
    lazy.close();
    assertThat(closed).hasValue(1);
  }

  @Test
  void closingAnEngineNeverUsedMakesNone() {
    LazyHttpEngine lazy = new LazyHttpEngine(this::engine);
    lazy.close();
    assertThat(made).hasValue(0);
    assertThat(closed).hasValue(0);
    assertThatThrownBy(() -> lazy.send(REQUEST))
        .isInstanceOf(IOException.class)
        .hasMessage("the client is closed");
    assertThat(made).hasValue(0);
  }

  @Test
  void concurrentFirstRequestsMakeOneEngine() throws Exception {
    LazyHttpEngine lazy = new LazyHttpEngine(this::engine);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> statuses =
          java.util.stream.IntStream.range(0, 8)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            start.await();
                            return lazy.send(REQUEST).status();
                          }))
              .toList();
      start.countDown();
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(204);
      }
      assertThat(made).hasValue(1);
    } finally {
      pool.shutdownNow();
      lazy.close();
    }
  }
}
