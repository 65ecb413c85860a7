package dev.inference.spring;

import java.util.List;
import java.util.Objects;

/**
 * The {@code inference.*} settings cannot be used: start-up fails with every problem found, each
 * naming the property (or the TOML path and line:column of the config file) and what is allowed. No
 * message contains an API key.
 *
 * @since 0.2
 */
public final class InferenceConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The problems, one line each; a list copy, which is serializable. */
  @SuppressWarnings("serial") // List.copyOf returns a serializable list
  private final List<String> problems;

  /** What to do about them. */
  private final String action;

  /**
   * An exception with the given problems.
   *
   * @param problems at least one problem, one line each
   * @param action what to change
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public InferenceConfigurationException(List<String> problems, String action) {
    super(message(problems));
    this.problems = List.copyOf(problems);
    this.action = Objects.requireNonNull(action, "action");
  }

  private static String message(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InferenceConfigurationException needs a problem");
    }
    return "the inference settings cannot be used:\n  " + String.join("\n  ", problems);
  }

  /**
   * Every problem, one line each: {@code inference.profiles.fast.temperature: ...}.
   *
   * @return an unmodifiable list, never empty
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * What to change to fix the problems.
   *
   * @return the advice
   */
  public String action() {
    return action;
  }
}
