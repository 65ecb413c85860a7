/** Driver {@code ollama_chat}: Ollama's native chat API, {@code POST /api/chat}. */
@org.jspecify.annotations.NullMarked
module dev.inference.ollama {
  requires transitive dev.inference;
  requires dev.inference.http;
  requires static org.jspecify;

  exports dev.inference.ollama;

  provides dev.inference.spi.ProviderFactory with
      dev.inference.ollama.OllamaProviderFactory;
}
