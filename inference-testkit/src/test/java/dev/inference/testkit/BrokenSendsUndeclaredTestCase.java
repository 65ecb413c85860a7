package dev.inference.testkit;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends what the guide's driver does not declare (tools, tool calls and results, images) anyway, as
 * text only, instead of failing with UNSUPPORTED: bytes go out for an undeclared capability.
 */
class BrokenSendsUndeclaredTestCase extends BrokenDrivers.BrokenKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.Forwarding(real) {
      @Override
      public InferenceResponse infer(InferenceRequest request) {
        return real.infer(textOnly(request));
      }

      @Override
      public InferenceStream stream(InferenceRequest request) {
        return real.stream(textOnly(request));
      }
    };
  }

  private static InferenceRequest textOnly(InferenceRequest request) {
    if (request.tools().isEmpty() && request.messages().stream().allMatch(Message::isTextOnly)) {
      return request;
    }
    List<Message> messages = new ArrayList<>();
    for (Message message : request.messages()) {
      List<Part.Text> texts = message.parts(Part.Text.class);
      if (!texts.isEmpty()) {
        messages.add(Message.of(message.role(), texts));
      }
    }
    return request.toBuilder().tools(List.of()).messages(messages).build();
  }
}
