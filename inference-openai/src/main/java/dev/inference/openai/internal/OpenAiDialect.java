package dev.inference.openai.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.ResponseMode;
import dev.inference.RuntimeOperations;
import dev.inference.Usage;
import dev.inference.http.internal.CallOptions;
import dev.inference.http.internal.ChatDialect;
import dev.inference.http.internal.HttpChatClient;
import dev.inference.http.internal.JacksonJson;
import dev.inference.http.internal.ResponseAccumulator;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.ProviderSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
public final class OpenAiDialect implements ChatDialect {

  /** The profile keys this dialect reads. */
  public static final List<ConfigKey> CONFIG_KEYS =
      List.of(
          new ConfigKey(
              "max_tokens_field",
              ConfigKey.Type.STRING,
              "the request field for the output-token limit: max_tokens (default) or"
                  + " max_completion_tokens"),
          new ConfigKey("organization", ConfigKey.Type.STRING, "sent as OpenAI-Organization"),
          new ConfigKey("project", ConfigKey.Type.STRING, "sent as OpenAI-Project"),
          new ConfigKey(
              "headers", ConfigKey.Type.STRING_TABLE, "extra HTTP headers sent with every call"),
          HttpChatClient.MAX_FRAME_BYTES,
          HttpChatClient.MAX_BODY_BYTES);

  private static final List<String> TOKEN_FIELDS = List.of("max_tokens", "max_completion_tokens");

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
    String tokenField = stringOption(settings, "max_tokens_field", "max_tokens");
    if (!TOKEN_FIELDS.contains(tokenField)) {
      throw new IllegalArgumentException(
          "max_tokens_field must be one of " + TOKEN_FIELDS + ", but was '" + tokenField + "'");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    settings
        .option("headers")
        .ifPresent(
            table -> {
              if (!(table instanceof JsonValue.ObjectValue object)) {
                throw new IllegalArgumentException(
                    "headers must be a table of strings, but was " + table.toJson());
              }
              object
                  .members()
                  .forEach(
                      (name, value) ->
                          headers.put(
                              checkedHeaderName(name),
                              value
                                  .asString()
                                  .orElseThrow(
                                      () ->
                                          new IllegalArgumentException(
                                              "headers."
                                                  + name
                                                  + " must be a string, but was "
                                                  + value.toJson()))));
            });
    String organization = stringOption(settings, "organization", "");
    if (!organization.isEmpty()) {
      headers.put("OpenAI-Organization", organization);
    }
    String project = stringOption(settings, "project", "");
    if (!project.isEmpty()) {
      headers.put("OpenAI-Project", project);
    }
    return new OpenAiDialect(providerName, tokenField, Map.copyOf(headers));
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
  public Framing framing() {
    return Framing.SSE;
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

  /**
   * The Bitloops cache-refresh flag: metadata {@code bitloops_refresh_cache} set to {@code true} or
   * {@code "true"} (any case) asks the gateway for a fresh answer.
   */
  public static final String REFRESH_CACHE_METADATA = "bitloops_refresh_cache";

  /** The header the cache-refresh flag becomes. */
  public static final String REFRESH_CACHE_HEADER = "X-Bitloops-Refresh-Cache";

  @Override
  public Map<String, String> requestHeaders(InferenceRequest request) {
    return refreshesCache(request) ? Map.of(REFRESH_CACHE_HEADER, "true") : Map.of();
  }

  /**
   * Whether the request carries the cache-refresh flag.
   *
   * @param request the request
   * @return {@code true} when metadata asks for a fresh answer
   */
  public static boolean refreshesCache(InferenceRequest request) {
    JsonValue flag = request.metadata().get(REFRESH_CACHE_METADATA);
    return flag != null
        && (flag.equals(JsonValue.of(true))
            || flag.asString().map(text -> text.trim().equalsIgnoreCase("true")).orElse(false));
  }

  @Override
  public void writeRequest(
      JsonGenerator out, InferenceRequest request, CallOptions call, boolean stream)
      throws IOException {
    out.writeStartObject();
    out.writeStringField("model", call.settings().model());
    out.writeArrayFieldStart("messages");
    for (Message message : request.messages()) {
      out.writeStartObject();
      out.writeStringField("role", message.role().name().toLowerCase(Locale.ROOT));
      out.writeStringField("content", message.content());
      out.writeEndObject();
    }
    out.writeEndArray();
    if (call.temperature().isPresent()) {
      out.writeNumberField("temperature", call.temperature().getAsDouble());
    }
    if (call.maxOutputTokens().isPresent()) {
      out.writeNumberField(tokenField, call.maxOutputTokens().getAsLong());
    }
    if (request.topP().isPresent()) {
      out.writeNumberField("top_p", request.topP().getAsDouble());
    }
    if (request.seed().isPresent()) {
      out.writeNumberField("seed", request.seed().getAsLong());
    }
    if (!request.stop().isEmpty()) {
      out.writeArrayFieldStart("stop");
      for (String sequence : request.stop()) {
        out.writeString(sequence);
      }
      out.writeEndArray();
    }
    if (request.responseMode() == ResponseMode.JSON_OBJECT) {
      out.writeObjectFieldStart("response_format");
      out.writeStringField("type", "json_object");
      out.writeEndObject();
    } else if (request.responseMode() == ResponseMode.JSON_SCHEMA) {
      out.writeObjectFieldStart("response_format");
      out.writeStringField("type", "json_schema");
      out.writeObjectFieldStart("json_schema");
      out.writeStringField("name", request.jsonSchemaName());
      out.writeFieldName("schema");
      JacksonJson.write(out, request.jsonSchema().orElseThrow());
      out.writeEndObject();
      out.writeEndObject();
    }
    out.writeBooleanField("stream", stream);
    if (stream) {
      out.writeObjectFieldStart("stream_options");
      out.writeBooleanField("include_usage", true);
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  @Override
  public void readResponse(JsonParser parser, ResponseAccumulator out) throws IOException {
    readTopLevel(parser, out);
  }

  @Override
  public void readChunk(JsonParser parser, ResponseAccumulator out) throws IOException {
    readTopLevel(parser, out);
  }

  /** Reads a body or chunk object; {@code message} and {@code delta} are read alike. */
  private static final String CHUNK_OBJECT = "chat.completion.chunk";

  private static void readTopLevel(JsonParser parser, ResponseAccumulator out) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new com.fasterxml.jackson.core.JsonParseException(parser, "expected a JSON object");
    }
    Map<String, JsonValue> errorFields = null;
    String object = null; // every chunk has one: no map or tree for it unless this is an error
    boolean isError = false;
    Usage usage = null;
    Usage groqUsage = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "choices" -> {
          if (token == JsonToken.START_ARRAY) {
            readChoices(parser, out);
          } else {
            parser.skipChildren();
          }
        }
        case "usage" -> usage = token == JsonToken.START_OBJECT ? readUsage(parser) : usage;
        case "x_groq" -> {
          if (token == JsonToken.START_OBJECT) {
            groqUsage = readGroq(parser);
          }
        }
        case "model" -> {
          if (token == JsonToken.VALUE_STRING) {
            out.model(JacksonJson.text(parser, out.model().orElse(null)));
          }
        }
        case "object" -> {
          if (token == JsonToken.VALUE_STRING && errorFields == null) {
            object = JacksonJson.text(parser, CHUNK_OBJECT);
            isError |= "error".equals(object);
          } else {
            JsonValue value = JacksonJson.read(parser);
            errorFields = errorFields(errorFields, object);
            errorFields.put(field, value);
            isError |= value.equals(JsonValue.of("error"));
          }
        }
        case "error", "message", "type", "code", "param" -> {
          JsonValue value = JacksonJson.read(parser);
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

  private static void readChoices(JsonParser parser, ResponseAccumulator out) throws IOException {
    boolean first = true;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (first && parser.currentToken() == JsonToken.START_OBJECT) {
        readChoice(parser, out);
      } else {
        parser.skipChildren();
      }
      first = false;
    }
  }

  private static void readChoice(JsonParser parser, ResponseAccumulator out) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "message", "delta" -> {
          if (token == JsonToken.START_OBJECT) {
            readMessage(parser, out);
          } else {
            parser.skipChildren();
          }
        }
        case "finish_reason" -> {
          if (token == JsonToken.VALUE_STRING && !parser.getText().isEmpty()) {
            out.finishReason(parser.getText());
            out.complete();
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private static void readMessage(JsonParser parser, ResponseAccumulator out) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "content" -> {
          if (token == JsonToken.VALUE_STRING) {
            out.text(parser.getText());
          } else if (token == JsonToken.START_ARRAY) {
            readContentParts(parser, out);
          } else {
            parser.skipChildren();
          }
        }
        case "reasoning_content", "reasoning" -> {
          if (token == JsonToken.VALUE_STRING) {
            out.reasoning(parser.getText());
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  /** Text parts are the answer; Mistral's thinking parts are reasoning. */
  private static void readContentParts(JsonParser parser, ResponseAccumulator out)
      throws IOException {
    StringBuilder text = null;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      JsonValue part = JacksonJson.read(parser);
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

  private static @Nullable Usage readGroq(JsonParser parser) throws IOException {
    Usage usage = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if ("usage".equals(field) && token == JsonToken.START_OBJECT) {
        usage = readUsage(parser);
      } else {
        parser.skipChildren();
      }
    }
    return usage;
  }

  private static @Nullable Usage readUsage(JsonParser parser) throws IOException {
    OptionalLong prompt = OptionalLong.empty();
    OptionalLong completion = OptionalLong.empty();
    OptionalLong total = OptionalLong.empty();
    OptionalLong reasoning = OptionalLong.empty();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "prompt_tokens" -> prompt = count(parser, token);
        case "completion_tokens" -> completion = count(parser, token);
        case "total_tokens" -> total = count(parser, token);
        case "completion_tokens_details" -> {
          if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String detail = parser.currentName();
              JsonToken detailToken = parser.nextToken();
              if ("reasoning_tokens".equals(detail)) {
                reasoning = count(parser, detailToken);
              } else {
                parser.skipChildren();
              }
            }
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (prompt.isEmpty() && completion.isEmpty() && total.isEmpty()) {
      return null;
    }
    return new Usage(prompt, completion, total, reasoning);
  }

  private static OptionalLong count(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT && parser.getLongValue() >= 0) {
      return OptionalLong.of(parser.getLongValue());
    }
    parser.skipChildren();
    return OptionalLong.empty();
  }

  @Override
  public Optional<RuntimeOperations> operations(HttpChatClient client) {
    return Optional.of(new OpenAiRuntimeOperations(client));
  }

  private static String stringOption(ProviderSettings settings, String name, String fallback) {
    return settings
        .option(name)
        .map(
            value ->
                value
                    .asString()
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                name + " must be a string, but was " + value.toJson())))
        .orElse(fallback);
  }

  private static String checkedHeaderName(String name) {
    if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
      throw new IllegalArgumentException("headers: '" + name + "' is not a valid header name");
    }
    return name;
  }
}
