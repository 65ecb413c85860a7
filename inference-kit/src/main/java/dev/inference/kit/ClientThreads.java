package dev.inference.kit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads a client makes for itself when its driver context gives it none. */
final class ClientThreads {

  private ClientThreads() {}

  /** The client's executor: daemon threads named after the provider. */
  static ExecutorService pool(String name) {
    return Executors.newCachedThreadPool(daemonThreads(name + "-worker"));
  }

  static ScheduledExecutorService timer(String name) {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemonThreads(name + "-timer"));
    // every call arms a deadline and almost every call cancels it: drop cancelled ones at once
    // instead of keeping them (and the calls they reference) queued until they would have fired
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  static ThreadFactory daemonThreads(String name) {
    return new DaemonThreads(name);
  }

  /** A class, not a lambda: clients are made on the way to a first answer (bench/notes.md). */
  private static final class DaemonThreads implements ThreadFactory {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    DaemonThreads(String name) {
      this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
