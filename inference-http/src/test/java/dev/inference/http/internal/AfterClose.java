package dev.inference.http.internal;

import static org.assertj.core.api.Assertions.fail;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Waits, after clients were closed, for what they leave behind to go: the threads the library and
 * the JDK {@code HttpClient} started, and the connections a {@link CountingProxy} counts.
 *
 * <p>Each wait is on the event itself ({@link Thread#join}, the proxy's signal at every close), in
 * slices of {@value #SLICE_MILLIS} ms with a garbage collection between them: on JDK 17 {@code
 * HttpClient} has no {@code close()}, its selector thread and pooled connections go only once the
 * client is collected. After {@value #PATIENCE_SECONDS} s the wait fails, naming what is left.
 */
public final class AfterClose {

  private static final long PATIENCE_SECONDS = 30;
  private static final long SLICE_MILLIS = 100;

  private AfterClose() {}

  /**
   * The live threads the library ({@code inference-*}) and the JDK {@code HttpClient} ({@code
   * *SelectorManager}) started.
   *
   * @return the threads, never {@code null}
   */
  public static Set<Thread> libraryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            thread ->
                thread.getName().startsWith("inference-")
                    || thread.getName().contains("SelectorManager"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * Waits for every library thread that is not one of {@code before} to end; fails naming the
   * threads still alive after {@value #PATIENCE_SECONDS} s.
   *
   * @param before the library threads alive before the clients were made
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public static void assertThreadsEnd(Set<Thread> before) throws InterruptedException {
    long deadline = deadline();
    while (true) {
      Set<Thread> left = libraryThreads();
      left.removeAll(before);
      if (left.isEmpty()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        fail("threads left after %d s: %s", PATIENCE_SECONDS, names(left));
      }
      System.gc();
      left.iterator().next().join(SLICE_MILLIS);
    }
  }

  /**
   * Waits for every connection through the proxies to close; fails with the count still open after
   * {@value #PATIENCE_SECONDS} s.
   *
   * @param proxies the proxies the clients connected through
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public static void assertConnectionsClose(CountingProxy... proxies) throws InterruptedException {
    long deadline = deadline();
    while (true) {
      CountingProxy stillOpen = null;
      int open = 0;
      for (CountingProxy proxy : proxies) {
        if (proxy.open() > 0) {
          stillOpen = proxy;
          open += proxy.open();
        }
      }
      if (stillOpen == null) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        fail("connections still open after %d s: %d", PATIENCE_SECONDS, open);
      }
      System.gc();
      stillOpen.awaitAClose(SLICE_MILLIS);
    }
  }

  private static long deadline() {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
  }

  private static Set<String> names(Set<Thread> threads) {
    return threads.stream().map(Thread::getName).collect(Collectors.toCollection(TreeSet::new));
  }
}
