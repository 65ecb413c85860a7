package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.Part;
import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.generate.OllamaGenerateRequest;
import io.github.ollama4j.models.generate.OllamaGenerateStreamObserver;
import io.github.ollama4j.models.ps.ModelProcessesResult;
import io.github.ollama4j.models.request.ThinkMode;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.ModelDetail;
import io.github.ollama4j.models.response.OllamaResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ollama4j ({@code io.github.ollama4j:ollama4j}) against the stub: every served route and error.
 */
class Ollama4jClientTest {

  private StubServer stub;
  private Ollama ollama;

  @BeforeEach
  void start() {
    stub = StubServer.builder(Dialect.OLLAMA).models("llama3:latest").start();
    ollama = new Ollama(stub.baseUrl().toString());
    ollama.setRequestTimeoutSeconds(10);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private static OllamaChatRequest ask(String prompt) {
    return OllamaChatRequest.builder()
        .withModel("llama3:latest")
        .withMessage(OllamaChatMessageRole.USER, prompt)
        .build();
  }

  @Test
  void theServerRoutesAnswerWithEveryField() throws Exception {
    assertThat(ollama.ping()).isTrue();
    assertThat(ollama.getVersion()).isEqualTo("0.12.6");
    List<Model> models = ollama.listModels();
    assertThat(models).extracting(Model::getName).containsExactly("llama3:latest");
    assertThat(models.get(0).getModelMeta().getFamilies()).containsExactly("stub");
    ModelDetail detail = ollama.getModelDetails("llama3:latest");
    assertThat(detail.getTemplate()).isEqualTo("{{ .Prompt }}");
    assertThat(detail.getLicense()).isEqualTo("stub license");
    assertThat(detail.getParameters()).contains("stop");
    assertThat(detail.getCapabilities()).contains("completion", "tools");
    ModelProcessesResult ps = ollama.ps();
    assertThat(ps.getModels()).hasSize(1);
    assertThat(ps.getModels().get(0).getExpiresAt()).isEqualTo("2099-01-01T00:00:00Z");
    assertThat(ps.getModels().get(0).getSizeVram()).isPositive();
    ollama.pullModel("phi4");
    assertThat(stub.models()).contains("phi4:latest");
    assertThatThrownBy(() -> ollama.getModelDetails("nope"))
        .isInstanceOf(OllamaException.class)
        .hasMessageContaining("model 'nope' not found");
  }

  @Test
  void aChatAnswersWholeAndStreamed() throws Exception {
    OllamaChatResult whole = ollama.chat(ask("hi you"), null);
    OllamaChatResponseModel response = whole.getResponseModel();
    assertThat(response.getMessage().getResponse()).isEqualTo("Stub answer to: hi you");
    assertThat(response.getDoneReason()).isEqualTo("stop");
    assertThat(response.getPromptEvalCount()).isEqualTo(2);
    assertThat(response.getEvalCount()).isEqualTo(5);

    stub.enqueue(Reply.stream("Hel", "lo").withReasoning("think"));
    List<String> tokens = new ArrayList<>();
    OllamaChatRequest streamed = ask("hi");
    streamed.setStream(true);
    OllamaChatResult result =
        ollama.chat(
            streamed,
            chunk -> {
              if (chunk.getMessage() != null && chunk.getMessage().getResponse() != null) {
                tokens.add(chunk.getMessage().getResponse());
              }
            });
    assertThat(String.join("", tokens)).isEqualTo("Hello");
    assertThat(result.getResponseModel().isDone()).isTrue();
  }

  @Test
  void toolCallsArriveWithObjectArguments() throws Exception {
    stub.enqueue(
        Reply.toolCalls(Part.ToolCall.parse("call_1", "get_weather", "{\"city\":\"Paris\"}")));
    OllamaChatRequest request = ask("weather?");
    request.setUseTools(false);
    OllamaChatResult result = ollama.chat(request, null);
    // ollama4j answers the call itself (with no tool registered) and asks again: the answer with
    // the call is in the history
    var answer = result.getChatHistory().get(1);
    assertThat(answer.getRole()).hasToString(OllamaChatMessageRole.ASSISTANT.toString());
    var call = answer.getToolCalls().get(0);
    assertThat(call.getId()).isEqualTo("call_1");
    assertThat(call.getFunction().getName()).isEqualTo("get_weather");
    assertThat(call.getFunction().getArguments()).containsEntry("city", "Paris");
  }

  @Test
  void generateAnswersTheSameScriptedReplies() throws Exception {
    OllamaResult whole =
        ollama.generate(
            OllamaGenerateRequest.builder()
                .withModel("llama3:latest")
                .withPrompt("hi you")
                .withThink(ThinkMode.DISABLED)
                .withStreaming(false)
                .build(),
            null);
    assertThat(whole.getResponse()).isEqualTo("Stub answer to: hi you");
    assertThat(whole.getDoneReason()).isEqualTo("stop");
    assertThat(whole.getEvalCount()).isEqualTo(5);

    stub.enqueue(Reply.stream("a", "b", "c"));
    List<String> tokens = new ArrayList<>();
    OllamaResult streamed =
        ollama.generate(
            OllamaGenerateRequest.builder()
                .withModel("llama3:latest")
                .withPrompt("x")
                .withThink(ThinkMode.DISABLED)
                .withStreaming(true)
                .build(),
            new OllamaGenerateStreamObserver(null, tokens::add));
    assertThat(streamed.getResponse()).isEqualTo("abc");
    assertThat(String.join("", tokens)).isEqualTo("abc");
  }

  @Test
  void errorsShowTheServersMessage() {
    stub.enqueue(Reply.apiError(404, "model 'nope' not found"));
    assertThatThrownBy(() -> ollama.chat(ask("x"), null))
        .isInstanceOf(OllamaException.class)
        .hasMessageContaining("model 'nope' not found");
  }
}
