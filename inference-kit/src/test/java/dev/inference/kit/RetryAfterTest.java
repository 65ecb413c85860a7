package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  /** Wed, 21 Oct 2015 07:28:00 GMT. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

  private static Optional<Duration> parse(Map<String, String> headers) {
    Function<String, Optional<String>> header = name -> Optional.ofNullable(headers.get(name));
    return RetryAfter.parse(header, CLOCK);
  }

  @Test
  void deltaSeconds() {
    assertThat(parse(Map.of("retry-after", "2"))).hasValue(Duration.ofSeconds(2));
    assertThat(parse(Map.of("retry-after", "0"))).hasValue(Duration.ZERO);
    assertThat(parse(Map.of("retry-after", " 20 "))).hasValue(Duration.ofSeconds(20));
  }

  @Test
  void decimalSeconds() {
    assertThat(parse(Map.of("retry-after", "1.5"))).hasValue(Duration.ofMillis(1500));
    assertThat(parse(Map.of("retry-after", "0.120"))).hasValue(Duration.ofMillis(120));
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    assertThat(parse(Map.of("retry-after-ms", "120", "retry-after", "5")))
        .hasValue(Duration.ofMillis(120));
    assertThat(parse(Map.of("retry-after-ms", "1.5"))).hasValue(Duration.ofNanos(1_500_000));
  }

  @Test
  void invalidRetryAfterMsFallsBackToRetryAfter() {
    assertThat(parse(Map.of("retry-after-ms", "soon", "retry-after", "3")))
        .hasValue(Duration.ofSeconds(3));
    assertThat(parse(Map.of("retry-after-ms", "-5", "retry-after", "3")))
        .hasValue(Duration.ofSeconds(3));
  }

  @Test
  void httpDateInTheFuture() {
    assertThat(parse(Map.of("retry-after", "Wed, 21 Oct 2015 07:28:30 GMT")))
        .hasValue(Duration.ofSeconds(30));
  }

  @Test
  void httpDateInThePastMeansZero() {
    assertThat(parse(Map.of("retry-after", "Tue, 20 Oct 2015 07:28:00 GMT")))
        .hasValue(Duration.ZERO);
  }

  @Test
  void invalidOrNegativeValuesAreIgnored() {
    for (String bad :
        new String[] {
          "-1",
          "-0.5",
          "1e3",
          "+3",
          "",
          "  ",
          "soon",
          "1,5",
          "2s",
          "Yesterday",
          "NaN",
          "0x10",
          "99999999999999999999"
        }) {
      assertThat(parse(Map.of("retry-after", bad))).as("retry-after: '%s'", bad).isEmpty();
      assertThat(parse(Map.of("retry-after-ms", bad))).as("retry-after-ms: '%s'", bad).isEmpty();
    }
  }

  @Test
  void noHeadersMeansEmpty() {
    assertThat(parse(Map.of())).isEmpty();
    assertThat(parse(Map.of("x-ratelimit-reset-requests", "1s"))).isEmpty();
  }
}
