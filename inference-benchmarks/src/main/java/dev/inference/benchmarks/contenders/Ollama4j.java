package dev.inference.benchmarks.contenders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inference.benchmarks.Fixtures;
import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatStreamObserver;
import io.github.ollama4j.utils.Options;
import io.github.ollama4j.utils.OptionsBuilder;
import java.net.URI;

/** {@code io.github.ollama4j:ollama4j}, as its README shows. */
final class Ollama4j implements Contender {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Options OPTIONS =
      new OptionsBuilder()
          .setTemperature((float) Fixtures.TEMPERATURE)
          .setNumPredict(Fixtures.MAX_TOKENS)
          .build();

  private final Ollama ollama;

  Ollama4j(URI endpoint) {
    this.ollama = new Ollama(Contenders.origin(endpoint));
    ollama.setRequestTimeoutSeconds(60);
  }

  private static OllamaChatRequest request() {
    return OllamaChatRequest.builder()
        .withModel(Fixtures.MODEL)
        .withMessage(OllamaChatMessageRole.USER, Fixtures.PROMPT)
        .withOptions(OPTIONS);
  }

  @Override
  public String chat() {
    try {
      return ollama.chat(request().build(), null).getResponseModel().getMessage().getResponse();
    } catch (OllamaException failure) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public long stream() {
    long[] chars = {0};
    OllamaChatStreamObserver observer =
        new OllamaChatStreamObserver(thinking -> {}, token -> chars[0] += token.length());
    try {
      ollama.chat(request().withStreaming().build(), observer);
    } catch (OllamaException failure) {
      throw new IllegalStateException(failure);
    }
    return chars[0];
  }

  @Override
  public Object json() {
    try {
      String text =
          ollama
              .chat(request().withGetJsonResponse().build(), null)
              .getResponseModel()
              .getMessage()
              .getResponse();
      return MAPPER.readTree(text);
    } catch (OllamaException | JsonProcessingException failure) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void close() {}
}
