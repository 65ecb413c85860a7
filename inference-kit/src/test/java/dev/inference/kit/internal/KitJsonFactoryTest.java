package dev.inference.kit.internal;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KitJsonFactoryTest {

  /** Jackson's own factory, with the kit's features. */
  private static final JsonFactory JACKSON =
      JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

  /** First bytes that matter to Jackson's encoding guess, and some that do not. */
  private static final int[] FIRST = {
    0x00, 0x01, 0x20, '"', '[', '{', 0x80, 0xBB, 0xEF, 0xFE, 0xFF
  };

  @Test
  void readsEveryStartOfInputAsJacksonsOwnFactoryDoes() {
    int plain = 0;
    for (int a : FIRST) {
      for (int b : FIRST) {
        for (int c : FIRST) {
          for (int d : FIRST) {
            for (int length = 0; length <= 6; length++) {
              byte[] bytes = {(byte) a, (byte) b, (byte) c, (byte) d, '{', '}'};
              plain += KitJsonFactory.plainUtf8(bytes, 0, length) ? 1 : 0;
              assertThat(tokens(JacksonJson.FACTORY, bytes, 0, length))
                  .as("%02x %02x %02x %02x, %d bytes", a, b, c, d, length)
                  .isEqualTo(tokens(JACKSON, bytes, 0, length));
            }
          }
        }
      }
    }
    assertThat(plain).as("inputs read without the guess").isGreaterThan(30_000);
  }

  @Test
  void readsUtf8TextAByteOrderMarkAndUtf16AsJacksonDoes() {
    String json = "{\"text\":\"h\u00e9 \u2713 \ud83d\ude00\",\"n\":[0,-1.5e3,true,null]}";
    byte[] bom = ("\ufeff" + json).getBytes(UTF_8);
    for (byte[] bytes :
        List.of(json.getBytes(UTF_8), bom, json.getBytes(UTF_16BE), json.getBytes(UTF_16LE))) {
      assertThat(tokens(JacksonJson.FACTORY, bytes, 0, bytes.length))
          .isEqualTo(tokens(JACKSON, bytes, 0, bytes.length))
          .contains("VALUE_STRING h\u00e9 \u2713 \ud83d\ude00");
    }
  }

  @Test
  void aDocumentInsideABufferIsReadFromItsOffset() {
    byte[] buffer = "xx{\"a\":1}\u0000".getBytes(UTF_8);
    assertThat(tokens(JacksonJson.FACTORY, buffer, 2, buffer.length - 3))
        .containsExactly("START_OBJECT {", "FIELD_NAME a", "VALUE_NUMBER_INT 1", "END_OBJECT }");
  }

  /** The tokens and texts a factory's parser reads, then the failure's message, if any. */
  private static List<String> tokens(JsonFactory factory, byte[] bytes, int offset, int length) {
    List<String> read = new ArrayList<>();
    try (JsonParser parser = factory.createParser(bytes, offset, length)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        read.add(token + " " + parser.getText());
      }
    } catch (IOException failure) {
      read.add("failed: " + failure.getMessage());
    }
    return read;
  }
}
