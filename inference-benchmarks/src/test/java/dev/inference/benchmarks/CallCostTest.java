package dev.inference.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench/call-cost} counts something real for a raw baseline and this library. */
class CallCostTest {

  @Test
  void everyRoundCountsTheBytesOfItsCalls() throws Exception {
    for (String contender : List.of("raw-openai", "inference-openai")) {
      List<CallCost.Round> rounds = CallCost.measure(contender, "chat", 20, 2, 2, 20);
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

  @Test
  void aStreamReplyCountsStreamedCalls() throws Exception {
    // a 100-delta stream allocates per call far more than the short answer of a plain call
    List<CallCost.Round> chat = CallCost.measure("inference-ollama", "chat", 10, 1, 1, 10);
    List<CallCost.Round> streamed =
        CallCost.measure("inference-ollama", "stream:0:100", 10, 1, 1, 10);
    assertThat(streamed.get(0).callerBytes()).isGreaterThan(2 * chat.get(0).callerBytes());
  }
}
