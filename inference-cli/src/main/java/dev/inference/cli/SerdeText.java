package dev.inference.cli;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * serde's words for what it found and what it wanted ({@code serde::de::Unexpected} as serde_json
 * 1.0.149 prints it, {@code Expected}, {@code OneOf}), so that messages read exactly as the
 * original's.
 */
final class SerdeText {

  private SerdeText() {}

  /** {@code Error::invalid_type}: {@code invalid type: <found>, expected <expected>}. */
  static String invalidType(SerdeJson.Content found, String expected) {
    return "invalid type: " + unexpected(found) + ", expected " + expected;
  }

  /** {@code Error::invalid_value}. */
  static String invalidValue(SerdeJson.Content found, String expected) {
    return "invalid value: " + unexpected(found) + ", expected " + expected;
  }

  static String missingField(String field) {
    return "missing field `" + field + "`";
  }

  static String duplicateField(String field) {
    return "duplicate field `" + field + "`";
  }

  /** {@code Error::unknown_variant} with serde's {@code OneOf} list. */
  static String unknownVariant(String variant, List<String> expected) {
    StringBuilder out = new StringBuilder("unknown variant `").append(variant).append("`, ");
    if (expected.size() == 2) {
      out.append("expected `").append(expected.get(0)).append("` or `");
      return out.append(expected.get(1)).append('`').toString();
    }
    out.append("expected one of ");
    for (int i = 0; i < expected.size(); i++) {
      out.append(i == 0 ? "" : ", ").append('`').append(expected.get(i)).append('`');
    }
    return out.toString();
  }

  /** serde_json's {@code JsonUnexpected}. */
  static String unexpected(SerdeJson.Content found) {
    if (found instanceof SerdeJson.Unit) {
      return "null";
    }
    if (found instanceof SerdeJson.Bool bool) {
      return "boolean `" + bool.value() + "`";
    }
    if (found instanceof SerdeJson.U64 number) {
      return "integer `" + Long.toUnsignedString(number.value()) + "`";
    }
    if (found instanceof SerdeJson.I64 number) {
      return "integer `" + number.value() + "`";
    }
    if (found instanceof SerdeJson.F64 number) {
      return "floating point `" + floatText(number.value()) + "`";
    }
    if (found instanceof SerdeJson.Str string) {
      return "string " + debug(string.value());
    }
    return found instanceof SerdeJson.Seq ? "sequence" : "map";
  }

  /**
   * The shortest text that reads back as {@code value}, laid out as serde_json 1.0.149 prints a
   * float in an error (the zmij crate 1.0.21, the versions of the original's {@code Cargo.lock}):
   * {@code 0.1}, {@code 2.0}, {@code 1e+20}, {@code 1.5e-7}.
   */
  static String floatText(double value) {
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    String sign = value < 0 ? "-" : "";
    double magnitude = Math.abs(value);
    BigDecimal shortest = null;
    for (int precision = 1; precision <= 17 && shortest == null; precision++) {
      String candidate = String.format(Locale.ROOT, "%." + (precision - 1) + "e", magnitude);
      if (Double.parseDouble(candidate) == magnitude) {
        shortest = new BigDecimal(candidate).stripTrailingZeros();
      }
    }
    String digits = shortest.unscaledValue().toString();
    int length = digits.length();
    int k = -shortest.scale();
    int kk = length + k;
    String out;
    if (k >= 0 && kk <= 16) {
      out = digits + "0".repeat(k) + ".0";
    } else if (kk > 0 && kk <= 16) {
      out = digits.substring(0, kk) + "." + digits.substring(kk);
    } else if (kk > -5 && kk <= 0) {
      out = "0." + "0".repeat(-kk) + digits;
    } else if (length == 1) {
      out = digits + exponent(kk - 1);
    } else {
      out = digits.charAt(0) + "." + digits.substring(1) + exponent(kk - 1);
    }
    return sign + out;
  }

  private static String exponent(int exponent) {
    return exponent < 0 ? "e" + exponent : "e+" + exponent;
  }

  /** Rust's {@code {:?}} of a string: quoted, with Rust's escapes. */
  static String debug(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    value
        .codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case 0 -> out.append("\\0");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                  if (printable(cp)) {
                    out.appendCodePoint(cp);
                  } else {
                    out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /** Close to Rust's {@code is_printable} plus its escape of grapheme extenders. */
  private static boolean printable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK ->
          false;
      default -> true;
    };
  }
}
