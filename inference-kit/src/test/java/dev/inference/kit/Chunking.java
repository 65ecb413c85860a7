package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Feeds one body to a decoder in many chunkings (whole, 1-byte, 7-byte, every two-way split) and
 * checks that every chunking yields the same output.
 */
final class Chunking {

  /** Feeds chunks to a fresh decoder; returns what it produced after finish(). */
  interface Decoding<T> {
    Fed<T> start();
  }

  /** One fresh decoder. */
  interface Fed<T> {
    void feed(byte[] bytes, int offset, int length);

    List<T> finish();
  }

  private Chunking() {}

  static List<List<byte[]>> chunkings(byte[] body) {
    List<List<byte[]>> all = new ArrayList<>();
    all.add(List.of(body));
    all.add(fixed(body, 1));
    all.add(fixed(body, 7));
    for (int split = 0; split <= body.length; split++) {
      all.add(
          List.of(
              Arrays.copyOfRange(body, 0, split), Arrays.copyOfRange(body, split, body.length)));
    }
    return all;
  }

  private static List<byte[]> fixed(byte[] body, int size) {
    List<byte[]> chunks = new ArrayList<>();
    for (int i = 0; i < body.length; i += size) {
      chunks.add(Arrays.copyOfRange(body, i, Math.min(body.length, i + size)));
    }
    return chunks;
  }

  /**
   * Decodes {@code body} in every chunking and returns the output, after asserting all are equal.
   * Each chunk sits inside a larger array between garbage bytes (line ends included), so a decoder
   * that ignores offset or length fails; an empty feed follows each chunk.
   */
  static <T> List<T> decodeAllWays(byte[] body, Decoding<T> decoding) {
    List<T> expected = null;
    for (List<byte[]> chunks : chunkings(body)) {
      Fed<T> fed = decoding.start();
      for (byte[] chunk : chunks) {
        byte[] padded = new byte[chunk.length + 6];
        padded[0] = '\n';
        padded[1] = '\r';
        padded[2] = 'x';
        System.arraycopy(chunk, 0, padded, 3, chunk.length);
        padded[chunk.length + 3] = '\r';
        padded[chunk.length + 4] = '\n';
        padded[chunk.length + 5] = '\n';
        fed.feed(padded, 3, chunk.length);
        fed.feed(padded, 0, 0);
      }
      List<T> got = fed.finish();
      if (expected == null) {
        expected = got;
      } else {
        assertThat(got).as("chunking %s", sizes(chunks)).isEqualTo(expected);
      }
    }
    return expected;
  }

  private static String sizes(List<byte[]> chunks) {
    return chunks.stream().map(chunk -> chunk.length).toList().toString();
  }

  static <T, D> Decoding<T> of(
      Function<List<T>, D> create, TriConsumer<D> feed, java.util.function.Consumer<D> finish) {
    return () -> {
      List<T> out = new ArrayList<>();
      D decoder = create.apply(out);
      return new Fed<>() {
        @Override
        public void feed(byte[] bytes, int offset, int length) {
          feed.accept(decoder, bytes, offset, length);
        }

        @Override
        public List<T> finish() {
          finish.accept(decoder);
          return out;
        }
      };
    };
  }

  /** decoder.feed(bytes, offset, length). */
  interface TriConsumer<D> {
    void accept(D decoder, byte[] bytes, int offset, int length);
  }
}
