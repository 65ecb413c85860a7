package dev.inference.benchmarks.contenders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inference.benchmarks.Fixtures;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** LangChain4j's OpenAI or Ollama chat models, as its README shows, with default retries. */
final class LangChain4j implements Contender {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ChatModel model;
  private final StreamingChatModel streaming;

  LangChain4j(boolean ollama, URI endpoint) {
    String origin = Contenders.origin(endpoint);
    if (ollama) {
      this.model =
          OllamaChatModel.builder()
              .baseUrl(origin)
              .modelName(Fixtures.MODEL)
              .temperature(Fixtures.TEMPERATURE)
              .numPredict(Fixtures.MAX_TOKENS)
              .build();
      this.streaming =
          OllamaStreamingChatModel.builder()
              .baseUrl(origin)
              .modelName(Fixtures.MODEL)
              .temperature(Fixtures.TEMPERATURE)
              .numPredict(Fixtures.MAX_TOKENS)
              .build();
    } else {
      this.model =
          OpenAiChatModel.builder()
              .baseUrl(origin + "/v1")
              .apiKey("sk-bench")
              .modelName(Fixtures.MODEL)
              .temperature(Fixtures.TEMPERATURE)
              .maxTokens(Fixtures.MAX_TOKENS)
              .build();
      this.streaming =
          OpenAiStreamingChatModel.builder()
              .baseUrl(origin + "/v1")
              .apiKey("sk-bench")
              .modelName(Fixtures.MODEL)
              .temperature(Fixtures.TEMPERATURE)
              .maxTokens(Fixtures.MAX_TOKENS)
              .build();
    }
  }

  @Override
  public String chat() {
    return model.chat(Fixtures.PROMPT);
  }

  @Override
  public long stream() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    streaming.chat(
        Fixtures.PROMPT,
        new StreamingChatResponseHandler() {
          private long chars;

          @Override
          public void onPartialResponse(String partial) {
            chars += partial.length();
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(chars);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    try {
      return done.get();
    } catch (ExecutionException failure) {
      throw new IllegalStateException(failure.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  @Override
  public Object json() {
    ChatRequest request =
        ChatRequest.builder()
            .messages(UserMessage.from(Fixtures.PROMPT))
            .responseFormat(ResponseFormat.JSON)
            .build();
    String text = model.chat(request).aiMessage().text();
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException failure) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void close() {}
}
