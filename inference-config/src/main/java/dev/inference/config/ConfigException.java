package dev.inference.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A config that cannot be used, with every problem found, not only the first. The message has one
 * line per problem, {@code path (line:column): message}, and never contains a secret.
 *
 * @since 0.1
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The problems; a list copy, which is serializable. */
  @SuppressWarnings("serial") // List.copyOf returns a serializable list
  private final List<ConfigProblem> problems;

  /**
   * A config exception with the given problems.
   *
   * @param problems at least one problem, in the order to report them
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ConfigException(List<ConfigProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<ConfigProblem> problems) {
    Objects.requireNonNull(problems, "problems");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
  }

  /**
   * Every problem found, in order of position in the file.
   *
   * @return an unmodifiable list, never empty
   */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
