package dev.inference.cli;

import dev.inference.runtime.EnsureModelOptions.PullProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Shows the progress of a model pull on stderr: a bar redrawn in place on a terminal, plain lines
 * otherwise (one per status, and one per 10% of a download).
 */
final class Progress implements Consumer<PullProgress> {

  private static final int WIDTH = 30;

  private final PrintStream err;
  private final boolean terminal;
  private String lastStatus = "";
  private long lastTenth = -1;
  private boolean barOpen;

  Progress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void accept(PullProgress event) {
    boolean sized = event.total().isPresent() && event.total().getAsLong() > 0;
    long total = sized ? event.total().getAsLong() : 0;
    long done = sized ? Math.min(total, event.completed().orElse(0)) : 0;
    if (terminal) {
      if (sized) {
        int filled = (int) (WIDTH * done / total);
        err.print(
            "\r"
                + event.status()
                + " ["
                + "#".repeat(filled)
                + " ".repeat(WIDTH - filled)
                + "] "
                + percent(done, total)
                + " "
                + bytes(done)
                + "/"
                + bytes(total));
        barOpen = true;
      } else {
        finishBar();
        err.println(event.status());
      }
      err.flush();
      return;
    }
    if (sized) {
      long tenth = done * 10 / total;
      if (!event.status().equals(lastStatus) || tenth != lastTenth) {
        err.println(
            event.status() + ": " + percent(done, total) + " (" + done + "/" + total + " bytes)");
        lastTenth = tenth;
      }
    } else if (!event.status().equals(lastStatus)) {
      err.println(event.status());
      lastTenth = -1;
    }
    lastStatus = event.status();
  }

  /** Ends a bar line, if one is open. */
  synchronized void finishBar() {
    if (barOpen) {
      err.println();
      barOpen = false;
    }
  }

  private static String percent(long done, long total) {
    return String.format(Locale.ROOT, "%3d%%", done * 100 / total);
  }

  static String bytes(long count) {
    if (count < 1024) {
      return count + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = count;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
