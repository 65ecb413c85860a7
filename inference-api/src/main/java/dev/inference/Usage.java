package dev.inference;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Token counts a provider reported for one call.
 *
 * <p>Each count is present only when the provider sent it: a missing count is never invented as
 * zero. {@link InferenceResponse#usage()} is empty when the provider sent no usage at all.
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated, reasoning tokens included
 * @param totalTokens prompt plus completion, as the provider reported it
 * @param reasoningTokens the part of {@code completionTokens} spent on reasoning, when reported
 * @since 0.1
 */
public record Usage(
    OptionalLong promptTokens,
    OptionalLong completionTokens,
    OptionalLong totalTokens,
    OptionalLong reasoningTokens) {

  /**
   * Checks that every present count is zero or more.
   *
   * @param promptTokens tokens in the prompt
   * @param completionTokens tokens generated
   * @param totalTokens the total
   * @param reasoningTokens reasoning tokens
   */
  public Usage {
    check("promptTokens", promptTokens);
    check("completionTokens", completionTokens);
    check("totalTokens", totalTokens);
    check("reasoningTokens", reasoningTokens);
  }

  /**
   * Usage with all three main counts.
   *
   * @param promptTokens tokens in the prompt
   * @param completionTokens tokens generated
   * @param totalTokens the total
   * @return the usage
   */
  public static Usage of(long promptTokens, long completionTokens, long totalTokens) {
    return new Usage(
        OptionalLong.of(promptTokens),
        OptionalLong.of(completionTokens),
        OptionalLong.of(totalTokens),
        OptionalLong.empty());
  }

  /**
   * Usage from prompt and completion counts, either of which may be absent; the total is their sum
   * when both are present.
   *
   * @param promptTokens tokens in the prompt
   * @param completionTokens tokens generated
   * @return the usage
   * @throws IllegalArgumentException if a count is negative, or the sum does not fit in a {@code
   *     long}
   */
  public static Usage fromCounts(OptionalLong promptTokens, OptionalLong completionTokens) {
    Objects.requireNonNull(promptTokens, "promptTokens");
    Objects.requireNonNull(completionTokens, "completionTokens");
    OptionalLong total = OptionalLong.empty();
    // a negative count is left to the constructor, whose message names it
    if (promptTokens.isPresent()
        && completionTokens.isPresent()
        && promptTokens.getAsLong() >= 0
        && completionTokens.getAsLong() >= 0) {
      long prompt = promptTokens.getAsLong();
      long completion = completionTokens.getAsLong();
      try {
        total = OptionalLong.of(Math.addExact(prompt, completion));
      } catch (ArithmeticException overflow) {
        throw new IllegalArgumentException(
            "the sum of promptTokens and completionTokens overflows a long: "
                + prompt
                + " + "
                + completion,
            overflow);
      }
    }
    return new Usage(promptTokens, completionTokens, total, OptionalLong.empty());
  }

  /**
   * A copy with the reasoning count set.
   *
   * @param reasoningTokens the reasoning tokens
   * @return the new usage
   */
  public Usage withReasoningTokens(long reasoningTokens) {
    return new Usage(promptTokens, completionTokens, totalTokens, OptionalLong.of(reasoningTokens));
  }

  /**
   * Whether all of prompt, completion and total are present.
   *
   * @return {@code true} when the three main counts are known
   */
  public boolean isComplete() {
    return promptTokens.isPresent() && completionTokens.isPresent() && totalTokens.isPresent();
  }

  private static void check(String name, OptionalLong value) {
    Objects.requireNonNull(value, name);
    if (value.isPresent() && value.getAsLong() < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, but was " + value.getAsLong());
    }
  }
}
