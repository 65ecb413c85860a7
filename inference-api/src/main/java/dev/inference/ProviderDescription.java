package dev.inference;

import dev.inference.internal.UserInfo;
import java.util.Objects;

/**
 * What a client talks to, as {@link InferenceClient#describe()} reports it without any network call
 * and without any secret.
 *
 * @param kind the wire dialect ({@code openai_chat_completions}, {@code ollama_chat})
 * @param providerName who serves it ({@code openai}, {@code ollama}, {@code bitloops})
 * @param modelName the configured model
 * @param endpoint the endpoint requests go to; any user info in it ({@code user:token@}) is kept
 *     only as {@code ****}
 * @param capabilities what the driver supports
 * @since 0.1
 */
public record ProviderDescription(
    String kind,
    String providerName,
    String modelName,
    String endpoint,
    Capabilities capabilities) {

  /**
   * Checks the components.
   *
   * @param kind the wire dialect
   * @param providerName who serves it
   * @param modelName the configured model
   * @param endpoint the endpoint
   * @param capabilities what the driver supports
   */
  public ProviderDescription {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(providerName, "providerName");
    Objects.requireNonNull(modelName, "modelName");
    endpoint = UserInfo.redact(Objects.requireNonNull(endpoint, "endpoint"));
    Objects.requireNonNull(capabilities, "capabilities");
  }
}
