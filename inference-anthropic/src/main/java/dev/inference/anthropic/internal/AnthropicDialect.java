package dev.inference.anthropic.internal;

import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.http.Framing;
import dev.inference.http.HttpDialect;
import dev.inference.http.HttpRuntime;
import dev.inference.http.HttpTransport;
import dev.inference.http.StreamDecoder;
import dev.inference.kit.CallOptions;
import dev.inference.kit.JsonReader;
import dev.inference.kit.JsonWriter;
import dev.inference.kit.ResponseSink;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.SettingsProblem;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The Anthropic Messages dialect: {@code x-api-key} and {@code anthropic-version} headers, a
 * top-level {@code system}, content blocks, {@code max_tokens} always, named SSE events and the
 * {@code {"type":"error","error":{...}}} envelope.
 */
public final class AnthropicDialect implements HttpDialect {

  /** The provider name responses and errors carry. */
  public static final String PROVIDER_NAME = "anthropic";

  /** Anthropic's Messages endpoint. */
  public static final URI DEFAULT_ENDPOINT = URI.create("https://api.anthropic.com/v1/messages");

  /** The API version sent unless {@code anthropic_version} says otherwise. */
  public static final String DEFAULT_VERSION = "2023-06-01";

  /** {@code anthropic_version}: the {@code anthropic-version} header. */
  public static final ConfigKey<String> VERSION =
      ConfigKey.string(
          "anthropic_version", "the anthropic-version header (default " + DEFAULT_VERSION + ")");

  /** {@code anthropic_beta}: the {@code anthropic-beta} header, one value or several. */
  public static final ConfigKey<String> BETA =
      ConfigKey.of(
          "anthropic_beta",
          "beta features, sent as the anthropic-beta header",
          String.class,
          "a string or an array of strings",
          new BetaValues());

  /** {@code auth_scheme}: how the API key is sent. */
  public static final ConfigKey<String> AUTH_SCHEME =
      ConfigKey.oneOf(
          "auth_scheme",
          "how the api_key is sent: x-api-key (default) or bearer (Authorization: Bearer, for"
              + " gateways that want it)",
          List.of("x-api-key", "bearer"));

  /** {@code thinking_budget_tokens}: turns extended thinking on with this budget. */
  public static final ConfigKey<Long> THINKING_BUDGET =
      ConfigKey.integer(
          "thinking_budget_tokens",
          "turns extended thinking on with this many tokens of budget (at least 1024, below the"
              + " output-token limit)",
          1024,
          Integer.MAX_VALUE);

  /** {@code structured_outputs}: whether JSON schemas and strict tools use the API's own mode. */
  public static final ConfigKey<Boolean> STRUCTURED_OUTPUTS =
      ConfigKey.bool(
          "structured_outputs",
          "send JSON schemas as output_config.format and strict tools as strict (default true);"
              + " false asks for the schema in the system prompt instead, for older models");

  /** {@code user_id}: sent as {@code metadata.user_id}. */
  public static final ConfigKey<String> USER_ID =
      ConfigKey.string("user_id", "an opaque end-user id, sent as metadata.user_id");

  /** The profile keys this dialect reads. */
  public static final List<ConfigKey<?>> CONFIG_KEYS =
      List.of(
          VERSION,
          BETA,
          AUTH_SCHEME,
          THINKING_BUDGET,
          STRUCTURED_OUTPUTS,
          USER_ID,
          HttpTransport.HEADERS,
          HttpTransport.MAX_FRAME_BYTES,
          HttpTransport.MAX_BODY_BYTES,
          HttpTransport.HTTP_CLIENT);

  private final Map<String, String> fixedHeaders;
  private final boolean bearer;
  private final AnthropicRequests requests;

  private AnthropicDialect(
      Map<String, String> fixedHeaders, boolean bearer, AnthropicRequests requests) {
    this.fixedHeaders = fixedHeaders;
    this.bearer = bearer;
    this.requests = requests;
  }

  /**
   * The dialect for a profile, with its options checked.
   *
   * @param settings the profile
   * @return the dialect
   * @throws IllegalArgumentException if an option has a bad value
   */
  public static AnthropicDialect of(ProviderSettings settings) {
    List<SettingsProblem> problems = problems(settings);
    if (!problems.isEmpty()) {
      SettingsProblem first = problems.get(0);
      throw new IllegalArgumentException(first.key() + " " + first.message());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.putAll(HttpTransport.HEADERS.from(settings).orElse(Map.of())); // checked above
    headers.put("anthropic-version", VERSION.from(settings).orElse(DEFAULT_VERSION));
    // plain code, not Optional's lambdas, on the way to a client: `inference run` answers describe
    // right after, and linking a lambda's call site costs more there than the rest (StartPathTest)
    Optional<String> beta = BETA.from(settings);
    if (beta.isPresent() && !beta.get().isEmpty()) {
      headers.put("anthropic-beta", beta.get());
    }
    boolean bearer = AUTH_SCHEME.from(settings).orElse("").equals("bearer");
    Optional<String> userId = USER_ID.from(settings);
    AnthropicRequests requests =
        new AnthropicRequests(
            THINKING_BUDGET.from(settings),
            STRUCTURED_OUTPUTS.from(settings).orElse(true),
            userId.isPresent() && !userId.get().isEmpty() ? userId : Optional.empty());
    return new AnthropicDialect(Map.copyOf(headers), bearer, requests);
  }

  /**
   * What is wrong with the profile's driver options: header names, and a thinking budget that does
   * not fit below the profile's output-token limit.
   *
   * @param settings the profile
   * @return the problems, empty when there are none
   */
  public static List<SettingsProblem> problems(ProviderSettings settings) {
    List<SettingsProblem> problems = new ArrayList<>(HttpTransport.headerProblems(settings));
    Optional<Long> budget = THINKING_BUDGET.from(settings);
    OptionalLong limit = settings.maxOutputTokens();
    if (budget.isPresent() && limit.isPresent() && budget.get() >= limit.getAsLong()) {
      problems.add(
          SettingsProblem.error(
              "thinking_budget_tokens",
              "must be below max_output_tokens ("
                  + limit.getAsLong()
                  + "), but was "
                  + budget.get()));
    }
    return problems;
  }

  /**
   * Reads {@link #BETA}. A class, not a method reference: every installed driver's keys are made
   * when {@code inference run} starts, where linking a lambda's call site costs more than loading a
   * class (bench/notes.md).
   */
  private static final class BetaValues implements Function<JsonValue, Optional<String>> {
    @Override
    public Optional<String> apply(JsonValue value) {
      if (value instanceof JsonValue.ArrayValue array) {
        List<String> values = new ArrayList<>();
        for (JsonValue element : array.elements()) {
          Optional<String> text = element.asString();
          if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
          }
          values.add(text.get().strip());
        }
        return Optional.of(String.join(",", values));
      }
      Optional<String> text = value.asString();
      return text.isPresent() ? Optional.of(text.get().strip()) : Optional.empty();
    }
  }

  @Override
  public String kind() {
    return "anthropic_messages";
  }

  @Override
  public String providerName() {
    return PROVIDER_NAME;
  }

  @Override
  public URI endpoint(ProviderSettings settings) {
    return settings.baseUrl().orElse(DEFAULT_ENDPOINT);
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
    String key = settings.apiKey().get().reveal();
    if (bearer) {
      headers.put("Authorization", "Bearer " + key);
    } else {
      headers.put("x-api-key", key);
    }
    return headers;
  }

  @Override
  public void writeRequest(
      JsonWriter out, InferenceRequest request, CallOptions call, boolean stream)
      throws IOException {
    requests.write(out, request, call, stream);
  }

  @Override
  public void readResponse(JsonReader in, ResponseSink out) throws IOException {
    AnthropicResponses.readMessage(in, out);
  }

  @Override
  public StreamDecoder streamDecoder() {
    return new AnthropicStream();
  }

  @Override
  public Optional<RuntimeOperations> operations(HttpRuntime runtime) {
    return Optional.of(new AnthropicRuntimeOperations(runtime));
  }
}
