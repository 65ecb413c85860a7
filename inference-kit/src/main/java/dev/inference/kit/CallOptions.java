package dev.inference.kit;

import dev.inference.InferenceRequest;
import dev.inference.ProviderSettings;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A request's options resolved against its profile: the request's temperature and token limit win,
 * the profile's fill in.
 *
 * @param settings the profile
 * @param temperature the temperature to send, if any
 * @param maxOutputTokens the token limit to send, if any
 * @since 0.2
 */
public record CallOptions(
    ProviderSettings settings, OptionalDouble temperature, OptionalLong maxOutputTokens) {

  /**
   * Resolves the request against the profile.
   *
   * @param request the request
   * @param settings the profile
   * @return the resolved options
   */
  public static CallOptions resolve(InferenceRequest request, ProviderSettings settings) {
    return new CallOptions(
        settings,
        request.temperature().isPresent() ? request.temperature() : settings.temperature(),
        request.maxOutputTokens().isPresent()
            ? request.maxOutputTokens()
            : settings.maxOutputTokens());
  }
}
