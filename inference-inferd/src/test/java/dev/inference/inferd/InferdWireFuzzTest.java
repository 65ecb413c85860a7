package dev.inference.inferd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.Secret;
import dev.inference.StreamEvent;
import dev.inference.testkit.SocketServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Coverage-guided fuzzing of the inferd driver over its socket: whatever bytes the daemon answers a
 * request with (the frames of protocol v1, or anything else), a call and a stream end in a
 * response, events or an {@link InferenceException}, never another exception, and the key sent in
 * the auth frame shows in no message. Every {@code @@} in the bytes is replaced by the key first.
 */
class InferdWireFuzzTest {

  private static final String KEY = "sk-inferd-fuzz-KEY-9d41";

  private static final AtomicReference<byte[]> ANSWER = new AtomicReference<>(new byte[0]);

  private static final SocketServer SERVER =
      SocketServer.tcp(
          connection -> {
            String line = connection.readLine();
            while (line != null && line.contains("\"auth\"")) {
              line = connection.readLine();
            }
            connection.write(ANSWER.get()).endOutput();
          });

  private static final InferenceClient CLIENT =
      InferdTestSupport.client(
          InferdTestSupport.settings(SERVER.endpoint())
              .apiKey(Secret.of(KEY))
              .circuitBreakerEnabled(false)
              .build());

  private static final InferenceRequest REQUEST =
      InferenceRequest.builder().userPrompt("hi").requestId("fz").build();

  private static final int PORT = URI.create(SERVER.endpoint()).getPort();

  @FuzzTest(maxDuration = "60s")
  void wire(byte[] frames) {
    // the driver connects to this test's own server, which Jazzer's SSRF detector must allow
    BugDetectors.allowNetworkConnections((host, port) -> port == PORT);
    String text = new String(frames, StandardCharsets.ISO_8859_1).replace("@@", KEY);
    ANSWER.set(text.getBytes(StandardCharsets.ISO_8859_1));
    try {
      assertThat(CLIENT.infer(REQUEST)).isNotNull();
    } catch (InferenceException e) {
      checkMessage(e);
    }
    try (InferenceStream stream = CLIENT.stream(REQUEST)) {
      for (StreamEvent event : stream) {
        assertThat(event).isNotNull();
      }
    } catch (InferenceException e) {
      checkMessage(e);
    }
  }

  private static void checkMessage(InferenceException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
    }
  }
}
