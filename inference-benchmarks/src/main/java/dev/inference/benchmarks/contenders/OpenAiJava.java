package dev.inference.benchmarks.contenders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.inference.benchmarks.Fixtures;
import java.net.URI;

/** {@code com.openai:openai-java}, as its README shows, with its default retries. */
final class OpenAiJava implements Contender {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OpenAIClient client;

  OpenAiJava(URI endpoint) {
    this.client =
        OpenAIOkHttpClient.builder()
            .apiKey("sk-bench")
            .baseUrl(Contenders.origin(endpoint) + "/v1")
            .build();
  }

  // max_tokens, as the other contenders send it (openai-java marks it deprecated)
  @SuppressWarnings("deprecation")
  private static ChatCompletionCreateParams.Builder params() {
    return ChatCompletionCreateParams.builder()
        .model(Fixtures.MODEL)
        .addUserMessage(Fixtures.PROMPT)
        .temperature(Fixtures.TEMPERATURE)
        .maxTokens(Fixtures.MAX_TOKENS);
  }

  @Override
  public String chat() {
    return client
        .chat()
        .completions()
        .create(params().build())
        .choices()
        .get(0)
        .message()
        .content()
        .orElse("");
  }

  @Override
  public long stream() {
    ChatCompletionCreateParams params =
        params()
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    long[] chars = {0};
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream()
          .forEach(
              chunk ->
                  chunk
                      .choices()
                      .forEach(c -> c.delta().content().ifPresent(t -> chars[0] += t.length())));
    }
    return chars[0];
  }

  @Override
  public Object json() {
    String text =
        client
            .chat()
            .completions()
            .create(params().responseFormat(ResponseFormatJsonObject.builder().build()).build())
            .choices()
            .get(0)
            .message()
            .content()
            .orElse("");
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException failure) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
