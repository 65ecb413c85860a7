package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.StreamEvent;
import dev.inference.spi.InferenceStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Coverage-guided fuzzing of the stdio protocol: any bytes on stdin, served by {@link ProtocolLoop}
 * with a small line limit, end with exit code 0 (or 1 for input that is not UTF-8, said on stderr),
 * never an exception; every line written to stdout is one JSON object with a string {@code
 * request_id} and {@code type}, and parses back to itself. {@link RequestDecoder} on any UTF-8 line
 * decodes or throws its {@link Protocol.DecodeException}.
 */
class ProtocolFuzzTest {

  private static final int MAX_LINE_BYTES = 512;

  @FuzzTest(maxDuration = "60s")
  void loop(byte[] stdin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new ProtocolLoop(
                new EchoClient(),
                "main",
                List.of(),
                new ByteArrayInputStream(stdin),
                out,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                MAX_LINE_BYTES,
                Function.identity())
            .run();
    assertThat(code).isIn(ExitCodes.OK, ExitCodes.FAILURE);
    if (code == ExitCodes.FAILURE) {
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("valid UTF-8");
    }
    String written = out.toString(StandardCharsets.UTF_8);
    for (String line : written.isEmpty() ? new String[0] : written.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      JsonValue json = JsonValue.parse(line);
      assertThat(json).isInstanceOf(JsonValue.ObjectValue.class);
      assertThat(json.get("request_id").flatMap(JsonValue::asString)).isPresent();
      assertThat(json.get("type").flatMap(JsonValue::asString)).isPresent();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void requestLine(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8).replace("\n", " ");
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    try {
      Protocol.Request request = RequestDecoder.decode(utf8, utf8.length);
      assertThat(request.requestId()).isNotNull();
    } catch (Protocol.DecodeException e) {
      assertThat(e.requestId()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  /** Answers every request with its last message's text; streams it as two deltas. */
  private static final class EchoClient implements InferenceClient {

    @Override
    public InferenceResponse infer(InferenceRequest request) {
      return InferenceResponse.builder()
          .text("echo")
          .providerName("echo")
          .modelName("m1")
          .requestId(request.requestId())
          .build();
    }

    @Override
    public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
      return CompletableFuture.completedFuture(infer(request));
    }

    @Override
    public InferenceStream stream(InferenceRequest request) {
      List<StreamEvent> events =
          List.of(
              new StreamEvent.TextDelta("ec"),
              new StreamEvent.TextDelta("ho"),
              new StreamEvent.Completed(infer(request)));
      return InferenceStreams.of(events.iterator(), () -> {});
    }

    @Override
    public ProviderDescription describe() {
      return new ProviderDescription(
          "openai_chat_completions", "echo", "m1", "memory:", Capabilities.builder().build());
    }

    @Override
    public void close() {}
  }
}
