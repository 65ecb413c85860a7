package dev.inference.ollama.internal;

import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Role;
import dev.inference.Secret;
import dev.inference.Tool;
import dev.inference.ToolChoice;
import dev.inference.Usage;
import dev.inference.http.Framing;
import dev.inference.http.HttpDialect;
import dev.inference.http.HttpRuntime;
import dev.inference.http.HttpTransport;
import dev.inference.http.StreamDecoder;
import dev.inference.kit.CallOptions;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Json;
import dev.inference.kit.JsonReader;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.ResponseSink;
import dev.inference.kit.Unsupported;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.spi.ConfigKey;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Ollama's native chat dialect ({@code POST /api/chat}): a non-streamed body and each NDJSON stream
 * line have the same shape, {@code {model, message:{content, thinking?, tool_calls?}, done,
 * done_reason?, prompt_eval_count?, eval_count?}}, or {@code {"error":"..."}} instead.
 *
 * <p>Quirks handled here: {@code done:true} without {@code done_reason} (old builds, or the empty
 * "connection closed" reason) means {@code stop}; {@code stop} after tool calls becomes {@code
 * tool_calls}, as Ollama's own {@code /v1} layer does; the counts are {@code omitempty}, so an
 * absent count is unknown and usage is partial or absent, never invented.
 */
public final class OllamaDialect implements HttpDialect {

  /**
   * {@code keep_alive}: how long Ollama keeps the model loaded; read as what goes on the wire, a Go
   * duration string or a whole number of seconds.
   */
  public static final ConfigKey<JsonValue> KEEP_ALIVE =
      ConfigKey.of(
          "keep_alive",
          "how long Ollama keeps the model loaded after a call: a Go duration such as \"5m\" or"
              + " \"1h30m\", or a number of seconds (300 or \"300\"); 0 unloads at once, a"
              + " negative value keeps it loaded",
          JsonValue.class,
          "a duration string like \"5m\" or a number of seconds",
          new KeepAlive());

  /** {@code num_ctx}: the context window in tokens, sent as {@code options.num_ctx}. */
  public static final ConfigKey<Long> NUM_CTX =
      ConfigKey.integer(
          "num_ctx", "the context window in tokens (options.num_ctx)", 1, Integer.MAX_VALUE);

  /** {@code think}: thinking for models that support it; read as what goes on the wire. */
  public static final ConfigKey<JsonValue> THINK =
      ConfigKey.of(
          "think",
          "thinking for models that support it: true, false, or \"low\", \"medium\", \"high\","
              + " \"max\"",
          JsonValue.class,
          "true, false, or one of \"low\", \"medium\", \"high\", \"max\"",
          new Think());

  /** The profile keys this dialect reads. */
  public static final List<ConfigKey<?>> CONFIG_KEYS =
      List.of(
          KEEP_ALIVE,
          NUM_CTX,
          THINK,
          HttpTransport.MAX_FRAME_BYTES,
          HttpTransport.MAX_BODY_BYTES,
          HttpTransport.HTTP_CLIENT);

  /** The path of Ollama's chat endpoint. */
  public static final String CHAT_PATH = "/api/chat";

  private static final List<String> THINK_LEVELS = List.of("low", "medium", "high", "max");
  private static final String TOOL_CALLS = "tool_calls";

  private final @Nullable JsonValue keepAlive;
  private final OptionalLong numCtx;
  private final @Nullable JsonValue think;

  private OllamaDialect(
      @Nullable JsonValue keepAlive, OptionalLong numCtx, @Nullable JsonValue think) {
    this.keepAlive = keepAlive;
    this.numCtx = numCtx;
    this.think = think;
  }

  /**
   * Checks that an endpoint is Ollama's chat endpoint: its path, trailing {@code '/'} removed, ends
   * in {@code /api/chat}, as {@code bitloops-inference} requires.
   *
   * @param endpoint the profile's base_url
   * @throws IllegalArgumentException if it is not
   */
  public static void checkEndpoint(URI endpoint) {
    if (!targetsChat(endpoint)) {
      throw new IllegalArgumentException(
          "base_url must target the Ollama chat endpoint '"
              + CHAT_PATH
              + "', but was '"
              + shown(endpoint)
              + "'");
    }
  }

  /**
   * Whether the endpoint's path, trailing slashes aside, ends with {@code /api/chat}.
   *
   * @param endpoint the endpoint
   * @return {@code true} if it targets the chat endpoint
   */
  public static boolean targetsChat(URI endpoint) {
    String path = endpoint.getPath() == null ? "" : endpoint.getPath();
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end).endsWith(CHAT_PATH);
  }

  /**
   * The dialect for a profile, with its options checked.
   *
   * @param settings the profile
   * @return the dialect
   * @throws IllegalArgumentException if an option has a bad value; the message names the key and
   *     the value
   */
  public static OllamaDialect of(ProviderSettings settings) {
    // plain code, not Optional's lambdas, on the way to a client: `inference run` answers describe
    // right after, and linking a lambda's call site costs more there than the rest (StartPathTest)
    Optional<Long> numCtx = NUM_CTX.from(settings);
    return new OllamaDialect(
        KEEP_ALIVE.from(settings).orElse(null),
        numCtx.isPresent() ? OptionalLong.of(numCtx.get()) : OptionalLong.empty(),
        THINK.from(settings).orElse(null));
  }

  @Override
  public String kind() {
    return "ollama_chat";
  }

  @Override
  public String providerName() {
    return "ollama";
  }

  @Override
  public URI endpoint(ProviderSettings settings) {
    Optional<URI> endpoint = settings.baseUrl();
    if (endpoint.isEmpty()) {
      throw new IllegalArgumentException(
          "ollama_chat needs base_url, the full Ollama chat endpoint, such as"
              + " http://localhost:11434/api/chat");
    }
    checkEndpoint(endpoint.get());
    return endpoint.get();
  }

  @Override
  public Framing framing() {
    return Framing.ndjson();
  }

  @Override
  public Map<String, String> headers(ProviderSettings settings) {
    Optional<Secret> key = settings.apiKey();
    return key.isPresent() ? Map.of("Authorization", "Bearer " + key.get().reveal()) : Map.of();
  }

  @Override
  public void writeRequest(
      JsonWriter out, InferenceRequest request, CallOptions call, boolean stream)
      throws IOException {
    out.startObject();
    out.field("model", call.settings().model());
    out.startArray("messages");
    for (Message message : request.messages()) {
      writeMessage(out, message);
    }
    out.endArray();
    writeTools(out, request);
    if (request.responseFormat() instanceof ResponseFormat.Schema schema) {
      out.name("format");
      out.value(schema.schema().schema());
    } else if (request.responseFormat().kind() == ResponseFormat.Kind.JSON_OBJECT) {
      out.field("format", "json");
    }
    writeOptions(out, request, call);
    out.field("stream", stream);
    if (keepAlive != null) {
      out.name("keep_alive");
      out.value(keepAlive);
    }
    if (think != null) {
      out.name("think");
      out.value(think);
    }
    out.endObject();
  }

  /**
   * One message: {@code content} is the text; a user message's images go in {@code images} as
   * base64; an assistant message's tool calls in {@code tool_calls} with their arguments as an
   * object (and their ids, when the model gave some); each tool result is a {@code tool} message of
   * its own, naming its tool (and its call's id, which newer builds use to tell apart two calls of
   * one tool).
   */
  private static void writeMessage(JsonWriter out, Message message) throws IOException {
    if (message.role() == Role.TOOL) {
      for (Part.ToolResult result : message.parts(Part.ToolResult.class)) {
        out.startObject();
        out.field("role", "tool");
        out.field("content", result.content());
        out.field("tool_name", result.toolName());
        if (!result.callId().isEmpty()) {
          out.field("tool_call_id", result.callId()); // newer builds match results by id
        }
        out.endObject();
      }
      return;
    }
    out.startObject();
    out.field("role", message.role().wireName());
    out.field("content", message.text());
    if (message.isTextOnly()) {
      out.endObject(); // the common case, with nothing to collect
      return;
    }
    List<Part.Image> images = message.parts(Part.Image.class);
    if (!images.isEmpty()) {
      out.startArray("images");
      for (Part.Image image : images) {
        out.value(image.base64().orElseThrow()); // URLs are refused before: no imageUrls
      }
      out.endArray();
    }
    List<Part.ToolCall> calls = message.parts(Part.ToolCall.class);
    if (!calls.isEmpty()) {
      out.startArray("tool_calls");
      for (Part.ToolCall call : calls) {
        out.startObject();
        if (!call.id().isEmpty()) {
          out.field("id", call.id());
        }
        out.startObject("function");
        out.field("name", call.name());
        out.name("arguments");
        // Ollama wants an object: arguments that were not one (not valid JSON) go as {}
        out.value(
            call.arguments() instanceof JsonValue.ObjectValue
                ? call.arguments()
                : JsonValue.object(Map.of()));
        out.endObject();
        out.endObject();
      }
      out.endArray();
    }
    out.endObject();
  }

  /**
   * {@code tools}. Ollama has no tool choice: {@code none} is sent as no tools, and {@code
   * required} or a named tool is refused, since Ollama could not be held to it; nor can it be kept
   * to one call per answer, so {@code parallelToolCalls(false)} is refused too.
   */
  private void writeTools(JsonWriter out, InferenceRequest request) throws IOException {
    ToolChoice choice = request.toolChoice();
    if (choice.kind() == ToolChoice.Kind.REQUIRED || choice.kind() == ToolChoice.Kind.NAMED) {
      throw Unsupported.because(
          request,
          providerName(),
          "be made to call a tool (tool choice "
              + choice
              + "): Ollama has no tool choice; leave it auto and say which tool in the prompt");
    }
    if (request.tools().isEmpty() || choice.kind() == ToolChoice.Kind.NONE) {
      return;
    }
    if (request.parallelToolCalls().filter(parallel -> !parallel).isPresent()) {
      throw Unsupported.because(
          request,
          providerName(),
          "be held to one tool call per answer (parallelToolCalls false): Ollama has no such"
              + " option; leave parallelToolCalls unset and run the calls one at a time");
    }
    out.startArray("tools");
    for (Tool tool : request.tools()) {
      out.startObject();
      out.field("type", "function");
      out.startObject("function");
      out.field("name", tool.name());
      if (!tool.description().isEmpty()) {
        out.field("description", tool.description());
      }
      out.name("parameters");
      out.value(tool.parameters());
      out.endObject();
      out.endObject();
    }
    out.endArray();
  }

  private void writeOptions(JsonWriter out, InferenceRequest request, CallOptions call)
      throws IOException {
    boolean any =
        call.temperature().isPresent()
            || call.maxOutputTokens().isPresent()
            || request.seed().isPresent()
            || request.topP().isPresent()
            || !request.stop().isEmpty()
            || numCtx.isPresent();
    if (!any) {
      return;
    }
    out.startObject("options");
    if (call.temperature().isPresent()) {
      out.field("temperature", call.temperature().getAsDouble());
    }
    if (call.maxOutputTokens().isPresent()) {
      out.field("num_predict", call.maxOutputTokens().getAsLong());
    }
    if (request.topP().isPresent()) {
      out.field("top_p", request.topP().getAsDouble());
    }
    if (request.seed().isPresent()) {
      out.field("seed", request.seed().getAsLong());
    }
    if (!request.stop().isEmpty()) {
      out.startArray("stop");
      for (String sequence : request.stop()) {
        out.value(sequence);
      }
      out.endArray();
    }
    if (numCtx.isPresent()) {
      out.field("num_ctx", numCtx.getAsLong());
    }
    out.endObject();
  }

  @Override
  public void readResponse(JsonReader parser, ResponseSink out) throws IOException {
    read(parser, out);
  }

  /** Each line is a chunk; the line with {@code done:true} ends the stream. */
  @Override
  public StreamDecoder streamDecoder() {
    return (name, data, offset, length, out) -> {
      try (JsonReader in = Json.reader(data, offset, length)) {
        read(in, out);
      }
      return out.isComplete();
    };
  }

  /** Status, verify, ensure-model with pull, and waiting, on the same Ollama server. */
  @Override
  public Optional<RuntimeOperations> operations(HttpRuntime client) {
    return Optional.of(new OllamaRuntimeOperations(client));
  }

  /** A whole body and a stream line are read alike. */
  private static void read(JsonReader parser, ResponseSink out) throws IOException {
    if (parser.next() != JsonReader.Token.START_OBJECT) {
      throw parser.unexpected("expected a JSON object");
    }
    boolean done = false;
    String doneReason = null;
    OptionalLong prompt = OptionalLong.empty();
    OptionalLong completion = OptionalLong.empty();
    JsonValue error = null;
    while (parser.next() == JsonReader.Token.NAME) {
      String field = parser.name();
      JsonReader.Token token = parser.next();
      switch (field) {
        case "message" -> {
          if (token == JsonReader.Token.START_OBJECT) {
            readMessage(parser, out);
          } else {
            parser.skipChildren();
          }
        }
        case "model" -> {
          if (token == JsonReader.Token.STRING) {
            out.model(parser.text(out.model().orElse(null)));
          }
        }
        case "done" -> done = token == JsonReader.Token.TRUE;
        case "done_reason" -> {
          if (token == JsonReader.Token.STRING && !parser.text().isEmpty()) {
            doneReason = parser.text();
          }
        }
        case "prompt_eval_count" -> prompt = count(parser, token);
        case "eval_count" -> completion = count(parser, token);
        case "error" -> error = parser.readValue();
        default -> parser.skipChildren();
      }
    }
    if (error != null) {
      JsonValue payload = JsonValue.object(Map.of("error", error));
      if (ErrorMapper.isErrorPayload(payload)) {
        out.error(payload);
        return;
      }
    }
    if (prompt.isPresent() || completion.isPresent()) {
      out.usage(Usage.fromCounts(prompt, completion));
    }
    String reason = doneReason != null ? doneReason : done ? "stop" : null;
    if (reason != null) {
      // tool calls arrive whole, in this line or (streamed) an earlier one, and the sink has them
      out.finishReason("stop".equals(reason) && out.nextToolCallIndex() > 0 ? TOOL_CALLS : reason);
    }
    if (done) {
      out.complete();
    }
  }

  /** Reads {@code message}: text, thinking and whole tool calls. */
  private static void readMessage(JsonReader parser, ResponseSink out) throws IOException {
    while (parser.next() == JsonReader.Token.NAME) {
      String field = parser.name();
      JsonReader.Token token = parser.next();
      switch (field) {
        case "content" -> {
          if (token == JsonReader.Token.STRING) {
            out.text(parser.text());
          } else {
            parser.skipChildren();
          }
        }
        case "thinking" -> {
          if (token == JsonReader.Token.STRING) {
            out.reasoning(parser.text());
          } else {
            parser.skipChildren();
          }
        }
        case "tool_calls" -> {
          if (token == JsonReader.Token.START_ARRAY) {
            while (parser.next() != JsonReader.Token.END_ARRAY) {
              readToolCall(parser, out);
            }
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  /**
   * One whole call: {@code {id?, function: {index?, name, arguments: {...}}}}, at the next index
   * ({@code function.index} counts across the answer, so it adds nothing).
   */
  private static void readToolCall(JsonReader parser, ResponseSink out) throws IOException {
    if (parser.current() != JsonReader.Token.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    JsonValue call = parser.readValue();
    String id = call.get("id").flatMap(JsonValue::asString).orElse("");
    Optional<JsonValue> function = call.get("function");
    String name = function.flatMap(f -> f.get("name")).flatMap(JsonValue::asString).orElse("");
    // a tool without parameters: Go writes a nil map as null
    JsonValue arguments =
        function
            .flatMap(f -> f.get("arguments"))
            .filter(value -> !(value instanceof JsonValue.NullValue))
            .orElse(JsonValue.object(Map.of()));
    if (arguments instanceof JsonValue.StringValue text) {
      // not Ollama's own form, but compatible servers do send the OpenAI string
      out.toolCall(out.nextToolCallIndex(), id, name, text.value());
    } else {
      out.toolCall(id, name, arguments);
    }
  }

  private static OptionalLong count(JsonReader parser, JsonReader.Token token) throws IOException {
    if (token == JsonReader.Token.INTEGER && parser.longValue() >= 0) {
      return OptionalLong.of(parser.longValue());
    }
    parser.skipChildren();
    return OptionalLong.empty();
  }

  // --- profile options ---

  // The keys' readers are classes, not method references, and the patterns are compiled on first
  // use: every installed driver's keys are made when `inference run` starts, where linking a
  // lambda's call site costs more than loading a class (StartPathTest).

  /** A Go duration string or a whole number of seconds (a bare number in a string is seconds). */
  private static final class KeepAlive implements Function<JsonValue, Optional<JsonValue>> {
    /** Compiled when a value is read, not when the key is made. */
    private static final class Grammar {
      static final Pattern SECONDS = Pattern.compile("[-+]?[0-9]+");
      static final Pattern GO_DURATION =
          Pattern.compile("[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)");

      private Grammar() {}
    }

    @Override
    public Optional<JsonValue> apply(JsonValue value) {
      if (value instanceof JsonValue.NumberValue number) {
        try {
          return Optional.of(JsonValue.of(number.longValue()));
        } catch (ArithmeticException fraction) {
          return Optional.empty();
        }
      }
      Optional<String> read = value.asString();
      if (read.isEmpty()) {
        return Optional.empty();
      }
      String text = read.get().strip();
      if (Grammar.SECONDS.matcher(text).matches()) {
        try {
          // a bare number is seconds; Go's ParseDuration would reject it without a unit
          return Optional.of(JsonValue.of(Long.parseLong(text)));
        } catch (NumberFormatException tooBig) {
          return Optional.empty();
        }
      }
      return Grammar.GO_DURATION.matcher(text).matches()
          ? Optional.of(JsonValue.of(text))
          : Optional.empty();
    }
  }

  /** A boolean (or its text), or one of the effort levels, lower-cased. */
  private static final class Think implements Function<JsonValue, Optional<JsonValue>> {
    @Override
    public Optional<JsonValue> apply(JsonValue value) {
      if (value instanceof JsonValue.BooleanValue) {
        return Optional.of(value);
      }
      Optional<String> read = value.asString();
      if (read.isPresent()) {
        String text = read.get().strip().toLowerCase(Locale.ROOT);
        if (THINK_LEVELS.contains(text)) {
          return Optional.of(JsonValue.of(text));
        }
        if (text.equals("true") || text.equals("false")) {
          return Optional.of(JsonValue.of(Boolean.parseBoolean(text)));
        }
      }
      return Optional.empty();
    }
  }

  /** The URL without user info or query, which may hold credentials. */
  private static String shown(URI endpoint) {
    String text = Secret.redactUserInfo(endpoint.toString());
    int query = endpoint.getRawQuery() == null ? -1 : text.indexOf('?');
    return query < 0 ? text : text.substring(0, query) + "?...";
  }
}
