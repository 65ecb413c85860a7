package dev.inference.cli;

import dev.inference.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON reader that fails exactly as serde_json 1.0.149 does, the reader bitloops-inference 0.1.3
 * decodes its request lines with: the same error text, the same byte column, the same order in
 * which problems are found. A host that shows or matches those messages sees no difference.
 *
 * <p>It reads one line (line 1; columns count UTF-8 bytes) into a {@link Content} tree, serde's own
 * buffer of an unknown value, and keeps its position so that an error raised later, once the value
 * is read (serde's "custom" errors, such as a missing field), gets the column serde would give it.
 * The functions follow {@code serde_json::de} and {@code serde_json::read} one to one; their names
 * are kept so the two can be read side by side.
 */
final class SerdeJson extends SerdeRead {

  private int remainingDepth = 128;

  SerdeJson(byte[] slice, int length) {
    super(slice, length);
  }

  /** serde's buffered value ({@code serde::__private::de::Content}), as JSON can fill it. */
  sealed interface Content permits Unit, Bool, U64, I64, F64, Str, Seq, Obj {}

  /** JSON {@code null}. */
  record Unit() implements Content {}

  record Bool(boolean value) implements Content {}

  /** A non-negative integer that fits a u64; {@code value} is unsigned. */
  record U64(long value, String text) implements Content {}

  /** A negative integer that fits an i64. */
  record I64(long value, String text) implements Content {}

  /** Any other number, read as serde_json reads it (not float_roundtrip). */
  record F64(double value, String text) implements Content {}

  record Str(String value) implements Content {}

  record Seq(List<Content> items) implements Content {}

  /** An object, members in input order, duplicates kept. */
  record Obj(List<Member> members) implements Content {}

  record Member(String key, Content value) {}

  private static final double[] POW10 = new double[309];

  static {
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = Double.parseDouble("1e" + i);
    }
  }

  /** Reads a whole document as {@code serde_json::from_str::<Value>} does. */
  static Content read(String text) throws Failure {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    SerdeJson json = new SerdeJson(bytes, bytes.length);
    Content value = json.parseAny();
    json.end();
    return value;
  }

  /**
   * Content as serde_json's {@code Value}, in the API's JSON tree: object keys sorted (its {@code
   * Map} is a {@code BTreeMap}), a later duplicate key winning, numbers as read.
   */
  static JsonValue value(Content content) {
    if (content instanceof Str string) {
      return JsonValue.of(string.value());
    }
    if (content instanceof Bool bool) {
      return JsonValue.of(bool.value());
    }
    if (content instanceof U64 number) {
      return new JsonValue.NumberValue(new BigDecimal(number.text()));
    }
    if (content instanceof I64 number) {
      return new JsonValue.NumberValue(new BigDecimal(number.text()));
    }
    if (content instanceof F64 number) {
      return new JsonValue.NumberValue(new BigDecimal(SerdeText.floatText(number.value())));
    }
    if (content instanceof Seq seq) {
      List<JsonValue> items = new ArrayList<>();
      seq.items().forEach(item -> items.add(value(item)));
      return JsonValue.array(items);
    }
    if (content instanceof Obj object) {
      Map<String, JsonValue> members = new TreeMap<>();
      object.members().forEach(member -> members.put(member.key(), value(member.value())));
      return JsonValue.object(members);
    }
    return JsonValue.NullValue.INSTANCE;
  }

  // --- de.rs ---

  /** {@code Deserializer::end}: only whitespace may follow the value. */
  void end() throws Failure {
    if (parseWhitespace() >= 0) {
      throw peekError(TRAILING_CHARACTERS);
    }
  }

  /** {@code deserialize_any} into {@link Content}. */
  Content parseAny() throws Failure {
    int peek = parseWhitespace();
    if (peek < 0) {
      throw peekError(EOF_VALUE);
    }
    switch (peek) {
      case 'n':
        eatChar();
        parseIdent("ull");
        return new Unit();
      case 't':
        eatChar();
        parseIdent("rue");
        return new Bool(true);
      case 'f':
        eatChar();
        parseIdent("alse");
        return new Bool(false);
      case '-':
        {
          int start = index;
          eatChar();
          return parseAnyNumber(false, start);
        }
      case '"':
        eatChar();
        return new Str(parseStr());
      case '[':
        return parseSeq();
      case '{':
        return parseObj();
      default:
        if (peek >= '0' && peek <= '9') {
          return parseAnyNumber(true, index);
        }
        throw peekError(EXPECTED_VALUE);
    }
  }

  private Content parseSeq() throws Failure {
    checkRecursion();
    eatChar();
    List<Content> items = new ArrayList<>();
    boolean first = true;
    while (hasNextElement(first)) {
      first = false;
      items.add(parseAny());
    }
    remainingDepth++;
    endSeq();
    return new Seq(items);
  }

  private Content parseObj() throws Failure {
    checkRecursion();
    eatChar();
    List<Member> members = new ArrayList<>();
    boolean first = true;
    while (hasNextKey(first)) {
      first = false;
      String key = parseKey();
      parseObjectColon();
      members.add(new Member(key, parseAny()));
    }
    remainingDepth++;
    endMap();
    return new Obj(members);
  }

  /** {@code check_recursion!}: one level deeper, refused at serde_json's limit of 128. */
  void checkRecursion() throws Failure {
    remainingDepth--;
    if (remainingDepth == 0) {
      throw peekError(RECURSION_LIMIT);
    }
  }

  void leaveRecursion() {
    remainingDepth++;
  }

  private void parseIdent(String ident) throws Failure {
    for (int i = 0; i < ident.length(); i++) {
      int next = nextChar();
      if (next < 0) {
        throw error(EOF_VALUE);
      }
      if (next != ident.charAt(i)) {
        throw error(EXPECTED_IDENT);
      }
    }
  }

  /** {@code MapAccess::has_next_key}. */
  boolean hasNextKey(boolean first) throws Failure {
    int peek = parseWhitespace();
    if (peek < 0) {
      throw peekError(EOF_OBJECT);
    }
    if (peek == '}') {
      return false;
    }
    if (first) {
      if (peek == '"') {
        return true;
      }
      throw peekError(KEY_MUST_BE_A_STRING);
    }
    if (peek != ',') {
      throw peekError(EXPECTED_OBJECT_COMMA_OR_END);
    }
    eatChar();
    int next = parseWhitespace();
    if (next == '"') {
      return true;
    }
    if (next == '}') {
      throw peekError(TRAILING_COMMA);
    }
    throw peekError(next < 0 ? EOF_VALUE : KEY_MUST_BE_A_STRING);
  }

  private boolean hasNextElement(boolean first) throws Failure {
    int peek = parseWhitespace();
    if (peek < 0) {
      throw peekError(EOF_LIST);
    }
    if (peek == ']') {
      return false;
    }
    if (first) {
      return true;
    }
    if (peek != ',') {
      throw peekError(EXPECTED_LIST_COMMA_OR_END);
    }
    eatChar();
    int next = parseWhitespace();
    if (next == ']') {
      throw peekError(TRAILING_COMMA);
    }
    if (next < 0) {
      throw peekError(EOF_VALUE);
    }
    return true;
  }

  /** A key, after {@link #hasNextKey} saw its quote. */
  String parseKey() throws Failure {
    eatChar();
    return parseStr();
  }

  void parseObjectColon() throws Failure {
    int peek = parseWhitespace();
    if (peek == ':') {
      eatChar();
      return;
    }
    throw peekError(peek < 0 ? EOF_OBJECT : EXPECTED_COLON);
  }

  private void endSeq() throws Failure {
    int peek = parseWhitespace();
    if (peek == ']') {
      eatChar();
      return;
    }
    throw peekError(peek < 0 ? EOF_LIST : TRAILING_CHARACTERS);
  }

  /**
   * {@code end_map}: consumes the closing brace, or returns (does not throw) what is wrong there,
   * since serde_json runs it even after the map's visitor failed.
   */
  Failure endMap() {
    int peek = parseWhitespace();
    if (peek == '}') {
      eatChar();
      return null;
    }
    return peekError(peek < 0 ? EOF_OBJECT : peek == ',' ? TRAILING_COMMA : TRAILING_CHARACTERS);
  }

  /**
   * {@code peek_invalid_type}: reads the scalar that is there (not an array or object) and says it
   * is not what {@code expected} names.
   */
  Failure peekInvalidType(String expected) {
    int peek = peek();
    Content found;
    try {
      switch (peek) {
        case 'n':
          eatChar();
          parseIdent("ull");
          found = new Unit();
          break;
        case 't':
          eatChar();
          parseIdent("rue");
          found = new Bool(true);
          break;
        case 'f':
          eatChar();
          parseIdent("alse");
          found = new Bool(false);
          break;
        case '-':
          {
            int start = index;
            eatChar();
            found = parseAnyNumber(false, start);
            break;
          }
        case '"':
          eatChar();
          found = new Str(parseStr());
          break;
        case '[':
          found = new Seq(List.of());
          break;
        case '{':
          found = new Obj(List.of());
          break;
        default:
          if (peek >= '0' && peek <= '9') {
            found = parseAnyNumber(true, index);
            break;
          }
          return peekError(EXPECTED_VALUE);
      }
    } catch (Failure syntax) {
      return syntax;
    }
    return fixPosition(Failure.custom(SerdeText.invalidType(found, expected)));
  }

  // --- numbers (not float_roundtrip, not arbitrary_precision) ---

  private Content parseAnyNumber(boolean positive, int start) throws Failure {
    int next = nextChar();
    if (next < 0) {
      throw error(EOF_VALUE);
    }
    if (next == '0') {
      int peek = peek();
      if (peek >= '0' && peek <= '9') {
        throw peekError(INVALID_NUMBER);
      }
      return parseNumber(positive, 0, start);
    }
    if (next < '1' || next > '9') {
      throw error(INVALID_NUMBER);
    }
    long significand = next - '0';
    while (true) {
      int peek = peek();
      if (peek < '0' || peek > '9') {
        return parseNumber(positive, significand, start);
      }
      int digit = peek - '0';
      if (overflowsU64(significand, digit)) {
        return new F64(parseLongInteger(positive, significand), text(start));
      }
      eatChar();
      significand = significand * 10 + digit;
    }
  }

  private static boolean overflowsU64(long significand, int digit) {
    long max = Long.divideUnsigned(-1L, 10);
    int cmp = Long.compareUnsigned(significand, max);
    return cmp > 0 || (cmp == 0 && digit > 5);
  }

  private Content parseNumber(boolean positive, long significand, int start) throws Failure {
    int peek = peek();
    if (peek == '.') {
      return new F64(parseDecimal(positive, significand, 0), text(start));
    }
    if (peek == 'e' || peek == 'E') {
      return new F64(parseExponent(positive, significand, 0), text(start));
    }
    if (positive) {
      return new U64(significand, text(start));
    }
    long neg = -significand;
    // a float on underflow, or for -0
    return neg >= 0
        ? new F64(-unsignedToDouble(significand), text(start))
        : new I64(neg, text(start));
  }

  private double parseLongInteger(boolean positive, long significand) throws Failure {
    int exponent = 0;
    while (true) {
      int peek = peek();
      if (peek >= '0' && peek <= '9') {
        eatChar();
        exponent++;
      } else if (peek == '.') {
        return parseDecimal(positive, significand, exponent);
      } else if (peek == 'e' || peek == 'E') {
        return parseExponent(positive, significand, exponent);
      } else {
        return f64FromParts(positive, significand, exponent);
      }
    }
  }

  private double parseDecimal(boolean positive, long significand, int exponentBefore)
      throws Failure {
    eatChar();
    int exponentAfter = 0;
    while (true) {
      int peek = peek();
      if (peek < '0' || peek > '9') {
        break;
      }
      int digit = peek - '0';
      if (overflowsU64(significand, digit)) {
        // ignore all further digits
        while (peek() >= '0' && peek() <= '9') {
          eatChar();
        }
        int exponent = exponentBefore + exponentAfter;
        int after = peek();
        return after == 'e' || after == 'E'
            ? parseExponent(positive, significand, exponent)
            : f64FromParts(positive, significand, exponent);
      }
      eatChar();
      significand = significand * 10 + digit;
      exponentAfter--;
    }
    if (exponentAfter == 0) {
      throw peekError(peek() < 0 ? EOF_VALUE : INVALID_NUMBER);
    }
    int exponent = exponentBefore + exponentAfter;
    int peek = peek();
    return peek == 'e' || peek == 'E'
        ? parseExponent(positive, significand, exponent)
        : f64FromParts(positive, significand, exponent);
  }

  private double parseExponent(boolean positive, long significand, int startingExp) throws Failure {
    eatChar();
    boolean positiveExp = true;
    int sign = peek();
    if (sign == '+') {
      eatChar();
    } else if (sign == '-') {
      eatChar();
      positiveExp = false;
    }
    int next = nextChar();
    if (next < 0) {
      throw error(EOF_VALUE);
    }
    if (next < '0' || next > '9') {
      throw error(INVALID_NUMBER);
    }
    int exp = next - '0';
    while (peek() >= '0' && peek() <= '9') {
      int digit = peek() - '0';
      eatChar();
      if (exp > Integer.MAX_VALUE / 10 || (exp == Integer.MAX_VALUE / 10 && digit > 7)) {
        if (significand != 0 && positiveExp) {
          throw error(NUMBER_OUT_OF_RANGE);
        }
        while (peek() >= '0' && peek() <= '9') {
          eatChar();
        }
        return positive ? 0.0 : -0.0;
      }
      exp = exp * 10 + digit;
    }
    long finalExp = positiveExp ? (long) startingExp + exp : (long) startingExp - exp;
    int saturated = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, finalExp));
    return f64FromParts(positive, significand, saturated);
  }

  private double f64FromParts(boolean positive, long significand, int exponent) throws Failure {
    double f = unsignedToDouble(significand);
    while (true) {
      // wrapping_abs: i32::MIN stays negative, which no table index matches
      int magnitude = exponent == Integer.MIN_VALUE ? -1 : Math.abs(exponent);
      if (magnitude >= 0 && magnitude < POW10.length) {
        if (exponent >= 0) {
          f *= POW10[magnitude];
          if (Double.isInfinite(f)) {
            throw error(NUMBER_OUT_OF_RANGE);
          }
        } else {
          f /= POW10[magnitude];
        }
        break;
      }
      if (f == 0.0) {
        break;
      }
      if (exponent >= 0) {
        throw error(NUMBER_OUT_OF_RANGE);
      }
      f /= 1e308;
      exponent += 308;
    }
    return positive ? f : -f;
  }

  /** Rust's {@code u64 as f64}: round to nearest. */
  private static double unsignedToDouble(long value) {
    return value >= 0 ? (double) value : ((double) ((value >>> 1) | (value & 1))) * 2.0;
  }

  private String text(int start) {
    return new String(slice, start, index - start, StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SerdeJson[at %d of %d]", index, length);
  }
}
