package dev.inference.anthropic.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ResponseFormat;
import dev.inference.Role;
import dev.inference.Tool;
import dev.inference.ToolChoice;
import dev.inference.kit.CallOptions;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.Unsupported;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a Messages request. System messages are gathered into the top-level {@code system};
 * consecutive turns of one role (tool results and the user text after them) are merged, since the
 * API wants user and assistant turns to alternate; {@code max_tokens} is always sent.
 */
final class AnthropicRequests {

  /** The output-token limit sent when neither the request nor the profile sets one. */
  static final long DEFAULT_MAX_TOKENS = 4096;

  /** What a JSON_OBJECT request adds to the system prompt: the API has no JSON-object mode. */
  static final String JSON_OBJECT_INSTRUCTION =
      "Answer with a single JSON object and nothing else: no prose, no code fences.";

  private final Optional<Long> thinkingBudget;
  private final boolean structuredOutputs;
  private final Optional<String> userId;

  AnthropicRequests(
      Optional<Long> thinkingBudget, boolean structuredOutputs, Optional<String> userId) {
    this.thinkingBudget = thinkingBudget;
    this.structuredOutputs = structuredOutputs;
    this.userId = userId;
  }

  void write(JsonWriter out, InferenceRequest request, CallOptions call, boolean stream)
      throws IOException {
    long maxTokens = maxTokens(request, call);
    if (thinkingBudget.isPresent()) {
      checkThinkingWithTools(request);
    }
    out.startObject();
    out.field("model", call.settings().model());
    out.field("max_tokens", maxTokens);
    String system = system(request);
    if (!system.isEmpty()) {
      out.field("system", system);
    }
    out.startArray("messages");
    for (Turn turn : turns(request.messages())) {
      turn.write(out);
    }
    out.endArray();
    if (call.temperature().isPresent() && thinkingBudget.isEmpty()) {
      out.field("temperature", call.temperature().getAsDouble());
    }
    if (request.topP().isPresent()) {
      out.field("top_p", request.topP().getAsDouble());
    }
    if (!request.stop().isEmpty()) {
      out.startArray("stop_sequences");
      for (String sequence : request.stop()) {
        out.value(sequence);
      }
      out.endArray();
    }
    if (userId.isPresent()) {
      out.startObject("metadata");
      out.field("user_id", userId.get());
      out.endObject();
    }
    if (thinkingBudget.isPresent()) {
      out.startObject("thinking");
      out.field("type", "enabled");
      out.field("budget_tokens", thinkingBudget.get());
      out.endObject();
    }
    if (structuredOutputs && request.responseFormat() instanceof ResponseFormat.Schema schema) {
      out.startObject("output_config");
      out.startObject("format");
      out.field("type", "json_schema");
      out.field("schema", schema.schema().schema());
      out.endObject();
      out.endObject();
    }
    writeTools(out, request);
    if (stream) {
      out.field("stream", true);
    }
    out.endObject();
  }

  /**
   * The request's limit, else the profile's, else {@link #DEFAULT_MAX_TOKENS} (with thinking on:
   * the budget plus that default); a thinking budget must stay below it.
   */
  private long maxTokens(InferenceRequest request, CallOptions call) {
    if (call.maxOutputTokens().isEmpty()) {
      return thinkingBudget.map(budget -> budget + DEFAULT_MAX_TOKENS).orElse(DEFAULT_MAX_TOKENS);
    }
    long maxTokens = call.maxOutputTokens().getAsLong();
    if (thinkingBudget.isPresent() && thinkingBudget.get() >= maxTokens) {
      throw InferenceException.builder(
              ErrorKind.INVALID_REQUEST,
              "anthropic needs thinking_budget_tokens ("
                  + thinkingBudget.get()
                  + ") below the output-token limit ("
                  + maxTokens
                  + "); raise the request's maxOutputTokens or lower the budget")
          .providerName(AnthropicDialect.PROVIDER_NAME)
          .requestId(request.requestId())
          .build();
    }
    return maxTokens;
  }

  /**
   * With extended thinking, Anthropic takes no forced tool choice, and a tool call sent back must
   * come with the signed thinking block that preceded it, which the library does not keep yet: both
   * are refused here, before any byte, instead of a 400 from the API.
   */
  private static void checkThinkingWithTools(InferenceRequest request) {
    ToolChoice.Kind choice = request.toolChoice().kind();
    if (choice == ToolChoice.Kind.REQUIRED || choice == ToolChoice.Kind.NAMED) {
      throw Unsupported.because(
          request,
          AnthropicDialect.PROVIDER_NAME,
          "force a tool (tool choice "
              + request.toolChoice()
              + ") with extended thinking on: leave the tool choice auto, or turn"
              + " thinking_budget_tokens off for this profile");
    }
    for (Message message : request.messages()) {
      if (!message.parts(Part.ToolCall.class).isEmpty()) {
        throw Unsupported.because(
            request,
            AnthropicDialect.PROVIDER_NAME,
            "send tool calls back with extended thinking on: the API wants each call's signed"
                + " thinking block, which this version does not keep; use a profile without"
                + " thinking_budget_tokens for tool loops");
      }
    }
  }

  /** The system messages' text, then what a JSON mode without the API's own asks for. */
  private String system(InferenceRequest request) {
    List<String> parts = new ArrayList<>();
    for (Message message : request.messages()) {
      if (message.role() == Role.SYSTEM && !message.text().isEmpty()) {
        parts.add(message.text());
      }
    }
    ResponseFormat format = request.responseFormat();
    if (format.kind() == ResponseFormat.Kind.JSON_OBJECT) {
      parts.add(JSON_OBJECT_INSTRUCTION);
    } else if (format instanceof ResponseFormat.Schema schema && !structuredOutputs) {
      parts.add(
          "Answer with a single JSON object that matches this JSON schema, and nothing else: "
              + schema.schema().schema().toJson());
    }
    return parts.size() == 1 ? parts.get(0) : String.join("\n\n", parts);
  }

  /** The conversation as alternating turns; tool results are user turns. */
  private static List<Turn> turns(List<Message> messages) {
    List<Turn> turns = new ArrayList<>(messages.size());
    for (Message message : messages) {
      if (message.role() == Role.SYSTEM) {
        continue;
      }
      String role = message.role() == Role.ASSISTANT ? "assistant" : "user";
      Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
      if (last != null && last.role.equals(role)) {
        turns.set(turns.size() - 1, last.merged(message.parts()));
      } else {
        turns.add(new Turn(role, message.parts())); // a message's parts are immutable: no copy
      }
    }
    return turns;
  }

  /** One turn: its role and parts, written as a string when it is one text. */
  private record Turn(String role, List<Part> parts) {

    /** This turn with the parts of the next message of the same role after its own. */
    Turn merged(List<Part> more) {
      List<Part> all = new ArrayList<>(parts.size() + more.size());
      all.addAll(parts);
      all.addAll(more);
      return new Turn(role, all);
    }

    void write(JsonWriter out) throws IOException {
      out.startObject();
      out.field("role", role);
      if (parts.size() == 1 && parts.get(0) instanceof Part.Text text) {
        out.field("content", text.text());
      } else {
        out.startArray("content");
        // tool results first: the API wants them at the start of their user turn
        for (Part part : parts) {
          if (part instanceof Part.ToolResult result) {
            AnthropicBlocks.toolResult(out, result);
          }
        }
        for (Part part : parts) {
          if (!(part instanceof Part.ToolResult)) {
            AnthropicBlocks.write(out, part);
          }
        }
        out.endArray();
      }
      out.endObject();
    }
  }

  /** {@code tools} with {@code input_schema}, then {@code tool_choice} unless it is the default. */
  private void writeTools(JsonWriter out, InferenceRequest request) throws IOException {
    if (request.tools().isEmpty()) {
      return;
    }
    out.startArray("tools");
    for (Tool tool : request.tools()) {
      out.startObject();
      out.field("name", tool.name());
      if (!tool.description().isEmpty()) {
        out.field("description", tool.description());
      }
      out.field("input_schema", tool.parameters());
      if (tool.strict() && structuredOutputs) {
        out.field("strict", true);
      }
      out.endObject();
    }
    out.endArray();
    ToolChoice choice = request.toolChoice();
    boolean serial = request.parallelToolCalls().filter(parallel -> !parallel).isPresent();
    String type =
        switch (choice.kind()) {
          case NONE -> "none";
          case REQUIRED -> "any";
          case NAMED -> "tool";
          default -> serial ? "auto" : "";
        };
    if (type.isEmpty()) {
      return;
    }
    out.startObject("tool_choice");
    out.field("type", type);
    if (choice.kind() == ToolChoice.Kind.NAMED) {
      out.field("name", choice.toolName().orElseThrow());
    }
    if (serial && choice.kind() != ToolChoice.Kind.NONE) {
      out.field("disable_parallel_tool_use", true);
    }
    out.endObject();
  }
}
