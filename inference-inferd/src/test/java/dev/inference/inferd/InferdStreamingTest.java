package dev.inference.inferd;

import static dev.inference.inferd.InferdTestSupport.WAIT;
import static dev.inference.inferd.InferdTestSupport.client;
import static dev.inference.inferd.InferdTestSupport.deltas;
import static dev.inference.inferd.InferdTestSupport.done;
import static dev.inference.inferd.InferdTestSupport.json;
import static dev.inference.inferd.InferdTestSupport.request;
import static dev.inference.inferd.InferdTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.StreamEvent;
import dev.inference.testkit.SocketServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams and whole answers against a raw socket server writing protocol v1 byte for byte. */
class InferdStreamingTest {

  @TempDir Path dir;

  @Test
  void tokensThenDoneStreamOverAUnixSocketWithACharacterSplitAcrossWrites() throws Exception {
    byte[] accented = token("r1", "caf\u00e9 ").getBytes(StandardCharsets.UTF_8);
    int split = new String(accented, StandardCharsets.UTF_8).indexOf('\u00e9') + 1; // mid-char
    try (SocketServer server =
            SocketServer.unix(
                dir.resolve("infer.sock"),
                c -> {
                  c.readLine();
                  c.write(Arrays.copyOfRange(accented, 0, split));
                  c.write(Arrays.copyOfRange(accented, split, accented.length));
                  c.write(token("r1", "au lait"));
                  c.write(done("r1", "caf\u00e9 au lait", "end"));
                  c.hold();
                });
        InferenceClient client = client(server.endpoint());
        InferenceStream stream = client.stream(request("r1"))) {
      Iterator<StreamEvent> events = stream.iterator();
      StreamEvent last = null;
      StringBuilder text = new StringBuilder();
      while (events.hasNext()) {
        last = events.next();
        if (last instanceof StreamEvent.TextDelta delta) {
          text.append(delta.text());
        }
      }
      assertThat(text.toString()).isEqualTo("caf\u00e9 au lait");
      InferenceResponse response = ((StreamEvent.Completed) last).response();
      assertThat(response.text()).isEqualTo("caf\u00e9 au lait");
      assertThat(response.finishReason()).contains(new FinishReason(FinishReason.Kind.STOP, "end"));
      assertThat(response.usage().orElseThrow().totalTokens()).hasValue(10);
      assertThat(response.providerName()).isEqualTo("inferd");

      JsonValue sent = json(server.lines().get(0));
      assertThat(sent.get("id").flatMap(JsonValue::asString)).contains("r1");
      assertThat(sent.get("stream")).contains(JsonValue.of(true));
      assertThat(sent.get("messages").orElseThrow().toJson())
          .isEqualTo("[{\"role\":\"user\",\"content\":\"Say hi\"}]");
    }
  }

  @Test
  void aWholeAnswerAsksForNoStreamAndTakesTheDoneFramesContent() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(done("r2", "hello there", "length"));
                });
        InferenceClient client = client(server.endpoint())) {
      InferenceResponse response = client.infer(request("r2"));
      assertThat(response.text()).isEqualTo("hello there");
      assertThat(response.finishReason())
          .contains(new FinishReason(FinishReason.Kind.LENGTH, "length"));
      assertThat(json(server.lines().get(0)).get("stream")).contains(JsonValue.of(false));
    }
  }

  @Test
  void aWholeAnswerFromADaemonThatStreamsAnywayIsTheTokensText() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(token("r3", "one "));
                  c.write(token("r3", "two"));
                  c.write(done("r3", "one two", "end"));
                });
        InferenceClient client = client(server.endpoint())) {
      assertThat(client.infer(request("r3")).text()).isEqualTo("one two");
    }
  }

  @Test
  void theTotalDeadlineStopsABlockedCallAndTheDaemonSeesTheConnectionClose() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(token("t1", "slow"));
                  c.hold();
                });
        InferenceClient client =
            client(
                InferdTestSupport.settings(server.endpoint())
                    .requestTimeout(java.time.Duration.ofMillis(300))
                    .build())) {
      assertThatThrownBy(() -> client.infer(request("t1")))
          .isInstanceOfSatisfying(
              InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
      assertThat(server.awaitPeerClosed(0, WAIT)).isTrue();
    }
  }

  @Test
  void anAsynchronousCallReadsTheSameFrames() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(done("as", "later", "end"));
                });
        InferenceClient client = client(server.endpoint())) {
      assertThat(
              client
                  .inferAsync(request("as"))
                  .get(10, java.util.concurrent.TimeUnit.SECONDS)
                  .text())
          .isEqualTo("later");
    }
  }

  @Test
  void cancelledAndErrorStopReasonsKeepTheirWordAndThePartialContent() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(done("a", "", "cancelled"));
                },
                c -> {
                  c.readLine();
                  c.write(done("b", "half an ans", "error"));
                });
        InferenceClient client = client(server.endpoint())) {
      assertThat(client.infer(request("a")).finishReason())
          .contains(new FinishReason(FinishReason.Kind.OTHER, "cancelled"));
      InferenceResponse aborted = client.infer(request("b"));
      assertThat(aborted.finishReason())
          .contains(new FinishReason(FinishReason.Kind.ERROR, "error"));
      assertThat(aborted.text()).isEqualTo("half an ans");
    }
  }

  @Test
  void statusFramesUnknownTypesAndOtherIdsAreIgnored() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(token("r4", "a"));
                  c.write("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"restarting\"}\n");
                  c.write("{\"id\":\"r4\",\"type\":\"status\",\"status\":\"loading_model\"}\n");
                  c.write("{\"id\":\"r4\",\"type\":\"thinking\",\"content\":\"hmm\",\"x\":1}\n");
                  c.write(token("other", "NOT MINE"));
                  c.write(done("other", "NOT MINE", "end"));
                  c.write(token("r4", "b"));
                  c.write(done("r4", "ab", "end"));
                  c.hold();
                });
        InferenceClient client = client(server.endpoint());
        InferenceStream stream = client.stream(request("r4"))) {
      assertThat(deltas(stream.iterator())).containsExactly("a", "b");
    }
  }

  @Test
  void theEndOfInputBeforeATerminalFrameIsATruncatedStreamWithItsPartialText() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(token("r5", "partial"));
                  c.write("{\"type\":\"token\",\"id\":\"r5\",\"content\":\"cut he");
                });
        InferenceClient client = client(server.endpoint());
        InferenceStream stream = client.stream(request("r5"))) {
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).isEqualTo(new StreamEvent.TextDelta("partial"));
      assertThatThrownBy(events::hasNext)
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
                assertThat(e.partialText()).contains("partial");
                assertThat(e.getMessage()).contains("in the middle of a frame");
              });
    }
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(token("r6", "so far"));
                });
        InferenceClient client = client(server.endpoint())) {
      assertThatThrownBy(() -> client.infer(request("r6")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
                assertThat(e.partialText()).contains("so far");
                assertThat(e.getMessage()).contains("before its done or error frame");
              });
    }
  }

  @Test
  void aFrameOverTheCapFailsAtTheCapAndClosesTheConnection() throws Exception {
    String big = "x".repeat(4096);
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  c.readLine();
                  c.write(token("r7", "ok"));
                  c.write("{\"type\":\"token\",\"id\":\"r7\",\"content\":\"" + big);
                  c.hold();
                });
        InferenceClient client =
            client(
                InferdTestSupport.settings(server.endpoint())
                    .option("max_frame_bytes", JsonValue.of(1024))
                    .build());
        InferenceStream stream = client.stream(request("r7"))) {
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).isEqualTo(new StreamEvent.TextDelta("ok"));
      assertThatThrownBy(events::hasNext)
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                assertThat(e.getMessage()).contains("over the 1024-byte cap", "max_frame_bytes");
                assertThat(e.partialText()).contains("ok");
              });
      assertThat(server.awaitPeerClosed(0, WAIT)).isTrue();
    }
  }

  @Test
  void closingAStreamClosesTheConnectionSoTheDaemonCancelsTheJob() throws Exception {
    try (SocketServer server =
            SocketServer.unix(
                dir.resolve("infer.sock"),
                c -> {
                  c.readLine();
                  c.write(token("r8", "first"));
                  c.hold();
                });
        InferenceClient client = client(server.endpoint())) {
      InferenceStream stream = client.stream(request("r8"));
      assertThat(stream.iterator().next()).isEqualTo(new StreamEvent.TextDelta("first"));
      assertThat(server.awaitPeerClosed(0, java.time.Duration.ofMillis(1))).isFalse();
      stream.close();
      assertThat(server.awaitPeerClosed(0, WAIT)).isTrue();
    }
  }

  @Test
  void eachCallHasItsOwnConnectionRatherThanSharingOneKeyedById() throws Exception {
    try (SocketServer server =
            SocketServer.tcp(
                c -> {
                  String id = json(c.readLine()).get("id").flatMap(JsonValue::asString).get();
                  c.write(token(id, id));
                  c.write(done(id, id, "end"));
                });
        InferenceClient client = client(server.endpoint())) {
      InferenceStream first = client.stream(request("one"));
      InferenceStream second = client.stream(request("two"));
      assertThat(deltas(second.iterator())).containsExactly("two");
      assertThat(deltas(first.iterator())).containsExactly("one");
      first.close();
      second.close();
      assertThat(server.connections()).isEqualTo(2);
      assertThat(server.lines()).hasSize(2);
    }
  }
}
