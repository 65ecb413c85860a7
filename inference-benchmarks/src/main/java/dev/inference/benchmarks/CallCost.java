package dev.inference.benchmarks;

import dev.inference.benchmarks.contenders.Contender;
import dev.inference.benchmarks.contenders.Contenders;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * What one non-streamed call costs, counted rather than timed, so that a change can be judged on a
 * shared machine: bytes allocated per call on the calling threads and on all threads ({@code
 * ThreadMXBean}), voluntary context switches per call (Linux, all threads of this JVM, from {@code
 * /proc/self/task}, threads alive at both counts), and CPU time per call of this JVM and of the
 * stub's (the operating system's count of both processes' CPU: what a call costs the machine, which
 * on two shared cores is what sixteen callers compete for). Each contender makes its warm-up calls,
 * then three rounds of counted calls against the stub of its dialect (in a JVM of its own with
 * {@code -Dbench.stub=jvm}, so that the stub's work is not counted as the contender's). {@code
 * bench/call-cost [calls] [contender...]}, with {@code THREADS} callers sharing the calls and
 * {@code WARMUP} warm-up calls.
 */
public final class CallCost {

  private CallCost() {}

  /** One round's figures, per call. */
  record Round(
      String contender,
      long callerBytes,
      long allBytes,
      double switches,
      double cpuMicros,
      double stubCpuMicros) {
    @Override
    public String toString() {
      return String.format(
          "%-24s callers %,8d B  all threads %,8d B  switches %s  cpu %s us  stub cpu %s us",
          contender,
          callerBytes,
          allBytes,
          figure(switches),
          figure(cpuMicros),
          figure(stubCpuMicros));
    }

    private static String figure(double value) {
      return Double.isNaN(value) ? "-" : String.format("%.2f", value);
    }
  }

  /**
   * Counts, for each contender.
   *
   * @param args the calls per round, then the contenders' names
   * @throws Exception if a contender fails
   */
  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    int callers = Integer.getInteger("bench.threads", 1);
    int warmUp = Integer.getInteger("bench.warmup", calls);
    String reply = System.getProperty("bench.reply", "chat");
    for (String name : List.of(args).subList(1, args.length)) {
      for (Round round : measure(name, reply, calls, 3, callers, warmUp)) {
        System.out.println(round);
      }
    }
  }

  /**
   * Warms a contender up with {@code warmUp} calls, then counts {@code rounds} rounds of {@code
   * calls} calls, made by {@code callers} threads at once.
   *
   * @param name the contender
   * @param reply the stub's reply ({@link BenchStub#start}): {@code chat}, or a {@code stream:...}
   *     spec to count streamed calls instead
   * @param calls calls per round
   * @param rounds rounds counted
   * @param callers threads sharing the calls of a round
   * @param warmUp calls made before the first round
   * @return one figure per round
   */
  static List<Round> measure(
      String name, String reply, int calls, int rounds, int callers, int warmUp) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean system =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    boolean streamed = reply.startsWith("stream");
    try (BenchStub stub = BenchStub.start(Contenders.dialect(name), reply);
        Contender contender = Contenders.create(name, stub.chatEndpoint())) {
      long[] callerIds = callerIds(pool, callers);
      call(pool, contender, streamed, warmUp, callers);
      Round[] figures = new Round[rounds];
      for (int round = 0; round < rounds; round++) {
        long[] ids = threads.getAllThreadIds(); // threads that end meanwhile are not counted
        long[] before = threads.getThreadAllocatedBytes(ids);
        long caller = LongStream.of(threads.getThreadAllocatedBytes(callerIds)).sum();
        Map<String, Long> switches = switches();
        long cpu = system.getProcessCpuTime();
        long stubCpu = stub.cpuNanos();
        call(pool, contender, streamed, calls, callers);
        long stubSpent = stub.cpuNanos() - stubCpu;
        long spent = system.getProcessCpuTime() - cpu;
        caller = LongStream.of(threads.getThreadAllocatedBytes(callerIds)).sum() - caller;
        long all = grown(before, threads.getThreadAllocatedBytes(ids));
        Map<String, Long> switched = switches();
        figures[round] =
            new Round(
                name,
                caller / calls,
                all / calls,
                switched.isEmpty() ? Double.NaN : (double) grown(switches, switched) / calls,
                cpu < 0 ? Double.NaN : spent / 1_000.0 / calls,
                stubCpu < 0 ? Double.NaN : stubSpent / 1_000.0 / calls);
      }
      return List.of(figures);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The ids of the pool's threads, all started now. */
  private static long[] callerIds(ExecutorService pool, int callers) throws Exception {
    CountDownLatch started = new CountDownLatch(callers);
    List<Future<Long>> ids = new ArrayList<>();
    for (int caller = 0; caller < callers; caller++) {
      ids.add(
          pool.submit(
              () -> {
                started.countDown();
                started.await(); // every thread of the pool takes one
                return Thread.currentThread().getId();
              }));
    }
    long[] each = new long[callers];
    for (int caller = 0; caller < callers; caller++) {
      each[caller] = ids.get(caller).get();
    }
    return each;
  }

  /** {@code calls} calls (streamed or not), shared by {@code callers} threads of the pool. */
  private static void call(
      ExecutorService pool, Contender contender, boolean streamed, int calls, int callers)
      throws Exception {
    List<Future<?>> parts = new ArrayList<>();
    for (int caller = 0; caller < callers; caller++) {
      int share = calls / callers + (caller < calls % callers ? 1 : 0);
      parts.add(
          pool.submit(
              () -> {
                for (int call = 0; call < share; call++) {
                  if (streamed) {
                    contender.stream();
                  } else {
                    contender.chat();
                  }
                }
              }));
    }
    for (Future<?> part : parts) {
      part.get();
    }
  }

  /** What the threads alive at both counts allocated in between (-1: a thread that ended). */
  private static long grown(long[] before, long[] after) {
    long total = 0;
    for (int thread = 0; thread < before.length; thread++) {
      if (before[thread] >= 0 && after[thread] >= 0) {
        total += after[thread] - before[thread];
      }
    }
    return total;
  }

  /**
   * Voluntary context switches (a thread that waited: a hand-off, not the machine's load) of each
   * of this JVM's threads, by thread id; empty without procfs. A thread that ends takes its count
   * with it, so rounds compare the threads alive at both counts ({@link #grown(Map, Map)}).
   */
  private static Map<String, Long> switches() {
    Map<String, Long> counts = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return counts;
    }
    try (Stream<Path> each = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) each::iterator) {
        switchesOf(task.resolve("status"))
            .ifPresent(count -> counts.put(task.getFileName().toString(), count));
      }
    } catch (IOException unreadable) {
      counts.clear();
    }
    return counts;
  }

  private static OptionalLong switchesOf(Path status) {
    try {
      long total = 0;
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("voluntary_ctxt_switches:")) { // waits, not preemption by load
          total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      return OptionalLong.of(total);
    } catch (IOException ended) {
      return OptionalLong.empty(); // the thread ended while it was read
    }
  }

  private static long grown(Map<String, Long> before, Map<String, Long> after) {
    long total = 0;
    for (Map.Entry<String, Long> thread : after.entrySet()) {
      Long then = before.get(thread.getKey());
      if (then != null) {
        total += thread.getValue() - then;
      }
    }
    return total;
  }
}
