package dev.inference.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every {@code java.util.logging} record at every level, which is where {@code
 * System.Logger} writes unless an application installs another back end: for a test that checks
 * what a driver logs, such as that no line shows its key (rule 11.2 checks the kit's calls).
 *
 * <pre>{@code
 * try (LogCapture logs = new LogCapture()) {
 *   assertThatThrownBy(() -> client.infer(request));
 *   assertThat(logs.lines()).noneMatch(line -> line.contains(key));
 * }
 * }</pre>
 *
 * <p>The capture is on the root logger, so it sees every thread's records while it is open; close
 * it to restore the root logger's level.
 *
 * @since 0.1
 */
public final class LogCapture implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger root = Logger.getLogger("");
  private final Level previous = root.getLevel();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
          Object[] parameters = record.getParameters();
          if (parameters != null) {
            for (Object parameter : parameters) {
              line.append(' ').append(parameter);
            }
          }
          for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
            line.append(' ').append(thrown);
          }
          lines.add(line.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Starts capturing. */
  public LogCapture() {
    handler.setLevel(Level.ALL);
    root.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  /**
   * The lines so far: each record's message, its parameters and its causes.
   *
   * @return a snapshot, never {@code null}
   */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Stops capturing and restores the root logger's level. */
  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(previous);
  }
}
