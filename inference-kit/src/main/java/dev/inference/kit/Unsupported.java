package dev.inference.kit;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.Message;
import dev.inference.Part;
import java.util.Optional;

/**
 * The check every call makes before its first byte: a request that needs what the driver does not
 * declare in its {@link Capabilities} (a response format, tools, parallel tool calls, images) fails
 * with {@link ErrorKind#UNSUPPORTED}, saying what and what to do, instead of reaching a provider
 * that would ignore it or answer with an obscure error.
 *
 * @since 0.2
 */
public final class Unsupported {

  private Unsupported() {}

  /**
   * Fails when the driver cannot send the request.
   *
   * @param request the request
   * @param capabilities what the driver declares
   * @param providerName the provider's name, for the message
   * @throws InferenceException of kind {@link ErrorKind#UNSUPPORTED}
   */
  public static void check(
      InferenceRequest request, Capabilities capabilities, String providerName) {
    Optional<String> missing = missing(request, capabilities);
    if (missing.isPresent()) {
      throw because(request, providerName, missing.get());
    }
  }

  /**
   * The error for a request a dialect finds it cannot write, such as an option its provider lacks;
   * thrown from {@code writeRequest}, it fails the call before any byte goes out.
   *
   * @param request the request
   * @param providerName the provider's name
   * @param what what the provider cannot do and what to do instead, as the end of a sentence
   *     ("cannot ...")
   * @return the error, of kind {@link ErrorKind#UNSUPPORTED}, to throw
   */
  public static InferenceException because(
      InferenceRequest request, String providerName, String what) {
    return InferenceException.builder(ErrorKind.UNSUPPORTED, providerName + " cannot " + what)
        .providerName(providerName)
        .requestId(request.requestId())
        .build();
  }

  /**
   * What the request needs that the capabilities lack.
   *
   * @param request the request
   * @param capabilities what the driver declares
   * @return what it cannot do, as the end of a sentence ("cannot ..."), or empty
   */
  public static Optional<String> missing(InferenceRequest request, Capabilities capabilities) {
    if (!capabilities.supports(request.responseFormat().kind())) {
      return Optional.of(
          "answer in the "
              + request.responseFormat().kind().wireName()
              + " response format: use one of "
              + capabilities.responseFormats());
    }
    boolean toolsUsed = !request.tools().isEmpty();
    if (!capabilities.tools()) {
      if (toolsUsed) {
        return Optional.of("call tools: send the request without tools, or use a driver that can");
      }
    } else if (request.parallelToolCalls().isPresent() && !capabilities.parallelToolCalls()) {
      return Optional.of("be told about parallel tool calls: leave parallelToolCalls unset");
    }
    for (Message message : request.messages()) {
      for (Part part : message.parts()) {
        Optional<String> lacking = missing(part, capabilities);
        if (lacking.isPresent()) {
          return lacking;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> missing(Part part, Capabilities capabilities) {
    if (part instanceof Part.Image image) {
      if (!capabilities.imageInput()) {
        return Optional.of("read images: send text only, or use a driver that takes images");
      }
      if (!image.isInline() && !capabilities.imageUrls()) {
        return Optional.of(
            "fetch images by URL: read the bytes and send them with Part.Image.inline(bytes,"
                + " mediaType)");
      }
    } else if ((part instanceof Part.ToolCall || part instanceof Part.ToolResult)
        && !capabilities.tools()) {
      return Optional.of("send tool calls or tool results: this driver has no tools");
    }
    return Optional.empty();
  }
}
