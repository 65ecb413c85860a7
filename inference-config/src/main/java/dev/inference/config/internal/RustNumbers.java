package dev.inference.config.internal;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Number parsing with the grammar of Rust's {@code f32::from_str} and {@code u32::from_str}. */
public final class RustNumbers {

  /** The largest u32. */
  public static final long U32_MAX = 4_294_967_295L;

  /**
   * The grammars, compiled on first use rather than when the class is: a config with numbers in
   * TOML, not in strings, never needs them, and compiling a pattern links lambdas inside the JDK on
   * the way to the first answer of {@code inference run} (bench/notes.md).
   */
  private static final class Grammar {
    // Rust's float grammar: sign, then inf/infinity/nan (any case) or a decimal with an exponent.
    // Java-only forms (1f, 1d, 0x1p3, underscores, surrounding spaces) do not match.
    static final Pattern DECIMAL =
        Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)");
    static final Pattern UNSIGNED = Pattern.compile("\\+?[0-9]+");

    private Grammar() {}
  }

  private RustNumbers() {}

  /**
   * Parses like {@code f32::from_str}; the value keeps double precision, but a value that is
   * infinite as an f32 is returned infinite, as Rust sees it.
   *
   * @param text the trimmed text
   * @return the value, possibly infinite or NaN, or empty if Rust would refuse the text
   */
  public static OptionalDouble parseF32(String text) {
    if (Grammar.SPECIAL.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
      boolean negative = text.startsWith("-");
      if (text.toLowerCase(Locale.ROOT).endsWith("nan")) {
        return OptionalDouble.of(Double.NaN);
      }
      return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (!Grammar.DECIMAL.matcher(text).matches()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(asF32Range(Double.parseDouble(text)));
  }

  /**
   * A double as Rust's {@code as f32} cast would see its magnitude: infinite when it overflows f32.
   *
   * @param value the value
   * @return the value, or an infinity
   */
  public static double asF32Range(double value) {
    return Float.isInfinite((float) value) && Double.isFinite(value)
        ? (value > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
        : value;
  }

  /** What {@link #parseU32(String)} found. */
  public enum U32 {
    /** Digits that fit. */
    OK,
    /** Digits (with an optional {@code +}) too large for a u32. */
    TOO_LARGE,
    /** Not an unsigned integer. */
    INVALID
  }

  /**
   * Classifies text as {@code u32::from_str} would read it.
   *
   * @param text the trimmed text
   * @return the class
   */
  public static U32 parseU32(String text) {
    if (!Grammar.UNSIGNED.matcher(text).matches()) {
      return U32.INVALID;
    }
    String digits = text.startsWith("+") ? text.substring(1) : text;
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (significant.length() > 10 || Long.parseLong(significant) > U32_MAX) {
      return U32.TOO_LARGE;
    }
    return U32.OK;
  }
}
