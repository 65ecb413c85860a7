package dev.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what one {@code java.util.logging} logger (the back end of {@link System.Logger} here)
 * logs while it is open, and keeps it out of the build output.
 */
final class LogCapture implements AutoCloseable {

  private final Logger logger; // a strong reference, so the configured logger is not collected
  private final boolean usedParentHandlers;
  private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture(String name) {
    logger = Logger.getLogger(name);
    usedParentHandlers = logger.getUseParentHandlers();
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
  }

  /** Starts capturing the logger of the given class. */
  static LogCapture of(Class<?> type) {
    return new LogCapture(type.getName());
  }

  /** What was logged so far. */
  List<LogRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(usedParentHandlers);
  }
}
