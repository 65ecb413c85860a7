package dev.inference.benchmarks.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.benchmarks.Fixtures;
import dev.inference.benchmarks.contenders.Contender;
import dev.inference.benchmarks.contenders.Contenders;
import dev.inference.stub.Dialect;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cold-start programs exist for every contender, and the code contenders are honest twins. */
class ColdStartContendersTest {

  private static List<String> everyContender() {
    List<String> names = new ArrayList<>(Contenders.ALL);
    names.addAll(Contenders.CODE);
    return names;
  }

  @Test
  void everyContenderHasAColdStartProgram() throws Exception {
    for (String name : everyContender()) {
      assertThat(Class.forName(ColdStartRunner.mainClass(name)).getSimpleName()).endsWith("Start");
    }
    assertThat(ColdStartRunner.mainClass("inference-ollama-code"))
        .endsWith(".InferenceOllamaCodeStart");
  }

  @Test
  void codeContendersSpeakTheDialectOfTheirTomlTwin() {
    assertThat(Contenders.dialect("inference-openai-code")).isEqualTo(Dialect.OPENAI);
    assertThat(Contenders.dialect("inference-ollama-code")).isEqualTo(Dialect.OLLAMA);
    assertThat(Contenders.dialect("ollama4j")).isEqualTo(Dialect.OLLAMA);
    assertThat(Contenders.dialect("lc4j-ollama")).isEqualTo(Dialect.OLLAMA);
    assertThat(Contenders.dialect("raw-anthropic")).isEqualTo(Dialect.ANTHROPIC);
    assertThat(Contenders.dialect("inference-anthropic")).isEqualTo(Dialect.ANTHROPIC);
  }

  @Test
  void theRawTheTomlAndTheCodeContendersAllAnswer() {
    for (Dialect dialect :
        List.of(Dialect.OPENAI, Dialect.OLLAMA, Dialect.ANTHROPIC, Dialect.INFERD)) {
      try (StubServer stub = Fixtures.stub(dialect, Reply.text(Fixtures.CHAT_ANSWER))) {
        String suffix = dialect.name().toLowerCase(java.util.Locale.ROOT);
        for (String name :
            List.of("raw-" + suffix, "inference-" + suffix, "inference-" + suffix + "-code")) {
          assertThat(Contenders.dialect(name)).as(name).isEqualTo(dialect);
          try (Contender contender = Contenders.create(name, stub.chatEndpoint())) {
            assertThat(contender.chat()).as(name).isEqualTo(Fixtures.CHAT_ANSWER);
          }
        }
      }
    }
  }
}
