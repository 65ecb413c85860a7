package dev.inference;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Token counts a provider reported for one call.
 *
 * <p>Each count is present only when the provider sent it: a missing count is never invented as
 * zero. {@link InferenceResponse#usage()} is empty when the provider sent no usage at all. A final
 * class rather than a record, so that counts providers add later can join without breaking anyone.
 *
 * @since 0.1
 */
public final class Usage {

  /** A count the provider did not send; counts are never negative. */
  private static final long ABSENT = -1;

  // plain longs, not OptionalLongs: a response's usage is five objects fewer per call
  private final long promptTokens;
  private final long completionTokens;
  private final long totalTokens;
  private final long reasoningTokens;
  private final long cachedInputTokens;

  private Usage(
      OptionalLong promptTokens,
      OptionalLong completionTokens,
      OptionalLong totalTokens,
      OptionalLong reasoningTokens,
      OptionalLong cachedInputTokens) {
    this(
        check("promptTokens", promptTokens),
        check("completionTokens", completionTokens),
        check("totalTokens", totalTokens),
        check("reasoningTokens", reasoningTokens),
        check("cachedInputTokens", cachedInputTokens));
  }

  private Usage(
      long promptTokens,
      long completionTokens,
      long totalTokens,
      long reasoningTokens,
      long cachedInputTokens) {
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
    this.totalTokens = totalTokens;
    this.reasoningTokens = reasoningTokens;
    this.cachedInputTokens = cachedInputTokens;
  }

  /**
   * Usage with the three main counts as the provider sent them, any of which may be absent; the
   * total is kept as sent, not computed.
   *
   * @param promptTokens tokens in the prompt
   * @param completionTokens tokens generated
   * @param totalTokens the total the provider reported
   * @return the usage
   * @throws IllegalArgumentException if a present count is negative
   * @since 0.2
   */
  public static Usage of(
      OptionalLong promptTokens, OptionalLong completionTokens, OptionalLong totalTokens) {
    return new Usage(
        promptTokens, completionTokens, totalTokens, OptionalLong.empty(), OptionalLong.empty());
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
    return of(
        OptionalLong.of(promptTokens),
        OptionalLong.of(completionTokens),
        OptionalLong.of(totalTokens));
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
    return of(promptTokens, completionTokens, total);
  }

  /**
   * A copy with the reasoning count set.
   *
   * @param reasoningTokens the reasoning tokens
   * @return the new usage
   */
  public Usage withReasoningTokens(long reasoningTokens) {
    return new Usage(
        promptTokens,
        completionTokens,
        totalTokens,
        check("reasoningTokens", reasoningTokens),
        cachedInputTokens);
  }

  /**
   * A copy with the cached input count set: the part of {@code promptTokens} the provider served
   * from its prompt cache (OpenAI's {@code prompt_tokens_details.cached_tokens}).
   *
   * @param cachedInputTokens the cached input tokens
   * @return the new usage
   * @throws IllegalArgumentException if the count is negative
   * @since 0.2
   */
  public Usage withCachedInputTokens(long cachedInputTokens) {
    return new Usage(
        promptTokens,
        completionTokens,
        totalTokens,
        reasoningTokens,
        check("cachedInputTokens", cachedInputTokens));
  }

  /**
   * Tokens in the prompt.
   *
   * @return the count, or empty when the provider did not send it
   */
  public OptionalLong promptTokens() {
    return optional(promptTokens);
  }

  /**
   * Tokens generated, reasoning tokens included.
   *
   * @return the count, or empty when the provider did not send it
   */
  public OptionalLong completionTokens() {
    return optional(completionTokens);
  }

  /**
   * Prompt plus completion, as the provider reported it.
   *
   * @return the count, or empty when the provider did not send it
   */
  public OptionalLong totalTokens() {
    return optional(totalTokens);
  }

  /**
   * The part of {@link #completionTokens()} spent on reasoning.
   *
   * @return the count, or empty when the provider did not report it
   */
  public OptionalLong reasoningTokens() {
    return optional(reasoningTokens);
  }

  /**
   * The part of {@link #promptTokens()} served from the provider's prompt cache.
   *
   * @return the count, or empty when the provider did not report it
   * @since 0.2
   */
  public OptionalLong cachedInputTokens() {
    return optional(cachedInputTokens);
  }

  /**
   * Whether all of prompt, completion and total are present.
   *
   * @return {@code true} when the three main counts are known
   */
  public boolean isComplete() {
    return promptTokens != ABSENT && completionTokens != ABSENT && totalTokens != ABSENT;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Usage that
        && promptTokens == that.promptTokens
        && completionTokens == that.completionTokens
        && totalTokens == that.totalTokens
        && reasoningTokens == that.reasoningTokens
        && cachedInputTokens == that.cachedInputTokens;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        promptTokens(), completionTokens(), totalTokens(), reasoningTokens(), cachedInputTokens());
  }

  /**
   * The counts that are present, for logs and messages.
   *
   * @return for example {@code Usage[promptTokens=12, completionTokens=3, totalTokens=15]}
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Usage[");
    append(text, "promptTokens", promptTokens);
    append(text, "completionTokens", completionTokens);
    append(text, "totalTokens", totalTokens);
    append(text, "reasoningTokens", reasoningTokens);
    append(text, "cachedInputTokens", cachedInputTokens);
    return text.append(']').toString();
  }

  private static void append(StringBuilder text, String name, long value) {
    if (value != ABSENT) {
      text.append(text.length() > "Usage[".length() ? ", " : "")
          .append(name)
          .append('=')
          .append(value);
    }
  }

  private static OptionalLong optional(long count) {
    return count == ABSENT ? OptionalLong.empty() : OptionalLong.of(count);
  }

  private static long check(String name, OptionalLong value) {
    Objects.requireNonNull(value, name);
    return value.isPresent() ? check(name, value.getAsLong()) : ABSENT;
  }

  private static long check(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
    }
    return value;
  }
}
