package dev.inference.kit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a provider's retry hint from response headers.
 *
 * <p>{@code retry-after-ms} (integer or decimal milliseconds, sent by Azure and honoured first by
 * the Stainless SDKs) wins; then {@code retry-after} as delta-seconds (integer or decimal) or an
 * RFC 1123 HTTP-date, where a date in the past means zero. Invalid, negative or absurdly large
 * values are ignored.
 *
 * @since 0.2
 */
public final class RetryAfter {

  /** Unsigned decimal: digits, optionally a fraction. No sign, no exponent. */
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,9})?");

  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private RetryAfter() {}

  /**
   * The wait the provider asked for.
   *
   * @param header the first value of a response header by lower-case name
   * @param clock the clock an HTTP-date is measured against
   * @return the wait, zero or more, or empty when no valid hint was sent
   */
  public static Optional<Duration> parse(Function<String, Optional<String>> header, Clock clock) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(clock, "clock");
    Optional<Duration> millis =
        header.apply("retry-after-ms").flatMap(value -> decimal(value, 1_000_000L));
    if (millis.isPresent()) {
      return millis;
    }
    return header.apply("retry-after").flatMap(value -> secondsOrDate(value, clock));
  }

  private static Optional<Duration> secondsOrDate(String value, Clock clock) {
    Optional<Duration> seconds = decimal(value, 1_000_000_000L);
    if (seconds.isPresent()) {
      return seconds;
    }
    try {
      Instant date =
          ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), date);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> decimal(String value, long nanosPerUnit) {
    String text = value.strip();
    if (!DECIMAL.matcher(text).matches()) {
      return Optional.empty();
    }
    BigInteger nanos =
        new BigDecimal(text).multiply(BigDecimal.valueOf(nanosPerUnit)).toBigInteger();
    if (nanos.compareTo(MAX_NANOS) > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }
}
