package dev.inference;

/**
 * What shape of answer a request asks for.
 *
 * @since 0.1
 */
public enum ResponseMode {
  /** Free text. {@link InferenceResponse#parsedJson()} is always empty. */
  TEXT,
  /**
   * One JSON object. The provider is asked for JSON, and the object is parsed into {@link
   * InferenceResponse#parsedJson()}; prose or code fences around it are tolerated.
   */
  JSON_OBJECT,
  /**
   * One JSON object that follows the schema given with {@link InferenceRequest.Builder#jsonSchema}.
   */
  JSON_SCHEMA;

  /**
   * The lower-case wire name, as the bitloops protocol writes it ({@code json_object}).
   *
   * @return the wire name, never {@code null}
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
