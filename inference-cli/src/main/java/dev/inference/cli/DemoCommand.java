package dev.inference.cli;

import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.StreamEvent;
import dev.inference.ToolLoop;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.stub.Dialect;
import dev.inference.stub.RecordedRequest;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the real drivers against the stub server on loopback; no network, no setup. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Starts the stub provider server on loopback and runs the real drivers through it:"
            + " describe, a text answer, the same question through anthropic_messages, a JSON answer, a streamed answer, a tool call, a rate"
            + " limit, a model plan, the inferd daemon over a Unix socket. No network, no setup.")
final class DemoCommand implements Callable<Integer> {

  private static final int STEPS = 9;

  private final Env env;

  @Option(
      names = "--delay-ms",
      paramLabel = "MS",
      description = "The pause between streamed tokens (default: ${DEFAULT-VALUE}).")
  long delayMs = 60;

  DemoCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintStream out = env.out();
    try (StubServer openai = StubServer.start(Dialect.OPENAI);
        StubServer anthropic = StubServer.start(Dialect.ANTHROPIC);
        StubServer ollama = StubServer.builder(Dialect.OLLAMA).models("llama3.2:latest").start()) {
      out.println("Inference demo: the real drivers against a stub provider server on loopback.");
      out.println("No network, no setup; every answer below crossed HTTP or a Unix socket.");
      ProviderSettings settings =
          ProviderSettings.builder("openai_chat_completions")
              .profileName("demo")
              .model("stub-model")
              .baseUrl(openai.chatEndpoint())
              .temperature(0.2)
              .maxOutputTokens(200)
              .build();
      try (InferenceClient client = Inference.connect(settings)) {
        describe(out, client);
        text(out, client, openai);
        anthropic(out, anthropic);
        json(out, client, openai);
        stream(out, client, openai);
        tools(out, client, openai);
        if (!rateLimit(out, client, openai)) {
          return ExitCodes.FAILURE;
        }
        ensure(out, ollama);
      }
      step(out, 9, "inferd: a local daemon over a Unix socket, watched until ready");
      DemoInferd.run(out, Duration.ofMillis(Math.max(0, delayMs)));
      out.println();
      out.println("Done. Next: 'inference infer \"your prompt\"' against Ollama, or");
      out.println("'inference run --config F --profile P' as a Bitloops runtime.");
      out.flush();
      return ExitCodes.OK;
    } catch (InferenceException unexpected) {
      env.err().println("inference demo: " + unexpected);
      return ExitCodes.of(unexpected.kind());
    }
  }

  private static void step(PrintStream out, int number, String title) {
    out.println();
    out.println("[" + number + "/" + STEPS + "] " + title);
  }

  private void describe(PrintStream out, InferenceClient client) {
    step(out, 1, "describe: what the client talks to");
    ProviderDescription d = client.describe();
    out.println("  driver kind   " + d.kind());
    out.println("  provider      " + d.providerName());
    out.println("  model         " + d.modelName());
    out.println("  endpoint      " + d.endpoint());
    out.println(
        "  modes         "
            + d.capabilities().responseFormats().stream().map(m -> m.wireName()).sorted().toList());
    out.println("  as protocol   " + Protocol.describe("demo-describe", "demo", d));
  }

  private void text(PrintStream out, InferenceClient client, StubServer stub) {
    step(out, 2, "a text answer");
    stub.enqueue(
        Reply.text("A stub server answers like a provider would, from a script, on loopback."));
    String prompt = "What is a stub server?";
    InferenceResponse response = client.infer(InferenceRequest.of(prompt));
    out.println("  > " + prompt);
    out.println("  < " + response.text());
    out.println("  " + summary(response));
  }

  private void anthropic(PrintStream out, StubServer stub) {
    step(out, 3, "the same question through anthropic_messages, the Messages API");
    stub.enqueue(
        Reply.text("The same stub, speaking Anthropic's Messages API this time.")
            .withUsage(12, 11));
    ProviderSettings settings =
        ProviderSettings.builder("anthropic_messages")
            .profileName("demo-anthropic")
            .model("claude-stub")
            .baseUrl(stub.chatEndpoint())
            .maxOutputTokens(200)
            .build();
    try (InferenceClient client = Inference.connect(settings)) {
      String prompt = "What is a stub server?";
      InferenceResponse response = client.infer(InferenceRequest.of(prompt));
      out.println("  endpoint      " + client.describe().endpoint());
      out.println("  > " + prompt);
      out.println("  < " + response.text());
      out.println("  " + summary(response));
    }
  }

  private void json(PrintStream out, InferenceClient client, StubServer stub) {
    step(out, 4, "a JSON answer, parsed");
    stub.enqueue(
        Reply.json(
            "Here you go:\n```json\n{\"language\":\"Java\",\"ready\":true,\"score\":9}\n```"));
    InferenceResponse response =
        client.infer(
            InferenceRequest.builder()
                .systemPrompt("Answer with one JSON object.")
                .userPrompt("Rate this library.")
                .responseFormat(ResponseFormat.jsonObject())
                .build());
    out.println("  text          " + response.text().replace("\n", "\\n"));
    JsonValue parsed = response.parsedJson().orElseThrow();
    out.println("  parsed_json   " + parsed.toJson());
    if (parsed instanceof JsonValue.ObjectValue object) {
      for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
        out.println("    " + member.getKey() + " = " + member.getValue().toJson());
      }
    }
  }

  private void stream(PrintStream out, InferenceClient client, StubServer stub) {
    step(out, 5, "a streamed answer, token by token");
    stub.enqueue(
        Reply.stream(
                "Tokens", " arrive", " one", " by", " one,", " as", " the", " server", " sends",
                " them.")
            .withDelay(Duration.ofMillis(Math.max(0, delayMs))));
    out.print("  < ");
    out.flush();
    try (InferenceStream events = client.stream(InferenceRequest.of("Stream something."))) {
      for (StreamEvent event : events) {
        if (event instanceof StreamEvent.TextDelta delta) {
          out.print(delta.text());
          out.flush();
        } else if (event instanceof StreamEvent.Completed completed) {
          out.println();
          out.println("  " + summary(completed.response()));
        }
      }
    }
  }

  /** The arguments of the demo's tool. */
  record City(String city) {}

  private void tools(PrintStream out, InferenceClient client, StubServer stub) {
    step(out, 6, "tool calling: the model calls a Java function, then answers");
    stub.enqueue(
        Reply.toolCalls(
            Part.ToolCall.of(
                "call_1", "get_weather", JsonValue.object(Map.of("city", JsonValue.of("Paris"))))));
    // the stub answers from the tool result the second request carried, as a model would
    stub.replyWith(
        request ->
            Reply.text(
                "Paris is " + lastToolResult(request) + " today: leave the umbrella at home."));
    ToolLoop loop =
        ToolLoop.builder(client)
            .tool(
                "get_weather",
                "The weather today in a city",
                City.class,
                city -> city.city().equals("Paris") ? "sunny, 18 C" : "unknown")
            .maxSteps(3)
            .listener(
                new ToolLoop.Listener() {
                  @Override
                  public void toolCalled(int step, Part.ToolCall call) {
                    out.println("  tool call     " + call.name() + " " + call.arguments().toJson());
                  }

                  @Override
                  public void toolReturned(int step, Part.ToolCall call, Part.ToolResult result) {
                    out.println("  tool result   " + result.content());
                  }
                })
            .build();
    String prompt = "Do I need an umbrella in Paris today?";
    out.println("  > " + prompt);
    ToolLoop.Result result = loop.run(InferenceRequest.of(prompt));
    out.println("  < " + result.text());
    out.println("  (" + result.steps() + " requests, " + result.transcript().size() + " messages)");
    stub.reset();
  }

  /** The content of the last tool message of a chat request, as the stub received it. */
  private static String lastToolResult(RecordedRequest request) {
    String content = "?";
    if (request.json().get("messages").orElse(null) instanceof JsonValue.ArrayValue messages) {
      for (JsonValue message : messages.elements()) {
        if (message.get("role").flatMap(JsonValue::asString).orElse("").equals("tool")) {
          content = message.get("content").flatMap(JsonValue::asString).orElse("?");
        }
      }
    }
    return content;
  }

  /** Returns false when the demo must fail. */
  private boolean rateLimit(PrintStream out, InferenceClient client, StubServer stub) {
    step(out, 7, "a rate limit: HTTP 429 with Retry-After: 1");
    stub.reset();
    stub.enqueue(
        Reply.error(
                429,
                "{\"error\":{\"message\":\"Rate limit reached for requests\","
                    + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
            .withHeader("Retry-After", "1"),
        Reply.text("Answered after waiting as the server asked."));
    long started = System.nanoTime();
    try {
      InferenceResponse response = client.infer(InferenceRequest.of("Are you busy?"));
      out.println(
          "  retried after "
              + Duration.ofNanos(System.nanoTime() - started).toMillis()
              + " ms ("
              + stub.chatRequests().size()
              + " requests): "
              + response.text());
      stub.reset();
      return true;
    } catch (InferenceException failure) {
      env.err()
          .println(
              "inference demo: expected the driver to wait for Retry-After and retry the 429, but"
                  + " it failed: "
                  + failure.getMessage());
      return false;
    }
  }

  private void ensure(PrintStream out, StubServer ollama) {
    step(out, 8, "a model plan: ensure-model, dry run");
    ProviderSettings settings =
        ProviderSettings.builder("ollama_chat")
            .profileName("demo-ollama")
            .model("qwen3:0.6b")
            .baseUrl(ollama.chatEndpoint())
            .build();
    try (InferenceClient client = Inference.connect(settings)) {
      RuntimeOperations operations = client.operations().orElseThrow();
      RuntimeStatus status = operations.status();
      out.println("  ollama        " + OperationsCommands.status(status).toJson());
      EnsureModelResult plan =
          operations.ensureModel(
              "qwen3:0.6b",
              EnsureModelOptions.builder().dryRun(true).allowModelDownload(true).build());
      out.println("  plan          " + OperationsCommands.ensure("qwen3:0.6b", plan).toJson());
    }
  }

  private static String summary(InferenceResponse response) {
    StringBuilder text = new StringBuilder("(");
    response
        .usage()
        .ifPresent(
            usage ->
                text.append(usage.promptTokens().orElse(0))
                    .append(" prompt + ")
                    .append(usage.completionTokens().orElse(0))
                    .append(" completion tokens, "));
    text.append("finish ")
        .append(response.finishReason().map(f -> f.raw()).orElse("?"))
        .append(", ")
        .append(response.providerName())
        .append('/')
        .append(response.modelName())
        .append(')');
    return text.toString();
  }
}
