package dev.inference.kit;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a byte stream into lines without decoding it, for {@link SseDecoder} and {@link
 * NdjsonDecoder}.
 *
 * <p>Bytes are scanned in place; only the tail of a chunk that does not end a line is copied, into
 * one growable buffer that never holds more than {@code maxLineBytes}. A leading UTF-8 byte order
 * mark is dropped from the first line.
 */
final class LineSplitter {

  /** Receives one line, without its line end; the bytes are only valid during the call. */
  @FunctionalInterface
  interface LineHandler {
    void line(byte[] bytes, int offset, int length);
  }

  private static final int INITIAL_CAPACITY = 256;

  private final int maxLineBytes;
  private final boolean crEndsLine;
  private final String frameName;
  private final LineHandler handler;

  private byte[] buffer = new byte[0];
  private int length;
  private boolean skipLineFeed;
  private boolean firstLine = true;
  private boolean finished;

  /**
   * @param maxLineBytes the longest line accepted, line end excluded
   * @param crEndsLine whether a lone CR ends a line (SSE) or only LF does (NDJSON)
   * @param frameName what a frame is called in the limit message ("an SSE event")
   * @param handler receives each line
   */
  LineSplitter(int maxLineBytes, boolean crEndsLine, String frameName, LineHandler handler) {
    this.maxLineBytes = checkLimit(maxLineBytes, "maxLineBytes");
    this.crEndsLine = crEndsLine;
    this.frameName = frameName;
    this.handler = handler;
  }

  static int checkLimit(int limit, String name) {
    if (limit <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, but was " + limit);
    }
    return limit;
  }

  void feed(byte[] bytes, int offset, int count) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, count, bytes.length);
    if (finished) {
      throw new IllegalStateException("feed() after finish()");
    }
    int end = offset + count;
    int i = offset;
    if (skipLineFeed && i < end) {
      skipLineFeed = false;
      if (bytes[i] == '\n') {
        i++;
      }
    }
    int start = i;
    while (i < end) {
      i = nextLineEnd(bytes, i, end);
      if (i == end) {
        break;
      }
      byte b = bytes[i]; // a line end
      endLine(bytes, start, i - start);
      i++;
      if (b == '\r') {
        if (i == end) {
          skipLineFeed = true;
        } else if (bytes[i] == '\n') {
          i++;
        }
      }
      start = i;
    }
    if (start < end) {
      append(bytes, start, end - start);
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = ONES * '\n';
  private static final long CRS = ONES * '\r';

  /**
   * The index of the first LF (or CR, when a CR ends a line) from {@code i}, or {@code end}; eight
   * bytes at a time while it can (a word holds the byte when {@code word ^ pattern} has a zero
   * byte), then byte by byte.
   */
  private int nextLineEnd(byte[] bytes, int i, int end) {
    while (i + Long.BYTES <= end) {
      long word = (long) LONGS.get(bytes, i);
      long lf = word ^ LFS;
      long found = (lf - ONES) & ~lf & HIGHS;
      if (crEndsLine) {
        long cr = word ^ CRS;
        found |= (cr - ONES) & ~cr & HIGHS;
      }
      if (found != 0) {
        break; // the byte is in this word: the loop below finds which
      }
      i += Long.BYTES;
    }
    while (i < end) {
      byte b = bytes[i];
      if (b == '\n' || (b == '\r' && crEndsLine)) {
        return i;
      }
      i++;
    }
    return end;
  }

  /**
   * Ends the input.
   *
   * @param deliverPartialLine whether a last line without a line end is delivered (NDJSON) or
   *     discarded (SSE)
   */
  void finish(boolean deliverPartialLine) {
    if (finished) {
      return;
    }
    finished = true;
    if (deliverPartialLine && length > 0) {
      deliver(buffer, 0, length);
    }
    length = 0;
  }

  /** The bytes held for an unfinished line; never more than the limit. */
  int capacity() {
    return buffer.length;
  }

  InferenceException frameTooBig() {
    return InferenceException.builder(
            ErrorKind.MALFORMED_RESPONSE,
            frameName
                + " exceeded the "
                + maxLineBytes
                + "-byte frame limit; raise max_frame_bytes if the provider sends bigger events")
        .build();
  }

  private void endLine(byte[] bytes, int start, int count) {
    if (length == 0) {
      if (count > maxLineBytes) {
        throw frameTooBig();
      }
      deliver(bytes, start, count);
    } else {
      append(bytes, start, count);
      int lineLength = length;
      length = 0;
      deliver(buffer, 0, lineLength);
    }
  }

  private void deliver(byte[] bytes, int start, int count) {
    if (firstLine) {
      firstLine = false;
      if (count >= 3
          && bytes[start] == (byte) 0xEF
          && bytes[start + 1] == (byte) 0xBB
          && bytes[start + 2] == (byte) 0xBF) {
        start += 3;
        count -= 3;
      }
    }
    handler.line(bytes, start, count);
  }

  private void append(byte[] bytes, int start, int count) {
    if ((long) length + count > maxLineBytes) {
      throw frameTooBig();
    }
    buffer = ensureCapacity(buffer, length + count, maxLineBytes);
    System.arraycopy(bytes, start, buffer, length, count);
    length += count;
  }

  /** Grows {@code array} by doubling to hold {@code needed} bytes, never past {@code limit}. */
  static byte[] ensureCapacity(byte[] array, int needed, int limit) {
    if (needed <= array.length) {
      return array;
    }
    long doubled = Math.max((long) array.length * 2, INITIAL_CAPACITY);
    int capacity = (int) Math.max(needed, Math.min(doubled, limit));
    return Arrays.copyOf(array, capacity);
  }
}
