package dev.inference.kit.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import java.io.IOException;

/**
 * The kit's Jackson factory. Bytes whose first two already show UTF-8 ({@link #plainUtf8}) get
 * Jackson's UTF-8 parser at once, without the bootstrapper that guesses an encoding from a byte
 * order mark or the zeros of UTF-16 and UTF-32: the guess would come to UTF-8 all the same, and a
 * stream reads one small document per frame (bench/notes.md, session 16). Any other bytes take
 * Jackson's own way, guess included.
 */
final class KitJsonFactory extends JsonFactory {

  private static final long serialVersionUID = 1L;

  KitJsonFactory(JsonFactoryBuilder builder) {
    super(builder);
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext context)
      throws IOException {
    if (!plainUtf8(data, offset, len)
        || !JsonFactory.Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
      return super._createParser(data, offset, len, context);
    }
    _streamReadConstraints.validateDocumentLength(len);
    context.setEncoding(JsonEncoding.UTF8); // as the guess records it
    return new UTF8StreamJsonParser(
        context,
        _parserFeatures,
        null,
        _objectCodec,
        _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
        data,
        offset,
        offset + len,
        0, // no byte order mark was skipped
        false);
  }

  /**
   * Whether Jackson's guess would read bytes as UTF-8 with nothing to skip: the first byte starts
   * no byte order mark ({@code EF}, {@code FE}, {@code FF}) and neither of the first two is zero,
   * as one of them is in every UTF-16 and UTF-32 text that starts with an ASCII character.
   *
   * @param bytes the buffer
   * @param offset where the document starts
   * @param length its length
   * @return {@code true} when the guess is not needed
   */
  static boolean plainUtf8(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return false;
    }
    int first = bytes[offset] & 0xFF;
    return first != 0
        && first != 0xEF
        && first != 0xFE
        && first != 0xFF
        && (length == 1 || bytes[offset + 1] != 0);
  }
}
