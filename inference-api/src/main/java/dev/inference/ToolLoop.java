package dev.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers a request in which the model may call tools: Java functions whose arguments map onto a
 * record. It sends the request with the tools; while the model answers with tool calls, it runs
 * each call, sends the model's turn and one {@link Role#TOOL} message with every result, and asks
 * again; the first answer without tool calls ends the loop.
 *
 * <pre>{@code
 * record Weather(@Description("a city name") String city) {}
 *
 * ToolLoop loop = ToolLoop.builder(client)
 *     .tool("get_weather", "The current weather in a city", Weather.class,
 *         weather -> forecasts.today(weather.city()))
 *     .maxSteps(5)
 *     .build();
 * ToolLoop.Result result = loop.run(InferenceRequest.of("Do I need an umbrella in Paris?"));
 * System.out.println(result.text());
 * }</pre>
 *
 * <p>A call the loop cannot run does not end it: an unknown tool name, arguments that are not valid
 * JSON or do not fit the record, and a tool that throws are each answered with an {@linkplain
 * Part.ToolResult#error error result} saying what went wrong, so the model can correct itself. A
 * {@link ToolChoice} that forces a tool ({@code required} or a named tool) holds for the first
 * request only; the requests after it say {@code auto}, else the model could never answer.
 *
 * <p>A loop is immutable and may run many requests, also at once, if its tools may. It uses {@link
 * InferenceClient#infer}; failures of the client are thrown as they are.
 *
 * @since 0.2
 */
public final class ToolLoop {

  /** The step limit when none is set. */
  public static final int DEFAULT_MAX_STEPS = 10;

  private final InferenceClient client;
  private final Map<String, Registered<?>> tools;
  private final List<Tool> toolList;
  private final int maxSteps;
  private final Listener listener;

  private ToolLoop(Builder builder) {
    this.client = builder.client;
    this.tools = Map.copyOf(builder.tools);
    this.toolList = List.copyOf(builder.order);
    this.maxSteps = builder.maxSteps;
    this.listener = builder.listener;
  }

  /**
   * A builder of a loop over this client.
   *
   * @param client the client that asks the model; the loop does not close it
   * @return the builder
   */
  public static Builder builder(InferenceClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * The tools the loop adds to each request.
   *
   * @return the tools, in the order they were added
   */
  public List<Tool> tools() {
    return toolList;
  }

  /**
   * Answers the request, running the tools the model calls.
   *
   * @param request the request; the loop's tools are added after its own, except those it already
   *     declares by name (so that a request can force one: {@code
   *     builder().tools(loop.tools()).toolChoice(ToolChoice.required())}); a call of a tool of its
   *     own, which the loop cannot run, is answered with an error result
   * @return the final answer and the whole conversation
   * @throws StepLimitExceeded if the model still calls tools in its answer to the last request the
   *     step limit allows
   * @throws InferenceException as {@link InferenceClient#infer}; {@link ErrorKind#CANCELLED} when
   *     the thread is interrupted while a tool runs
   */
  public Result run(InferenceRequest request) {
    Objects.requireNonNull(request, "request");
    List<Tool> all = new ArrayList<>(request.tools());
    for (Tool tool : toolList) {
      if (all.stream().noneMatch(declared -> declared.name().equals(tool.name()))) {
        all.add(tool);
      }
    }
    InferenceRequest next = request.toBuilder().tools(all).build();
    List<Message> transcript = new ArrayList<>(next.messages());
    for (int step = 1; ; step++) {
      InferenceResponse response = client.infer(next);
      transcript.add(response.message());
      listener.modelAnswered(step, response);
      if (response.toolCalls().isEmpty()) {
        return new Result(response, transcript, step);
      }
      if (step >= maxSteps) {
        throw new StepLimitExceeded(maxSteps, transcript, response);
      }
      List<Part.ToolResult> results = new ArrayList<>();
      for (Part.ToolCall call : response.toolCalls()) {
        listener.toolCalled(step, call);
        Part.ToolResult result = execute(call);
        listener.toolReturned(step, call, result);
        results.add(result);
      }
      transcript.add(Message.toolResults(results));
      InferenceRequest.Builder following = next.toBuilder().messages(transcript);
      ToolChoice.Kind choice = next.toolChoice().kind();
      if (choice == ToolChoice.Kind.REQUIRED || choice == ToolChoice.Kind.NAMED) {
        following.toolChoice(ToolChoice.auto());
      }
      next = following.build();
    }
  }

  private Part.ToolResult execute(Part.ToolCall call) {
    Registered<?> tool = tools.get(call.name());
    if (tool == null) {
      return Part.ToolResult.error(
          call,
          "unknown tool '"
              + call.name()
              + "'; known tools: "
              + String.join(", ", toolList.stream().map(Tool::name).toList()));
    }
    return tool.execute(call);
  }

  /** A tool and its function, typed by its record. */
  private record Registered<A extends Record>(
      Tool tool, Class<A> type, ToolFunction<? super A> function) {

    Part.ToolResult execute(Part.ToolCall call) {
      A arguments;
      try {
        arguments = call.argumentsAs(type);
      } catch (IllegalArgumentException doesNotFit) {
        return Part.ToolResult.error(
            call, "invalid arguments for " + call.name() + ": " + doesNotFit.getMessage());
      }
      String content;
      try {
        content = function.call(arguments);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw InferenceException.builder(
                ErrorKind.CANCELLED, "the tool loop was interrupted while " + call.name() + " ran")
            .cause(interrupted)
            .build();
      } catch (Exception failed) {
        String message = failed.getMessage();
        return Part.ToolResult.error(
            call,
            call.name()
                + " failed: "
                + failed.getClass().getSimpleName()
                + (message == null ? "" : ": " + message));
      }
      if (content == null) {
        return Part.ToolResult.error(call, call.name() + " returned no result (null)");
      }
      return Part.ToolResult.of(call, content);
    }
  }

  /**
   * The function behind a tool.
   *
   * @param <A> the record its arguments map onto
   */
  @FunctionalInterface
  public interface ToolFunction<A extends Record> {
    /**
     * Runs the tool.
     *
     * @param arguments the arguments the model gave, mapped onto the record
     * @return what the tool returns to the model, as text (often JSON); never {@code null}
     * @throws Exception when the tool fails; the model is told the exception's class and message
     */
    String call(A arguments) throws Exception;
  }

  /**
   * Sees every step of a loop: each answer of the model, each call and each result. Every method
   * does nothing unless overridden, so new events never break a listener. Methods are called on the
   * thread that runs the loop; an exception a listener throws ends the run.
   */
  public abstract static class Listener {

    /** A listener that ignores every event. */
    public static final Listener NONE = new Listener() {};

    /** For subclasses. */
    protected Listener() {}

    /**
     * The model answered a request.
     *
     * @param step the number of the request, from 1
     * @param response the answer, with its tool calls if any
     */
    public void modelAnswered(int step, InferenceResponse response) {}

    /**
     * A tool call is about to run (or to be answered with an error, when it cannot).
     *
     * @param step the number of the request whose answer made the call
     * @param call the call
     */
    public void toolCalled(int step, Part.ToolCall call) {}

    /**
     * A tool call has its result.
     *
     * @param step the number of the request whose answer made the call
     * @param call the call
     * @param result what goes back to the model; {@link Part.ToolResult#error()} when the call
     *     failed
     */
    public void toolReturned(int step, Part.ToolCall call, Part.ToolResult result) {}
  }

  /**
   * The outcome of a {@link #run}.
   *
   * @param response the final answer, which calls no tools
   * @param transcript every message: those of the request, then each answer of the model and each
   *     message of tool results, ending with the final answer
   * @param steps how many requests were sent, from 1
   */
  public record Result(InferenceResponse response, List<Message> transcript, int steps) {

    /**
     * Copies the transcript.
     *
     * @param response the final answer
     * @param transcript the messages
     * @param steps the number of requests
     */
    public Result {
      Objects.requireNonNull(response, "response");
      transcript = List.copyOf(transcript);
    }

    /**
     * The text of the final answer.
     *
     * @return the text
     */
    public String text() {
      return response.text();
    }
  }

  /**
   * The model still called tools in its answer to the last request the step limit allows.
   *
   * <p>This is an {@link IllegalStateException}, not an {@link InferenceException}: every call to
   * the provider succeeded, and the limit is the caller's own bound on the conversation. An {@link
   * ErrorKind} would tell retry policies, circuit breakers and exit codes about a provider failure
   * that did not happen.
   */
  public static final class StepLimitExceeded extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The limit that was reached. */
    private final int maxSteps;

    private final transient List<Message> transcript;
    private final transient InferenceResponse lastResponse;

    StepLimitExceeded(int maxSteps, List<Message> transcript, InferenceResponse lastResponse) {
      super(
          "the model still called tools after "
              + maxSteps
              + " step(s), the limit (maxSteps = "
              + maxSteps
              + "); last calls: "
              + lastResponse.toolCalls().stream().map(Part.ToolCall::name).toList());
      this.maxSteps = maxSteps;
      this.transcript = List.copyOf(transcript);
      this.lastResponse = lastResponse;
    }

    /**
     * The step limit that was reached.
     *
     * @return the limit
     */
    public int maxSteps() {
      return maxSteps;
    }

    /**
     * The conversation up to the last answer, whose calls did not run.
     *
     * @return the messages
     */
    public List<Message> transcript() {
      return transcript;
    }

    /**
     * The last answer of the model, with the calls that did not run.
     *
     * @return the answer
     */
    public InferenceResponse lastResponse() {
      return lastResponse;
    }
  }

  /**
   * Settings of a {@link ToolLoop}.
   *
   * @since 0.2
   */
  public static final class Builder {
    private final InferenceClient client;
    private final Map<String, Registered<?>> tools = new LinkedHashMap<>();
    private final List<Tool> order = new ArrayList<>();
    private int maxSteps = DEFAULT_MAX_STEPS;
    private Listener listener = Listener.NONE;

    private Builder(InferenceClient client) {
      this.client = client;
    }

    /**
     * Adds a tool whose arguments map onto a record; its schema is {@link JsonSchema#of(Class)}
     * (see {@link Tool#of(String, String, Class)}).
     *
     * @param name the tool's name, 1 to 64 of {@code a-z A-Z 0-9 _ -}
     * @param description what it does, for the model
     * @param arguments the record its arguments map onto
     * @param function what it does, for Java
     * @param <A> the record type
     * @return this builder
     * @throws IllegalArgumentException if the name is taken or not a valid tool name
     */
    public <A extends Record> Builder tool(
        String name, String description, Class<A> arguments, ToolFunction<? super A> function) {
      Objects.requireNonNull(function, "function");
      Tool tool = Tool.of(name, description, Objects.requireNonNull(arguments, "arguments"));
      if (tools.containsKey(name)) {
        throw new IllegalArgumentException("two tools are named " + name);
      }
      tools.put(name, new Registered<>(tool, arguments, function));
      order.add(tool);
      return this;
    }

    /**
     * The most requests a run sends ({@value #DEFAULT_MAX_STEPS} by default): when the model still
     * calls tools in its answer to the last one, the run fails with {@link StepLimitExceeded}.
     *
     * @param maxSteps at least 1
     * @return this builder
     */
    public Builder maxSteps(int maxSteps) {
      if (maxSteps < 1) {
        throw new IllegalArgumentException("maxSteps must be >= 1, but was " + maxSteps);
      }
      this.maxSteps = maxSteps;
      return this;
    }

    /**
     * The listener that sees every answer, call and result.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the loop.
     *
     * @return the loop
     * @throws IllegalStateException if no tool was added
     */
    public ToolLoop build() {
      if (tools.isEmpty()) {
        throw new IllegalStateException("a tool loop needs at least one tool: add it with tool()");
      }
      return new ToolLoop(this);
    }
  }
}
