package dev.inference.benchmarks;

import dev.inference.stub.Dialect;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stub a benchmark calls: in the benchmark's JVM (the default), or in a JVM of its own when the
 * system property {@code bench.stub} is {@code jvm} ({@code bench/run --stub-jvm}), so that the
 * stub's CPU and allocation are not counted in the contender's ({@code -prof gc} measures the whole
 * JVM); {@code bench.stub.jvmArgs} adds options to that JVM, space-separated (a flight recording,
 * say), and {@code bench.stub.warmup} the seconds it warms itself up before it announces its
 * endpoint ({@link StubMain}). The reply is named by a spec every JVM can rebuild: {@code chat},
 * {@code stream:<delta bytes, 0 for Fixtures.DELTA>:<count>} or {@code json:<bytes>}.
 */
public final class BenchStub implements AutoCloseable {

  private final StubServer inJvm;
  private final Process process;
  private final URI endpoint;

  private BenchStub(StubServer inJvm, Process process, URI endpoint) {
    this.inJvm = inJvm;
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Whether stubs run in a JVM of their own.
   *
   * @return {@code -Dbench.stub=jvm}
   */
  public static boolean ownJvm() {
    return "jvm".equals(System.getProperty("bench.stub"));
  }

  /**
   * Starts a stub answering every chat request with the reply of the spec.
   *
   * @param dialect the dialect
   * @param spec {@code chat}, {@code stream:<delta bytes>:<count>} or {@code json:<bytes>}
   * @return the stub, listening
   */
  public static BenchStub start(Dialect dialect, String spec) {
    if (!ownJvm()) {
      StubServer server = Fixtures.stub(dialect, reply(spec));
      return new BenchStub(server, null, server.chatEndpoint());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      List<String> command = new ArrayList<>(List.of(java));
      String options = System.getProperty("bench.stub.jvmArgs", "").strip();
      if (!options.isEmpty()) {
        command.addAll(List.of(options.split("\\s+")));
      }
      command.addAll(
          List.of(
              "-Dbench.stub.warmup=" + StubMain.warmUpSeconds(),
              "-cp",
              System.getProperty("java.class.path"),
              StubMain.class.getName(),
              dialect.name(),
              spec));
      Process child =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      while (line != null && !line.startsWith(StubMain.ENDPOINT)) {
        line = out.readLine(); // the JVM's own messages (-Xlog, a flight recording's)
      }
      if (line == null) {
        child.destroyForcibly();
        throw new IllegalStateException("the stub JVM ended before it listened");
      }
      Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "bench-stub-drain");
      drain.setDaemon(true);
      drain.start(); // so that the stub JVM never blocks on a full pipe
      return new BenchStub(null, child, URI.create(line.substring(StubMain.ENDPOINT.length())));
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }

  /**
   * The reply a spec names.
   *
   * @param spec the spec
   * @return the reply
   */
  static Reply reply(String spec) {
    String[] parts = spec.split(":");
    return switch (parts[0]) {
      case "chat" -> Reply.text(Fixtures.CHAT_ANSWER);
      case "stream" -> {
        int bytes = Integer.parseInt(parts[1]);
        yield Reply.repeated(
            bytes == 0 ? Fixtures.DELTA : Fixtures.delta(bytes), Long.parseLong(parts[2]));
      }
      case "json" -> Reply.json(Fixtures.jsonAnswer(Integer.parseInt(parts[1])));
      default -> throw new IllegalArgumentException("no stub reply '" + spec + "'");
    };
  }

  /**
   * Where the contender sends its chat requests.
   *
   * @return the stub's chat endpoint
   */
  public URI chatEndpoint() {
    return endpoint;
  }

  /**
   * The CPU time the stub's JVM has used so far, as the operating system counts it.
   *
   * @return nanoseconds, or -1 for a stub in this JVM or where the count is not known
   */
  public long cpuNanos() {
    if (process == null) {
      return -1;
    }
    return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  @Override
  public void close() {
    if (inJvm != null) {
      inJvm.close();
      return;
    }
    try {
      process.getOutputStream().close(); // the stub JVM ends at the end of its input
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException ignored) {
      process.destroyForcibly();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
