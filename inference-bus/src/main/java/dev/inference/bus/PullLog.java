package dev.inference.bus;

import dev.inference.runtime.EnsureModelOptions.PullProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The progress of a model pull, summed up as one diagnostic: each status once, in order, a layer
 * with its last {@code completed/total} bytes.
 */
final class PullLog implements Consumer<PullProgress> {

  private final List<String> statuses = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();

  @Override
  public void accept(PullProgress event) {
    String line = event.status();
    if (event.total().isPresent()) {
      line +=
          event.completed().isPresent()
              ? " " + event.completed().getAsLong() + "/" + event.total().getAsLong() + " bytes"
              : " 0/" + event.total().getAsLong() + " bytes";
    }
    int last = statuses.size() - 1;
    if (last >= 0 && statuses.get(last).equals(event.status())) {
      lines.set(last, line);
    } else {
      statuses.add(event.status());
      lines.add(line);
    }
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  String diagnostic() {
    return "progress: " + String.join("; ", lines);
  }
}
