/**
 * Driver {@code openai_chat_completions}: OpenAI's chat completions API and every server that
 * speaks it (vLLM, llama.cpp, LM Studio, Ollama's {@code /v1}, OpenRouter, Groq, Mistral...).
 */
@org.jspecify.annotations.NullMarked
@SuppressWarnings("module") // dev.inference.platform compiles after this module
module dev.inference.openai {
  requires transitive dev.inference;
  requires dev.inference.http;
  requires static org.jspecify;

  exports dev.inference.openai;
  // the platform driver speaks this dialect too
  exports dev.inference.openai.internal to
      dev.inference.platform;

  provides dev.inference.spi.ProviderFactory with
      dev.inference.openai.OpenAiProviderFactory;
}
