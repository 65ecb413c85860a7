package dev.inference.kit;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text of a streamed answer, delta by delta, joined only when it is asked for. A {@code
 * StringBuilder} would copy every character several times (each time it grows, then once more in
 * {@code toString}); here each character is copied twice in all: once when the pending deltas are
 * joined into a piece of about {@value #PIECE} characters (so that a long answer of small deltas
 * does not keep every delta on the heap), once into the whole text. One delta is kept as is.
 */
final class TextParts {

  /** How many characters of deltas wait before they are joined into one piece. */
  static final int PIECE = 8192;

  /** The text while it is one delta (a whole body's answer): no list is made for it. */
  private @Nullable String only;

  /** From the second delta on: joined pieces, then the deltas not joined yet (from pendingFrom). */
  private @Nullable List<String> parts;

  private int pendingFrom;
  private int pendingLength;
  private int length;

  /**
   * Adds a delta.
   *
   * @param delta the text; empty is ignored
   */
  void add(String delta) {
    if (delta.isEmpty()) {
      return;
    }
    length += delta.length();
    pendingLength += delta.length();
    List<String> parts = this.parts;
    if (parts == null) {
      if (only == null) {
        only = delta;
        return;
      }
      parts = new ArrayList<>();
      parts.add(only);
      only = null;
      this.parts = parts;
    }
    parts.add(delta);
    if (pendingLength >= PIECE && parts.size() - pendingFrom > 1) {
      List<String> pending = parts.subList(pendingFrom, parts.size());
      String piece = String.join("", pending);
      pending.clear();
      parts.add(piece);
      pendingFrom = parts.size();
      pendingLength = 0;
    }
  }

  /** Whether nothing was added. */
  boolean isEmpty() {
    return length == 0;
  }

  /** The whole text; joined once, and kept joined for the next call. */
  @Override
  public String toString() {
    List<String> parts = this.parts;
    if (parts == null) {
      return only == null ? "" : only;
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    String all = String.join("", parts);
    parts.clear();
    parts.add(all);
    pendingFrom = 1;
    pendingLength = 0;
    return all;
  }
}
