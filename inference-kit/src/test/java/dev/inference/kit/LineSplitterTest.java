package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The splitter scans eight bytes at a time: every line end at every offset of a word, bytes that
 * differ from CR and LF only in their high bit (UTF-8 continuation bytes 0x8A, 0x8D), and every way
 * of cutting the input into chunks give the lines a byte-by-byte reference gives.
 */
class LineSplitterTest {

  private static final byte[] ALPHABET = {
    'a', '\n', '\r', (byte) 0x8A, (byte) 0x8D, (byte) 0xFF, 0, (byte) 0x80, 0x0B
  };

  @Test
  void wordAtATimeScanningFindsTheSameLinesAsAByteByByteReference() {
    Random random = new Random(20261202);
    for (int round = 0; round < 3_000; round++) {
      byte[] input = new byte[random.nextInt(80)];
      for (int i = 0; i < input.length; i++) {
        input[i] = random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) 'x';
      }
      for (boolean crEndsLine : new boolean[] {true, false}) {
        List<String> expected = reference(input, crEndsLine);
        List<String> seen = new ArrayList<>();
        LineSplitter splitter =
            new LineSplitter(
                1 << 20,
                crEndsLine,
                "a line",
                (bytes, offset, length) ->
                    seen.add(HexFormat.of().formatHex(bytes, offset, offset + length)));
        int at = 0;
        while (at < input.length) {
          int chunk = Math.min(input.length - at, 1 + random.nextInt(20));
          splitter.feed(input, at, chunk);
          at += chunk;
        }
        splitter.finish(true);
        assertThat(seen)
            .as("%s, CR ends a line: %s", HexFormat.of().formatHex(input), crEndsLine)
            .isEqualTo(expected);
      }
    }
  }

  /** Lines by the rules, one byte at a time: LF, CR (when it ends lines), CRLF as one end. */
  private static List<String> reference(byte[] input, boolean crEndsLine) {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int i = 0; i < input.length; i++) {
      byte b = input[i];
      if (b == '\n' || (b == '\r' && crEndsLine)) {
        lines.add(HexFormat.of().formatHex(line.toByteArray()));
        line.reset();
        if (b == '\r' && i + 1 < input.length && input[i + 1] == '\n') {
          i++;
        }
      } else {
        line.write(b);
      }
    }
    if (line.size() > 0) {
      lines.add(HexFormat.of().formatHex(line.toByteArray()));
    }
    return lines;
  }
}
