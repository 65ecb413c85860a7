package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.Part;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModelCard;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's OpenAI and Ollama modules against the stub: answers whole and streamed, tool calls,
 * model listings and errors, asserting what the models return.
 */
class LangChain4jClientsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  static final ToolSpecification WEATHER =
      ToolSpecification.builder()
          .name("get_weather")
          .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
          .build();

  static ChatRequest ask(String prompt) {
    return ChatRequest.builder().messages(UserMessage.from(prompt)).build();
  }

  static ChatRequest askWithTools(String prompt) {
    return ChatRequest.builder()
        .messages(UserMessage.from(prompt))
        .toolSpecifications(WEATHER)
        .build();
  }

  /** The complete response of a streamed chat, and the partial texts in {@code partials}. */
  static ChatResponse stream(StreamingChatModel model, ChatRequest request, StringBuilder partials)
      throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            partials.append(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    return done.get(10, TimeUnit.SECONDS);
  }

  @Test
  void openAiAnswersWholeStreamedWithToolsAndErrors() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      String base = stub.baseUrl() + "/v1";
      ChatModel model =
          OpenAiChatModel.builder()
              .baseUrl(base)
              .apiKey("sk-test")
              .modelName("gpt-x")
              .maxRetries(0)
              .timeout(TIMEOUT)
              .build();
      ChatResponse whole = model.chat(ask("hi you"));
      assertThat(whole.aiMessage().text()).isEqualTo("Stub answer to: hi you");
      assertThat(whole.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(whole.tokenUsage().inputTokenCount()).isEqualTo(2);
      assertThat(whole.tokenUsage().outputTokenCount()).isEqualTo(5);
      assertThat(whole.id()).isEqualTo("chatcmpl-stub-00000001");
      OpenAiChatResponseMetadata metadata = (OpenAiChatResponseMetadata) whole.metadata();
      assertThat(metadata.systemFingerprint()).isEqualTo("fp_stub");
      assertThat(metadata.serviceTier()).isEqualTo("default");

      stub.enqueue(
          Reply.toolCalls(Part.ToolCall.parse("call_w", "get_weather", "{\"city\":\"Paris\"}")));
      ToolExecutionRequest call =
          model.chat(askWithTools("weather?")).aiMessage().toolExecutionRequests().get(0);
      assertThat(call.id()).isEqualTo("call_w");
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");

      StreamingChatModel streaming =
          OpenAiStreamingChatModel.builder()
              .baseUrl(base)
              .apiKey("sk-test")
              .modelName("gpt-x")
              .timeout(TIMEOUT)
              .build();
      stub.enqueue(
          Reply.stream("Hel", "lo"),
          Reply.toolCalls(Part.ToolCall.parse("call_s", "get_weather", "{\"city\":\"Zürich\"}")));
      StringBuilder partials = new StringBuilder();
      ChatResponse streamed = stream(streaming, ask("hi"), partials);
      assertThat(partials).hasToString("Hello");
      assertThat(streamed.aiMessage().text()).isEqualTo("Hello");
      assertThat(streamed.finishReason()).isEqualTo(FinishReason.STOP);
      ChatResponse streamedCall = stream(streaming, askWithTools("weather?"), new StringBuilder());
      assertThat(streamedCall.aiMessage().toolExecutionRequests())
          .extracting(ToolExecutionRequest::name, ToolExecutionRequest::arguments)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Zürich\"}"));
      assertThat(streamedCall.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);

      stub.enqueue(Reply.apiError(429, "Rate limit reached"));
      assertThatThrownBy(() -> model.chat(ask("x")))
          .isInstanceOf(RateLimitException.class)
          .hasMessageContaining("Rate limit reached");
    }
  }

  @Test
  void ollamaAnswersWholeStreamedWithToolsModelsAndErrors() throws Exception {
    try (StubServer stub = StubServer.builder(Dialect.OLLAMA).models("llama3:latest").start()) {
      String base = stub.baseUrl().toString();
      ChatModel model =
          OllamaChatModel.builder()
              .baseUrl(base)
              .modelName("llama3:latest")
              .maxRetries(0)
              .timeout(TIMEOUT)
              .build();
      ChatResponse whole = model.chat(ask("hi you"));
      assertThat(whole.aiMessage().text()).isEqualTo("Stub answer to: hi you");
      assertThat(whole.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(whole.tokenUsage().inputTokenCount()).isEqualTo(2);
      assertThat(whole.tokenUsage().outputTokenCount()).isEqualTo(5);

      stub.enqueue(
          Reply.toolCalls(Part.ToolCall.parse("call_o", "get_weather", "{\"city\":\"Paris\"}")));
      ToolExecutionRequest call =
          model.chat(askWithTools("weather?")).aiMessage().toolExecutionRequests().get(0);
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");

      StreamingChatModel streaming =
          OllamaStreamingChatModel.builder()
              .baseUrl(base)
              .modelName("llama3:latest")
              .timeout(TIMEOUT)
              .build();
      stub.enqueue(Reply.stream("Hel", "lo"));
      StringBuilder partials = new StringBuilder();
      ChatResponse streamed = stream(streaming, ask("hi"), partials);
      assertThat(partials).hasToString("Hello");
      assertThat(streamed.aiMessage().text()).isEqualTo("Hello");

      OllamaModels models = OllamaModels.builder().baseUrl(base).timeout(TIMEOUT).build();
      assertThat(models.availableModels().content())
          .extracting(OllamaModel::getName)
          .containsExactly("llama3:latest");
      OllamaModelCard card = models.modelCard("llama3:latest").content();
      assertThat(card.getTemplate()).isEqualTo("{{ .Prompt }}");
      assertThat(card.getModelInfo()).containsEntry("general.architecture", "stub");
      assertThat(card.getDetails().getFamilies()).containsExactly("stub");
      assertThat(models.runningModels().content()).hasSize(1);

      stub.enqueue(Reply.apiError(404, "model 'nope' not found"));
      assertThatThrownBy(() -> model.chat(ask("x")))
          .isInstanceOf(LangChain4jException.class)
          .hasMessageContaining("model 'nope' not found");
    }
  }
}
