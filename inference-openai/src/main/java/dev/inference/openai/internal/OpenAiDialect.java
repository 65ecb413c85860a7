package dev.inference.openai.internal;

import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
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
import dev.inference.runtime.RuntimeOperations;
import dev.inference.spi.ConfigKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The chat completions dialect of OpenAI and the servers that copy it, with their quirks: content
 * as a string, {@code null} or an array of parts; {@code reasoning_content} and {@code reasoning};
 * usage absent, {@code null}, in a last chunk with empty choices, or in Groq's {@code x_groq}; an
 * {@code error} member in a 200 body or a stream chunk.
 */
public final class OpenAiDialect implements HttpDialect {

  /** {@code max_tokens_field}: the request field for the output-token limit. */
  public static final ConfigKey<String> MAX_TOKENS_FIELD =
      ConfigKey.oneOf(
          "max_tokens_field",
          "the request field for the output-token limit: max_tokens (default) or"
              + " max_completion_tokens",
          List.of("max_tokens", "max_completion_tokens"));

  /** {@code organization}: sent as {@code OpenAI-Organization}. */
  public static final ConfigKey<String> ORGANIZATION =
      ConfigKey.string("organization", "sent as OpenAI-Organization");

  /** {@code project}: sent as {@code OpenAI-Project}. */
  public static final ConfigKey<String> PROJECT =
      ConfigKey.string("project", "sent as OpenAI-Project");

  /** The profile keys this dialect reads. */
  public static final List<ConfigKey<?>> CONFIG_KEYS =
      List.of(
          MAX_TOKENS_FIELD,
          ORGANIZATION,
          PROJECT,
          HttpTransport.HEADERS,
          HttpTransport.MAX_FRAME_BYTES,
          HttpTransport.MAX_BODY_BYTES,
          HttpTransport.HTTP_CLIENT);

  private final String providerName;
  private final String tokenField;
  private final Map<String, String> fixedHeaders;

  private OpenAiDialect(String providerName, String tokenField, Map<String, String> fixedHeaders) {
    this.providerName = providerName;
    this.tokenField = tokenField;
    this.fixedHeaders = fixedHeaders;
  }

  /**
   * The dialect for a profile, with its options checked.
   *
   * @param providerName the provider name responses carry
   * @param settings the profile
   * @return the dialect
   * @throws IllegalArgumentException if an option has a bad value
   */
  public static OpenAiDialect of(String providerName, ProviderSettings settings) {
    String tokenField = MAX_TOKENS_FIELD.from(settings).orElse("max_tokens");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.putAll(HttpTransport.extraHeaders(settings));
    putUnlessEmpty(headers, "OpenAI-Organization", ORGANIZATION.from(settings));
    putUnlessEmpty(headers, "OpenAI-Project", PROJECT.from(settings));
    return new OpenAiDialect(providerName, tokenField, Map.copyOf(headers));
  }

  // no lambdas on the way to a client: `inference run` answers describe after this, and linking a
  // lambda's call site there costs more than the rest of it (bench/notes.md)
  private static void putUnlessEmpty(
      Map<String, String> headers, String name, Optional<String> value) {
    if (value.isPresent() && !value.get().isEmpty()) {
      headers.put(name, value.get());
    }
  }

  @Override
  public String kind() {
    return "openai_chat_completions";
  }

  @Override
  public String providerName() {
    return providerName;
  }

  @Override
  public URI endpoint(ProviderSettings settings) {
    Optional<URI> baseUrl = settings.baseUrl();
    if (baseUrl.isEmpty()) {
      throw new IllegalArgumentException(
          "openai_chat_completions needs base_url, the full chat completions endpoint,"
              + " such as https://api.openai.com/v1/chat/completions");
    }
    return baseUrl.get();
  }

  @Override
  public Framing framing() {
    return Framing.sse();
  }

  @Override
  public Map<String, String> headers(ProviderSettings settings) {
    if (settings.apiKey().isEmpty()) {
      return fixedHeaders;
    }
    Map<String, String> headers = new LinkedHashMap<>(fixedHeaders);
    headers.put("Authorization", "Bearer " + settings.apiKey().get().reveal());
    return headers;
  }

  @Override
  public void writeRequest(
      JsonWriter out, InferenceRequest request, CallOptions call, boolean stream)
      throws IOException {
    OpenAiRequests.write(out, request, call, stream, tokenField);
  }

  @Override
  public void readResponse(JsonReader parser, ResponseSink out) throws IOException {
    readTopLevel(parser, out);
  }

  /**
   * The stream's frames: SSE events whose data is a chunk; {@code data: [DONE]} ends the stream,
   * and an {@code event: error} (llama.cpp, vLLM) carries an error object, or plain text.
   */
  @Override
  public StreamDecoder streamDecoder() {
    return OpenAiDialect::frame;
  }

  /** The usual finish reason. */
  private static final String STOP = "stop";

  private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

  private static boolean frame(String name, byte[] data, int offset, int length, ResponseSink out)
      throws IOException {
    if (length >= DONE.length
        && Arrays.equals(data, offset, offset + DONE.length, DONE, 0, DONE.length)) {
      return true;
    }
    if ("error".equals(name)) {
      String text = new String(data, offset, length, StandardCharsets.UTF_8);
      JsonValue payload;
      try {
        payload = Json.parse(text);
      } catch (IllegalArgumentException notJson) {
        payload = JsonValue.object(Map.of("error", JsonValue.of(text)));
      }
      if (!ErrorMapper.isErrorPayload(payload)) {
        payload = JsonValue.object(Map.of("error", payload));
      }
      out.error(payload);
      return true;
    }
    try (JsonReader in = Json.reader(data, offset, length)) {
      readTopLevel(in, out);
    }
    return false;
  }

  /** Reads a body or chunk object; {@code message} and {@code delta} are read alike. */
  private static final String CHUNK_OBJECT = "chat.completion.chunk";

  private static void readTopLevel(JsonReader parser, ResponseSink out) throws IOException {
    if (parser.next() != JsonReader.Token.START_OBJECT) {
      throw parser.unexpected("expected a JSON object");
    }
    Map<String, JsonValue> errorFields = null;
    String object = null; // every chunk has one: no map or tree for it unless this is an error
    boolean isError = false;
    Usage usage = null;
    Usage groqUsage = null;
    while (parser.next() == JsonReader.Token.NAME) {
      String field = parser.name();
      JsonReader.Token token = parser.next();
      switch (field) {
        case "choices" -> {
          if (token == JsonReader.Token.START_ARRAY) {
            readChoices(parser, out);
          } else {
            parser.skipChildren();
          }
        }
        case "usage" -> usage = token == JsonReader.Token.START_OBJECT ? readUsage(parser) : usage;
        case "x_groq" -> {
          if (token == JsonReader.Token.START_OBJECT) {
            groqUsage = readGroq(parser);
          }
        }
        case "model" -> {
          if (token == JsonReader.Token.STRING) {
            out.model(parser.text(out.model().orElse(null)));
          }
        }
        case "id" -> {
          if (token == JsonReader.Token.STRING) {
            out.responseId(parser.text(out.responseId().orElse(null)));
          }
        }
        case "object" -> {
          if (token == JsonReader.Token.STRING && errorFields == null) {
            object = parser.text(CHUNK_OBJECT);
            isError |= "error".equals(object);
          } else {
            JsonValue value = parser.readValue();
            errorFields = errorFields(errorFields, object);
            errorFields.put(field, value);
            isError |= value.equals(JsonValue.of("error"));
          }
        }
        case "error", "message", "type", "code", "param" -> {
          JsonValue value = parser.readValue();
          errorFields = errorFields(errorFields, object);
          errorFields.put(field, value);
          isError |=
              "error".equals(field)
                  && !(value instanceof JsonValue.NullValue)
                  && !value.equals(JsonValue.of(""));
        }
        default -> parser.skipChildren();
      }
    }
    if (isError) {
      out.error(JsonValue.object(errorFields(errorFields, object)));
      return;
    }
    if (usage != null) {
      out.usage(usage);
    } else if (groqUsage != null) {
      out.usage(groqUsage);
    }
  }

  /** The error-shaped fields so far, with the {@code object} string put where it was read. */
  private static Map<String, JsonValue> errorFields(
      @Nullable Map<String, JsonValue> fields, @Nullable String object) {
    if (fields != null) {
      return fields;
    }
    Map<String, JsonValue> created = new LinkedHashMap<>();
    if (object != null) {
      created.put("object", JsonValue.of(object));
    }
    return created;
  }

  private static void readChoices(JsonReader parser, ResponseSink out) throws IOException {
    boolean first = true;
    while (parser.next() != JsonReader.Token.END_ARRAY) {
      if (first && parser.current() == JsonReader.Token.START_OBJECT) {
        readChoice(parser, out);
      } else {
        parser.skipChildren();
      }
      first = false;
    }
  }

  private static void readChoice(JsonReader parser, ResponseSink out) throws IOException {
    while (parser.next() == JsonReader.Token.NAME) {
      String field = parser.name();
      JsonReader.Token token = parser.next();
      switch (field) {
        case "message", "delta" -> {
          if (token == JsonReader.Token.START_OBJECT) {
            readMessage(parser, out);
          } else {
            parser.skipChildren();
          }
        }
        case "finish_reason" -> {
          if (token == JsonReader.Token.STRING) {
            String reason = parser.text(STOP); // the usual reason costs no new string
            if (!reason.isEmpty()) {
              out.finishReason(reason);
              out.complete();
            }
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private static void readMessage(JsonReader parser, ResponseSink out) throws IOException {
    while (parser.next() == JsonReader.Token.NAME) {
      String field = parser.name();
      JsonReader.Token token = parser.next();
      switch (field) {
        case "content" -> {
          if (token == JsonReader.Token.STRING) {
            out.text(parser.text());
          } else if (token == JsonReader.Token.START_ARRAY) {
            readContentParts(parser, out);
          } else {
            parser.skipChildren();
          }
        }
        case "reasoning_content", "reasoning" -> {
          if (token == JsonReader.Token.STRING) {
            out.reasoning(parser.text());
          } else {
            parser.skipChildren();
          }
        }
        case "tool_calls" -> {
          // [] (vLLM) and null (Mistral) mean none
          if (token == JsonReader.Token.START_ARRAY) {
            readToolCalls(parser, out);
          } else {
            parser.skipChildren();
          }
        }
        case "function_call" -> readFunctionCall(parser, token, out);
        default -> parser.skipChildren();
      }
    }
  }

  /**
   * Tool calls, whole (a body) or in pieces (a stream), joined by {@code index}. A piece without an
   * index follows the one before it in the same array; the first in its array continues the last
   * call, unless it brings a new id (Gemini sends each whole call in a chunk of its own, without an
   * index).
   */
  private static void readToolCalls(JsonReader parser, ResponseSink out) throws IOException {
    int next = -1;
    while (parser.next() != JsonReader.Token.END_ARRAY) {
      if (parser.current() != JsonReader.Token.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      Piece piece = readPiece(parser);
      int index = piece.index >= 0 ? piece.index : next >= 0 ? next : continuedIndex(piece, out);
      out.toolCall(index, piece.id, piece.name, piece.arguments);
      next = index + 1;
    }
  }

  /** The index for the first piece of an array that has none: see {@link #readToolCalls}. */
  private static int continuedIndex(Piece piece, ResponseSink out) {
    int next = out.nextToolCallIndex();
    if (next == 0) {
      return 0;
    }
    return piece.id.isEmpty() || piece.id.equals(out.lastToolCallId()) ? next - 1 : next;
  }

  /** One tool call, or one piece of a streamed one, as read; {@code index} -1 when absent. */
  private static final class Piece {
    private int index = -1;
    private String id = "";
    private String name = "";
    private String arguments = "";
  }

  private static Piece readPiece(JsonReader parser) throws IOException {
    Piece piece = new Piece();
    while (parser.next() == JsonReader.Token.NAME) {
      String field = parser.name();
      JsonReader.Token token = parser.next();
      switch (field) {
        case "index" -> {
          if (token == JsonReader.Token.INTEGER && parser.longValue() >= 0) {
            piece.index = (int) Math.min(parser.longValue(), Integer.MAX_VALUE);
          }
        }
        case "id" -> piece.id = token == JsonReader.Token.STRING ? parser.text() : piece.id;
        case "function" -> readFunction(parser, token, piece);
        default -> parser.skipChildren();
      }
    }
    return piece;
  }

  /**
   * A {@code function} object's name and arguments into the piece; arguments that are not a string
   * (an object, from some servers) are kept as their JSON text.
   *
   * @return whether there was an object to read
   */
  private static boolean readFunction(JsonReader parser, JsonReader.Token token, Piece piece)
      throws IOException {
    if (token != JsonReader.Token.START_OBJECT) {
      parser.skipChildren();
      return false;
    }
    while (parser.next() == JsonReader.Token.NAME) {
      String member = parser.name();
      JsonReader.Token memberToken = parser.next();
      if ("name".equals(member) && memberToken == JsonReader.Token.STRING) {
        piece.name = parser.text();
      } else if ("arguments".equals(member) && memberToken == JsonReader.Token.STRING) {
        piece.arguments = parser.text();
      } else if ("arguments".equals(member) && memberToken != JsonReader.Token.NULL) {
        piece.arguments = parser.readValue().toJson();
      } else {
        parser.skipChildren();
      }
    }
    return true;
  }

  /**
   * The deprecated {@code function_call} (servers still on the functions API): one call with no id,
   * whole in a body or in pieces in a stream, always at index 0.
   */
  private static void readFunctionCall(JsonReader parser, JsonReader.Token token, ResponseSink out)
      throws IOException {
    Piece piece = new Piece();
    if (readFunction(parser, token, piece)) {
      out.toolCall(0, "", piece.name, piece.arguments);
    }
  }

  /** Text parts are the answer; Mistral's thinking parts are reasoning. */
  private static void readContentParts(JsonReader parser, ResponseSink out) throws IOException {
    StringBuilder text = null;
    while (parser.next() != JsonReader.Token.END_ARRAY) {
      if (parser.current() != JsonReader.Token.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      JsonValue part = parser.readValue();
      String type = part.get("type").flatMap(JsonValue::asString).orElse("text");
      if ("thinking".equals(type)) {
        part.get("thinking").ifPresent(thinking -> out.reasoning(partsText(thinking)));
      } else {
        String partText = part.get("text").flatMap(JsonValue::asString).orElse(null);
        if (partText != null) {
          text = text == null ? new StringBuilder(partText) : text.append(partText);
        }
      }
    }
    if (text != null) {
      out.text(text.toString());
    }
  }

  private static String partsText(JsonValue thinking) {
    if (thinking instanceof JsonValue.StringValue string) {
      return string.value();
    }
    StringBuilder text = new StringBuilder();
    if (thinking instanceof JsonValue.ArrayValue parts) {
      for (JsonValue part : parts.elements()) {
        part.get("text").flatMap(JsonValue::asString).ifPresent(text::append);
      }
    }
    return text.toString();
  }

  private static @Nullable Usage readGroq(JsonReader parser) throws IOException {
    Usage usage = null;
    while (parser.next() == JsonReader.Token.NAME) {
      String field = parser.name();
      JsonReader.Token token = parser.next();
      if ("usage".equals(field) && token == JsonReader.Token.START_OBJECT) {
        usage = readUsage(parser);
      } else {
        parser.skipChildren();
      }
    }
    return usage;
  }

  private static @Nullable Usage readUsage(JsonReader parser) throws IOException {
    // counts as longs, -1 when absent: an OptionalLong per count was five objects per call
    long prompt = -1;
    long completion = -1;
    long total = -1;
    long reasoning = -1;
    long cached = -1;
    while (parser.next() == JsonReader.Token.NAME) {
      String field = parser.name();
      JsonReader.Token token = parser.next();
      switch (field) {
        case "prompt_tokens" -> prompt = count(parser, token);
        case "completion_tokens" -> completion = count(parser, token);
        case "total_tokens" -> total = count(parser, token);
        case "completion_tokens_details" -> reasoning = detail(parser, token, "reasoning_tokens");
        case "prompt_tokens_details" -> cached = detail(parser, token, "cached_tokens");
        default -> parser.skipChildren();
      }
    }
    if (prompt < 0 && completion < 0 && total < 0) {
      return null;
    }
    Usage usage = Usage.of(optional(prompt), optional(completion), optional(total));
    if (reasoning >= 0) {
      usage = usage.withReasoningTokens(reasoning);
    }
    if (cached >= 0) {
      usage = usage.withCachedInputTokens(cached);
    }
    return usage;
  }

  /** One count of a {@code *_tokens_details} object; -1 for {@code null} or no such count. */
  private static long detail(JsonReader parser, JsonReader.Token token, String name)
      throws IOException {
    long found = -1;
    if (token == JsonReader.Token.START_OBJECT) {
      while (parser.next() == JsonReader.Token.NAME) {
        String detail = parser.name();
        JsonReader.Token detailToken = parser.next();
        if (name.equals(detail)) {
          found = count(parser, detailToken);
        } else {
          parser.skipChildren();
        }
      }
    } else {
      parser.skipChildren();
    }
    return found;
  }

  /** A count, or -1 for anything but a non-negative integer. */
  private static long count(JsonReader parser, JsonReader.Token token) throws IOException {
    if (token == JsonReader.Token.INTEGER && parser.longValue() >= 0) {
      return parser.longValue();
    }
    parser.skipChildren();
    return -1;
  }

  private static OptionalLong optional(long count) {
    return count < 0 ? OptionalLong.empty() : OptionalLong.of(count);
  }

  @Override
  public Optional<RuntimeOperations> operations(HttpRuntime client) {
    return Optional.of(new OpenAiRuntimeOperations(client));
  }
}
