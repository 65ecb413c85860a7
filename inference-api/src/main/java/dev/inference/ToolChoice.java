package dev.inference;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether and which tool the model must call.
 *
 * @since 0.2
 */
public final class ToolChoice {

  /** The kinds of choice. */
  public enum Kind {
    /** The model decides (the providers' default). */
    AUTO,
    /** The model must not call a tool. */
    NONE,
    /** The model must call at least one tool. */
    REQUIRED,
    /** The model must call the one named tool. */
    NAMED
  }

  private static final ToolChoice AUTO = new ToolChoice(Kind.AUTO, null);
  private static final ToolChoice NONE = new ToolChoice(Kind.NONE, null);
  private static final ToolChoice REQUIRED = new ToolChoice(Kind.REQUIRED, null);

  private final Kind kind;
  private final @Nullable String toolName;

  private ToolChoice(Kind kind, @Nullable String toolName) {
    this.kind = kind;
    this.toolName = toolName;
  }

  /**
   * The model decides.
   *
   * @return the choice
   */
  public static ToolChoice auto() {
    return AUTO;
  }

  /**
   * No tool.
   *
   * @return the choice
   */
  public static ToolChoice none() {
    return NONE;
  }

  /**
   * At least one tool.
   *
   * @return the choice
   */
  public static ToolChoice required() {
    return REQUIRED;
  }

  /**
   * This tool.
   *
   * @param toolName the name of a tool the request declares
   * @return the choice
   */
  public static ToolChoice named(String toolName) {
    Objects.requireNonNull(toolName, "toolName");
    if (toolName.isEmpty()) {
      throw new IllegalArgumentException("a named tool choice needs a tool name");
    }
    return new ToolChoice(Kind.NAMED, toolName);
  }

  /**
   * Parses the command-line form: {@code auto}, {@code none}, {@code required}, or a tool name.
   *
   * @param text the text
   * @return the choice
   */
  public static ToolChoice parse(String text) {
    switch (text) {
      case "auto":
        return AUTO;
      case "none":
        return NONE;
      case "required":
        return REQUIRED;
      default:
        return named(text);
    }
  }

  /**
   * The kind of choice.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The tool a {@link Kind#NAMED} choice names.
   *
   * @return the name, or empty for the other kinds
   */
  public Optional<String> toolName() {
    return Optional.ofNullable(toolName);
  }

  /** Fails when a request's tools cannot satisfy this choice. */
  void checkAgainst(List<Tool> tools) {
    if (kind == Kind.REQUIRED && tools.isEmpty()) {
      throw new IllegalStateException("toolChoice required needs tools: add them with addTool");
    }
    if (toolName != null && tools.stream().noneMatch(tool -> tool.name().equals(toolName))) {
      throw new IllegalStateException(
          "toolChoice names "
              + toolName
              + ", which is not among the tools "
              + tools.stream().map(Tool::name).toList());
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToolChoice that
        && kind == that.kind
        && Objects.equals(toolName, that.toolName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, toolName);
  }

  @Override
  public String toString() {
    return toolName == null ? kind.name().toLowerCase(java.util.Locale.ROOT) : toolName;
  }
}
