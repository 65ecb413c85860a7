package dev.inference.stub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.jspecify.annotations.Nullable;

/**
 * The request frames of one inferd connection: lines ending in {@code \n}, each at most the cap
 * long; a longer one throws {@link TooLarge} and the reader never resyncs.
 */
final class InferdFrames {

  /** A frame passed the cap without a newline. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(int cap) {
      super("a frame passed the cap of " + cap + " bytes without a newline");
    }
  }

  private final ReadableByteChannel channel;
  private final int cap;
  private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024).flip();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  InferdFrames(ReadableByteChannel channel, int cap) {
    this.channel = channel;
    this.cap = cap;
  }

  /**
   * The next frame without its newline.
   *
   * @return the frame, or {@code null} at the end of input (a partial last frame is dropped)
   */
  byte @Nullable [] next() throws IOException {
    while (true) {
      while (buffer.hasRemaining()) {
        byte b = buffer.get();
        if (b == '\n') {
          byte[] frame = line.toByteArray();
          line.reset();
          return frame;
        }
        if (line.size() >= cap) {
          throw new TooLarge(cap);
        }
        line.write(b);
      }
      buffer.clear();
      int read = channel.read(buffer);
      buffer.flip();
      if (read < 0) {
        return null;
      }
    }
  }
}
