package dev.inference.kit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of {@code Retry-After} parsing: any header value, in either header, gives
 * a wait of zero or more or no hint, and never throws.
 */
class RetryAfterFuzzTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

  @FuzzTest(maxDuration = "60s")
  void parse(byte[] input) {
    String value = new String(input, UTF_8);
    for (String name : new String[] {"retry-after", "retry-after-ms"}) {
      Optional<Duration> wait =
          RetryAfter.parse(
              header -> header.equals(name) ? Optional.of(value) : Optional.empty(), CLOCK);
      wait.ifPresent(duration -> assertThat(duration).isGreaterThanOrEqualTo(Duration.ZERO));
    }
  }
}
