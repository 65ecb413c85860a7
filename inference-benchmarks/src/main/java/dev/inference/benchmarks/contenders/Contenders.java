package dev.inference.benchmarks.contenders;

import dev.inference.stub.Dialect;
import java.net.URI;
import java.util.List;

/** The contenders by name, as JMH {@code @Param} values name them. */
public final class Contenders {

  /** Every contender, OpenAI dialect first, Anthropic last. */
  public static final List<String> ALL =
      List.of(
          "raw-openai",
          "inference-openai",
          "openai-java",
          "lc4j-openai",
          "raw-ollama",
          "inference-ollama",
          "lc4j-ollama",
          "ollama4j",
          "raw-inferd",
          "inference-inferd",
          "raw-anthropic",
          "inference-anthropic");

  /**
   * This library's clients built in code ({@code Inference.connect} with {@code ProviderSettings}),
   * without a TOML config: the same client as {@code inference-openai} and {@code
   * inference-ollama}, so they run in the cold start only, where the config costs time.
   */
  public static final List<String> CODE =
      List.of(
          "inference-openai-code",
          "inference-ollama-code",
          "inference-anthropic-code",
          "inference-inferd-code",
          "inference-openai-apache-code");

  private Contenders() {}

  /**
   * The dialect a contender speaks.
   *
   * @param name the contender
   * @return its dialect
   */
  public static Dialect dialect(String name) {
    if (name.contains("inferd")) {
      return Dialect.INFERD;
    }
    if (name.contains("anthropic")) {
      return Dialect.ANTHROPIC;
    }
    return name.contains("ollama") ? Dialect.OLLAMA : Dialect.OPENAI;
  }

  /**
   * Creates a contender.
   *
   * @param name one of {@link #ALL} or {@link #CODE}
   * @param chatEndpoint the stub's chat endpoint
   * @return the contender, ready to call
   */
  public static Contender create(String name, URI chatEndpoint) {
    return switch (name) {
      case "raw-openai" -> new RawOpenAi(chatEndpoint);
      case "raw-openai-okhttp" -> new RawOpenAiOkHttp(chatEndpoint);
      case "raw-openai-apache" -> new RawOpenAiApache(chatEndpoint);
      case "raw-ollama" -> new RawOllama(chatEndpoint);
      case "raw-anthropic" -> new RawAnthropic(chatEndpoint);
      case "raw-inferd" -> new RawInferd(chatEndpoint);
      case "inference-inferd" -> InferenceLibrary.fromToml("inferd", chatEndpoint);
      case "inference-inferd-code" -> InferenceLibrary.inCode("inferd", chatEndpoint);
      case "inference-anthropic-code" ->
          InferenceLibrary.inCode("anthropic_messages", chatEndpoint);
      case "inference-anthropic" -> InferenceLibrary.fromToml("anthropic_messages", chatEndpoint);
      case "inference-openai" -> InferenceLibrary.fromToml("openai_chat_completions", chatEndpoint);
      case "inference-openai-apache" ->
          InferenceLibrary.fromToml(
              "openai_chat_completions", chatEndpoint, "http_client = \"apache\"\n");
      case "inference-ollama" -> InferenceLibrary.fromToml("ollama_chat", chatEndpoint);
      case "inference-openai-code" ->
          InferenceLibrary.inCode("openai_chat_completions", chatEndpoint);
      case "inference-openai-apache-code" ->
          InferenceLibrary.inCode("openai_chat_completions", chatEndpoint, "apache");
      case "inference-ollama-code" -> InferenceLibrary.inCode("ollama_chat", chatEndpoint);
      case "openai-java" -> new OpenAiJava(chatEndpoint);
      case "lc4j-openai" -> new LangChain4j(false, chatEndpoint);
      case "lc4j-ollama" -> new LangChain4j(true, chatEndpoint);
      case "ollama4j" -> new Ollama4j(chatEndpoint);
      default ->
          throw new IllegalArgumentException(
              "no contender '" + name + "'; known: " + ALL + " and " + CODE);
    };
  }

  /**
   * The base URL of an endpoint: scheme, host and port.
   *
   * @param endpoint the chat endpoint
   * @return {@code http://host:port}
   */
  static String origin(URI endpoint) {
    return endpoint.getScheme() + "://" + endpoint.getHost() + ":" + endpoint.getPort();
  }
}
