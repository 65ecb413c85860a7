package dev.inference.stub;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a reply of the {@link Dialect#OPENAI OpenAI dialect} puts its reasoning, so the stub can
 * imitate each OpenAI-compatible server: the API itself sends no reasoning text.
 *
 * @since 0.2
 */
public enum ReasoningField {
  /** {@code message.reasoning_content} and {@code delta.reasoning_content}: DeepSeek, llama.cpp. */
  REASONING_CONTENT,
  /** {@code message.reasoning} and {@code delta.reasoning}: vLLM, Groq, OpenRouter, Ollama /v1. */
  REASONING,
  /**
   * Content parts: {@code message.content} is {@code [{"type":"thinking","thinking":[{"type":
   * "text","text":..}]},{"type":"text","text":..}]}, as Mistral's Magistral sends it; a stream
   * sends the thinking part as the first content delta.
   */
  CONTENT_PARTS;

  /**
   * The name used in a reply's JSON form: {@code reasoning_content}, {@code reasoning} or {@code
   * content_parts}.
   *
   * @return the lower-case name
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The field of a JSON name.
   *
   * @param name {@code reasoning_content}, {@code reasoning} or {@code content_parts}
   * @return the field
   * @throws IllegalArgumentException for any other name, listing the known ones
   */
  public static ReasoningField fromJsonName(String name) {
    for (ReasoningField field : values()) {
      if (field.jsonName().equals(name)) {
        return field;
      }
    }
    throw new IllegalArgumentException(
        "unknown reasoning field '"
            + name
            + "'; known fields: "
            + Arrays.stream(values())
                .map(ReasoningField::jsonName)
                .collect(Collectors.joining(", ")));
  }
}
