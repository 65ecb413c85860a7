package dev.inference.inferd.internal;

import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.Message;
import dev.inference.ProviderSettings;
import dev.inference.kit.CallOptions;
import dev.inference.kit.Json;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.Unsupported;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes protocol v1 request frames: one JSON object and {@code '\n'}. Everything the daemon would
 * refuse, and everything v1 cannot carry, fails here, before any byte is sent.
 */
final class InferdRequests {

  private final ProviderSettings settings;
  private final String providerName;
  private final OptionalLong topK;
  private final OptionalLong imageTokenBudget;
  private final Optional<String> grammar;

  InferdRequests(ProviderSettings settings, String providerName) {
    this.settings = settings;
    this.providerName = providerName;
    this.topK = optionalLong(InferdKeys.TOP_K.from(settings));
    this.imageTokenBudget = optionalLong(InferdKeys.IMAGE_TOKEN_BUDGET.from(settings));
    this.grammar = InferdKeys.GRAMMAR.from(settings);
    Optional<String> problem =
        grammar.isPresent() ? InferdKeys.grammarProblem(grammar.get()) : Optional.empty();
    if (problem.isPresent()) {
      throw new IllegalArgumentException(
          "option 'grammar' is over the daemon's limits: " + problem.get() + "; shorten it");
    }
  }

  private static OptionalLong optionalLong(Optional<Long> value) {
    return value.isPresent() ? OptionalLong.of(value.get()) : OptionalLong.empty();
  }

  /**
   * The request frame.
   *
   * @param request the request, already checked against the capabilities
   * @param stream whether to ask for tokens as they come
   * @return the frame's bytes, ending with {@code '\n'}
   * @throws InferenceException UNSUPPORTED for what v1 cannot carry
   */
  byte[] frame(InferenceRequest request, boolean stream) {
    check(request);
    CallOptions options = CallOptions.resolve(request, settings);
    try {
      byte[] json = Json.write(out -> write(out, request, options, stream));
      byte[] line = Arrays.copyOf(json, json.length + 1);
      line[json.length] = '\n';
      return line;
    } catch (IOException cannotHappen) {
      throw new UncheckedIOException(cannotHappen);
    }
  }

  private void check(InferenceRequest request) {
    for (Message message : request.messages()) {
      if (wireRole(message).isEmpty()) {
        throw Unsupported.because(
            request,
            providerName,
            "take "
                + message.role()
                + " messages: protocol v1 has system, user and assistant only");
      }
    }
    if (!request.stop().isEmpty()) {
      throw Unsupported.because(
          request, providerName, "stop at stop sequences: protocol v1 has no stop field");
    }
    if (request.seed().isPresent()) {
      throw Unsupported.because(
          request, providerName, "take a seed: protocol v1 has no seed field");
    }
  }

  private static Optional<String> wireRole(Message message) {
    switch (message.role()) {
      case SYSTEM:
        return Optional.of("system");
      case USER:
        return Optional.of("user");
      case ASSISTANT:
        return Optional.of("assistant");
      default:
        return Optional.empty();
    }
  }

  private void write(JsonWriter out, InferenceRequest request, CallOptions options, boolean stream)
      throws IOException {
    out.startObject();
    out.field("id", request.requestId());
    out.startArray("messages");
    for (Message message : request.messages()) {
      out.startObject()
          .field("role", wireRole(message).orElseThrow())
          .field("content", message.text())
          .endObject();
    }
    out.endArray();
    if (options.temperature().isPresent()) {
      out.field("temperature", options.temperature().getAsDouble());
    }
    if (request.topP().isPresent()) {
      out.field("top_p", request.topP().getAsDouble());
    }
    if (topK.isPresent()) {
      out.field("top_k", topK.getAsLong());
    }
    if (options.maxOutputTokens().isPresent()) {
      out.field("max_tokens", options.maxOutputTokens().getAsLong());
    }
    out.field("stream", stream);
    if (imageTokenBudget.isPresent()) {
      out.field("image_token_budget", imageTokenBudget.getAsLong());
    }
    if (grammar.isPresent()) {
      out.field("grammar", grammar.get());
    }
    out.endObject();
  }

  /**
   * The auth frame a TCP connection starts with when the profile has a key.
   *
   * @param key the key's value; only ever written to the socket
   * @return the frame's bytes, ending with {@code '\n'}
   */
  static byte[] authFrame(String key) {
    try {
      byte[] json =
          Json.write(out -> out.startObject().field("type", "auth").field("key", key).endObject());
      byte[] line = Arrays.copyOf(json, json.length + 1);
      line[json.length] = '\n';
      return line;
    } catch (IOException cannotHappen) {
      throw new UncheckedIOException(cannotHappen);
    }
  }
}
