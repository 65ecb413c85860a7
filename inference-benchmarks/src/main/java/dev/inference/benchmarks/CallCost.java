package dev.inference.benchmarks;

import dev.inference.benchmarks.contenders.Contender;
import dev.inference.benchmarks.contenders.Contenders;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What one non-streamed call costs, counted rather than timed, so that a change can be judged on a
 * shared machine: bytes allocated per call on the calling thread and on all threads ({@code
 * ThreadMXBean}), and voluntary context switches per call (Linux, all threads of this JVM, from
 * {@code /proc/self/task}, threads alive at both counts). Each contender makes its warm-up calls,
 * then three rounds of counted calls against the stub of its dialect (in a JVM of its own with
 * {@code -Dbench.stub=jvm}, so that the stub's work is not counted). {@code bench/call-cost [calls]
 * [contender...]}.
 */
public final class CallCost {

  private CallCost() {}

  /** One round's figures, per call. */
  record Round(String contender, long callerBytes, long allBytes, double switches) {
    @Override
    public String toString() {
      return String.format(
          "%-24s caller %,8d B  all threads %,8d B  switches %s",
          contender,
          callerBytes,
          allBytes,
          Double.isNaN(switches) ? "-" : String.format("%.2f", switches));
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
    for (String name : List.of(args).subList(1, args.length)) {
      for (Round round : measure(name, calls, 3)) {
        System.out.println(round);
      }
    }
  }

  /**
   * Warms a contender up with {@code calls} calls, then counts {@code rounds} rounds of as many.
   *
   * @param name the contender
   * @param calls calls per round
   * @param rounds rounds counted
   * @return one figure per round
   */
  static List<Round> measure(String name, int calls, int rounds) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (BenchStub stub = BenchStub.start(Contenders.dialect(name), "chat");
        Contender contender = Contenders.create(name, stub.chatEndpoint())) {
      call(contender, calls);
      Round[] figures = new Round[rounds];
      for (int round = 0; round < rounds; round++) {
        long[] ids = threads.getAllThreadIds(); // threads that end meanwhile are not counted
        long[] before = threads.getThreadAllocatedBytes(ids);
        long caller = threads.getCurrentThreadAllocatedBytes();
        Map<String, Long> switches = switches();
        call(contender, calls);
        caller = threads.getCurrentThreadAllocatedBytes() - caller;
        long all = grown(before, threads.getThreadAllocatedBytes(ids));
        Map<String, Long> switched = switches();
        figures[round] =
            new Round(
                name,
                caller / calls,
                all / calls,
                switched.isEmpty() ? Double.NaN : (double) grown(switches, switched) / calls);
      }
      return List.of(figures);
    }
  }

  private static void call(Contender contender, int calls) {
    for (int call = 0; call < calls; call++) {
      contender.chat();
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
