package dev.inference.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench/call-cost} counts something real for a raw baseline and this library. */
class CallCostTest {

  @Test
  void everyRoundCountsTheBytesOfItsCalls() throws Exception {
    for (String contender : List.of("raw-openai", "inference-openai")) {
      List<CallCost.Round> rounds = CallCost.measure(contender, 20, 2, 2, 20);
      assertThat(rounds)
          .hasSize(2)
          .allSatisfy(
              round -> {
                assertThat(round.contender()).isEqualTo(contender);
                // a call reads and writes JSON over HTTP: kilobytes, on the caller's thread too
                assertThat(round.callerBytes()).isGreaterThan(1_000);
                assertThat(round.allBytes()).isGreaterThanOrEqualTo(round.callerBytes());
                assertThat(round.toString()).startsWith(contender).contains(" B  all threads ");
                assertThat(round.cpuMicros()).isPositive();
              });
    }
  }
}
