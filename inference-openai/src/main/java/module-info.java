/**
 * Driver {@code openai_chat_completions}: OpenAI's chat completions API and every server that
 * speaks it (vLLM, llama.cpp, LM Studio, Ollama's {@code /v1}, OpenRouter, Groq, Mistral...).
 */
@org.jspecify.annotations.NullMarked
module dev.inference.openai {
  requires transitive dev.inference;
  requires transitive dev.inference.http;
  requires static org.jspecify;

  exports dev.inference.openai;

  provides dev.inference.spi.ProviderFactory with
      dev.inference.openai.OpenAiProviderFactory;
}
