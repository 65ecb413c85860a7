package dev.inference.cli;

import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonSchema;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import dev.inference.ToolChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infer}: one prompt. */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = {
      "Sends one prompt (the argument, else stdin) and prints the answer.",
      "--output text prints the text (tokens as they arrive with --stream); --output json prints"
          + " the protocol's infer line (and its delta lines with --stream).",
      "--tools FILE offers tools (a JSON array of {\"name\",\"description\",\"parameters\"});"
          + " the calls the model asks for are printed, one line each (text) or as \"tool_calls\""
          + " (json), and exit 0.",
      "Failures go to stderr (and as the protocol's error line with --output json); the exit code"
          + " tells their kind (see inference --help)."
    })
final class InferCommand extends BaseCommand {

  enum Output {
    text,
    json
  }

  @Parameters(arity = "0..1", paramLabel = "PROMPT", description = "The prompt; default: stdin.")
  @Nullable String prompt;

  @Option(names = "--system", paramLabel = "TEXT", description = "The system prompt.")
  @Nullable String system;

  @Option(names = "--json", description = "Ask for a JSON object (response mode json_object).")
  boolean json;

  @Option(
      names = "--schema",
      paramLabel = "FILE",
      description = "Ask for JSON that follows this JSON schema (response mode json_schema).")
  @Nullable Path schema;

  @Option(names = "--temperature", paramLabel = "T", description = "Overrides the profile.")
  @Nullable Double temperature;

  @Option(names = "--max-output-tokens", paramLabel = "N", description = "Overrides the profile.")
  @Nullable Long maxOutputTokens;

  @Option(
      names = "--tools",
      paramLabel = "FILE",
      description =
          "Offer these tools: a JSON array of {\"name\",\"description\",\"parameters\"}, the"
              + " parameters a JSON schema.")
  @Nullable Path tools;

  @Option(
      names = "--tool-choice",
      paramLabel = "CHOICE",
      description = "auto (default), none, required, or the name of one tool.")
  @Nullable String toolChoice;

  @Option(
      names = "--image",
      paramLabel = "FILE_OR_URL",
      description =
          "An image for the prompt (repeatable): a .png, .jpg, .jpeg, .gif or .webp file, or an"
              + " http(s) URL.")
  List<String> images = new ArrayList<>();

  @Option(names = "--stream", description = "Print the tokens as they arrive.")
  boolean stream;

  @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
  Output output = Output.text;

  InferCommand(Env env) {
    super(env);
  }

  @Override
  int execute() {
    InferenceRequest request;
    try {
      request = request();
    } catch (IllegalArgumentException | IllegalStateException | IOException bad) {
      env.err().println("inference infer: " + bad.getMessage());
      return ExitCodes.USAGE;
    }
    Loaded loaded = load(ExitCodes.CONFIG);
    String kind = "";
    try (InferenceClient client = connect(loaded, ExitCodes.CONFIG)) {
      kind = client.describe().kind();
      if (stream) {
        stream(client, request);
      } else {
        InferenceResponse response = client.infer(request);
        if (output == Output.json) {
          env.out().println(ToolCallsOutput.inferLine(request.requestId(), response));
        } else {
          if (!response.text().isEmpty() || response.toolCalls().isEmpty()) {
            env.out().println(response.text());
          }
          ToolCallsOutput.print(env.out(), response.toolCalls());
        }
        env.out().flush();
      }
      return ExitCodes.OK;
    } catch (InferenceException raw) {
      InferenceException failure = explain(loaded, raw);
      if (output == Output.json) {
        env.out().println(OriginalErrors.line(request.requestId(), failure, kind));
        env.out().flush();
      }
      env.err().println("inference infer: " + failure.getMessage());
      return ExitCodes.of(failure.kind());
    }
  }

  private void stream(InferenceClient client, InferenceRequest request) {
    String id = request.requestId();
    boolean endsWithNewline = true;
    try (InferenceStream events = client.stream(request)) {
      for (StreamEvent event : events) {
        if (event instanceof StreamEvent.TextDelta delta) {
          if (output == Output.json) {
            env.out().println(Protocol.textDelta(id, delta.text()));
          } else {
            env.out().print(delta.text());
            endsWithNewline = delta.text().endsWith("\n");
          }
        } else if (event instanceof StreamEvent.ReasoningDelta delta) {
          if (output == Output.json) {
            env.out().println(Protocol.reasoningDelta(id, delta.text()));
          }
        } else if (event instanceof StreamEvent.Completed completed) {
          if (output == Output.json) {
            env.out().println(ToolCallsOutput.inferLine(id, completed.response()));
          } else {
            if (!endsWithNewline) {
              env.out().println();
            }
            ToolCallsOutput.print(env.out(), completed.response().toolCalls());
          }
        }
        env.out().flush();
      }
    } catch (InferenceException failure) {
      if (output == Output.text && !endsWithNewline) {
        env.out().println();
        env.out().flush();
      }
      throw failure;
    }
  }

  private InferenceRequest request() throws IOException {
    String text = prompt;
    if (text == null) {
      text = new String(env.in().readAllBytes(), StandardCharsets.UTF_8);
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("no prompt: give it as an argument or on stdin");
    }
    InferenceRequest.Builder builder =
        InferenceRequest.builder().requestId("infer-" + UUID.randomUUID());
    if (images.isEmpty()) {
      if (system != null) {
        builder.systemPrompt(system);
      }
      builder.userPrompt(text);
    } else {
      List<Part.Image> parts = new ArrayList<>();
      for (String image : images) {
        parts.add(InferInputs.image(image, env.workingDirectory()));
      }
      List<Message> messages = new ArrayList<>();
      if (system != null) {
        messages.add(Message.system(system));
      }
      messages.add(Message.user(text, parts.toArray(Part.Image[]::new)));
      builder.messages(messages);
    }
    if (tools != null) {
      builder.tools(InferInputs.tools(tools, env.workingDirectory()));
    }
    if (toolChoice != null) {
      builder.toolChoice(ToolChoice.parse(toolChoice));
    }
    if (schema != null) {
      JsonValue parsed = JsonValue.parse(Files.readString(env.workingDirectory().resolve(schema)));
      String name = schema.getFileName().toString().replaceAll("\\.json$", "");
      name = name.replaceAll("[^A-Za-z0-9_-]", "_");
      name = name.isEmpty() ? "schema" : name.substring(0, Math.min(64, name.length()));
      builder.responseFormat(ResponseFormat.jsonSchema(JsonSchema.of(name, parsed)));
    } else if (json) {
      builder.responseFormat(ResponseFormat.jsonObject());
    }
    if (temperature != null) {
      builder.temperature(temperature);
    }
    if (maxOutputTokens != null) {
      builder.maxOutputTokens(maxOutputTokens);
    }
    return builder.build();
  }
}
