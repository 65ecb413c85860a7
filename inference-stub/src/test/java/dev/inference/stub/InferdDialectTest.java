package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The inferd v1 dialect on a Unix socket, byte for byte, with a raw client. */
@Timeout(30)
class InferdDialectTest {

  private static final String HI =
      "{\"id\":\"r1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}\n";

  private Path dir;
  private StubServer stub;

  @BeforeEach
  void start() throws Exception {
    dir = InferdRaw.shortDirectory();
    stub =
        StubServer.builder(Dialect.INFERD)
            .inferd(InferdOptions.builder().socket(dir.resolve("infer.sock")).build())
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    stub.close();
    InferdRaw.deleteAll(dir);
  }

  private InferdRaw connect() throws Exception {
    return InferdRaw.unix(dir.resolve("infer.sock"));
  }

  private static String request(String id, String more) {
    return "{\"id\":\""
        + id
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]"
        + more
        + "}\n";
  }

  @Test
  void aStreamedReplyIsTokenFramesThenOneDoneFrameEvenWhenTheRequestArrivesSplitInACharacter()
      throws Exception {
    stub.enqueue(Reply.stream("Hel", "lo \u00e9t\u00e9"));
    byte[] frame =
        "{\"id\":\"r1\",\"messages\":[{\"role\":\"user\",\"content\":\"caf\u00e9 au lait\"}]}\n"
            .getBytes(StandardCharsets.UTF_8);
    int middleOfE = new String(frame, StandardCharsets.UTF_8).indexOf('\u00e9') + 1;
    try (InferdRaw client = connect()) {
      client.send(Arrays.copyOfRange(frame, 0, middleOfE));
      client.send(Arrays.copyOfRange(frame, middleOfE, frame.length));
      assertThat(client.line())
          .isEqualTo("{\"type\":\"token\",\"id\":\"r1\",\"content\":\"Hel\"}\n");
      assertThat(client.line())
          .isEqualTo("{\"type\":\"token\",\"id\":\"r1\",\"content\":\"lo \u00e9t\u00e9\"}\n");
      assertThat(client.line())
          .isEqualTo(
              "{\"type\":\"done\",\"id\":\"r1\",\"content\":\"Hello \u00e9t\u00e9\","
                  + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2},"
                  + "\"stop_reason\":\"end\",\"backend\":\"mock\"}\n");
    }
    RecordedRequest recorded = stub.chatRequests().get(0);
    assertThat(recorded.method()).isEqualTo("FRAME");
    assertThat(recorded.path()).isEqualTo("infer");
    assertThat(recorded.body()).isEqualTo(new String(frame, StandardCharsets.UTF_8).strip());
    assertThat(stub.chatEndpoint()).isEqualTo(URI.create("unix:" + dir.resolve("infer.sock")));
  }

  @Test
  void streamFalseGetsTheDoneFrameOnlyAndTheDefaultReplyAnswersAnEmptyScript() throws Exception {
    stub.enqueue(Reply.text("one two three").withUsage(7, 3));
    try (InferdRaw client = connect()) {
      client.send(request("a", ",\"stream\":false"));
      assertThat(client.line())
          .isEqualTo(
              "{\"type\":\"done\",\"id\":\"a\",\"content\":\"one two three\","
                  + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3},"
                  + "\"stop_reason\":\"end\",\"backend\":\"mock\"}\n");
      client.send(request("b", ",\"stream\":false,\"temperature\":0.2,\"top_k\":64"));
      assertThat(client.line())
          .isEqualTo(
              "{\"type\":\"done\",\"id\":\"b\",\"content\":\"Stub answer to: hi there\","
                  + "\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":5},"
                  + "\"stop_reason\":\"end\",\"backend\":\"mock\"}\n");
    }
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            Reply.error(429, "{\"error\":{\"message\":\"slow down\"}}"), "queue_full", "slow down"),
        Arguments.of(Reply.error(503, "backend down"), "backend_unavailable", "backend down"),
        Arguments.of(Reply.error(400, "{\"message\":\"bad\"}"), "invalid_request", "bad"),
        Arguments.of(Reply.error(500, ""), "internal", "stub error"),
        Arguments.of(Reply.inferdError("frame_too_large", "too big"), "frame_too_large", "too big"),
        Arguments.of(Reply.inferdError("queue_full", "busy"), "queue_full", "busy"),
        Arguments.of(
            Reply.inferdError("tool_call_malformed", "v2 code"), "tool_call_malformed", "v2 code"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void aScriptedErrorIsOneErrorFrameWithItsCode(Reply reply, String code, String message)
      throws Exception {
    stub.enqueue(reply);
    try (InferdRaw client = connect()) {
      client.send(HI);
      assertThat(client.line())
          .isEqualTo(
              "{\"type\":\"error\",\"id\":\"r1\",\"code\":\""
                  + code
                  + "\",\"message\":\""
                  + message
                  + "\"}\n");
      client.send(request("next", ""));
      assertThat(client.line()).startsWith("{\"type\":\"token\",\"id\":\"next\",");
    }
  }

  @Test
  void theControlEndpointScriptsInferdErrorsByCode() throws Exception {
    HttpResponse<String> queued =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/_stub/replies"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "[{\"type\":\"error\",\"code\":\"backend_unavailable\","
                                + "\"message\":\"warming\"},{\"type\":\"error\",\"status\":429}]"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(queued.body()).isEqualTo("{\"queued\":2}");
    try (InferdRaw client = connect()) {
      client.send(HI).send(request("r2", ""));
      assertThat(client.line())
          .isEqualTo(
              "{\"type\":\"error\",\"id\":\"r1\",\"code\":\"backend_unavailable\","
                  + "\"message\":\"warming\"}\n");
      assertThat(client.line())
          .isEqualTo(
              "{\"type\":\"error\",\"id\":\"r2\",\"code\":\"queue_full\",\"message\":\"stub error\"}\n");
    }
    HttpResponse<String> chat =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/api/chat")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(chat.statusCode()).isEqualTo(404);
    assertThat(chat.body()).contains("answers on unix:", "/_stub/ control endpoints");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("{\"id\":\"e\",\"messages\":[]}\n", "e", "messages must not be empty"),
        Arguments.of("{\"id\":\"m\"}\n", "m", "messages must not be empty"),
        Arguments.of(
            "{\"id\":\"r\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}\n",
            "r",
            "messages[0].role must be system, user or assistant, but was \\\"tool\\\""),
        Arguments.of(
            "{\"id\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}\n",
            "c",
            "messages[0].content must be a string (inferd v1 has no content parts)"),
        Arguments.of(
            request("b", ",\"image_token_budget\":100"),
            "b",
            "image_token_budget must be one of 70, 140, 280, 560, 1120, but was 100"),
        Arguments.of(
            request("t", ",\"max_tokens\":-1"),
            "t",
            "max_tokens must be a whole number >= 0, but was -1"),
        Arguments.of("{not json}\n", "", "the frame is not JSON"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void anInvalidRequestGetsInvalidRequestAndLeavesTheScriptAlone(
      String frame, String id, String message) throws Exception {
    stub.enqueue(Reply.text("kept"));
    try (InferdRaw client = connect()) {
      client.send(frame);
      assertThat(client.line())
          .startsWith(
              "{\"type\":\"error\",\"id\":\""
                  + id
                  + "\",\"code\":\"invalid_request\",\"message\":\""
                  + message)
          .endsWith("\"}\n");
      client.send(request("ok", ",\"stream\":false,\"image_token_budget\":280"));
      assertThat(client.line()).startsWith("{\"type\":\"done\",\"id\":\"ok\",\"content\":\"kept\"");
    }
    assertThat(stub.chatRequests()).hasSize(2);
  }

  @Test
  void twoRequestsOnOneConnectionAreAnsweredInOrderKeyedById() throws Exception {
    stub.enqueue(Reply.stream("a1"), Reply.stream("b1", "b2"));
    try (InferdRaw client = connect()) {
      client.send(request("first", "") + request("second", ""));
      assertThat(client.line())
          .isEqualTo("{\"type\":\"token\",\"id\":\"first\",\"content\":\"a1\"}\n");
      assertThat(client.line())
          .startsWith("{\"type\":\"done\",\"id\":\"first\",\"content\":\"a1\"");
      assertThat(client.line())
          .isEqualTo("{\"type\":\"token\",\"id\":\"second\",\"content\":\"b1\"}\n");
      assertThat(client.line())
          .isEqualTo("{\"type\":\"token\",\"id\":\"second\",\"content\":\"b2\"}\n");
      assertThat(client.line())
          .startsWith("{\"type\":\"done\",\"id\":\"second\",\"content\":\"b1b2\"");
    }
  }

  @Test
  void theScriptedFinishReasonIsTheStopReason() throws Exception {
    stub.enqueue(
        Reply.text("cut").withFinishReason("length"),
        Reply.text("gone").withFinishReason("cancelled").withoutUsage());
    try (InferdRaw client = connect()) {
      client.send(request("l", ",\"stream\":false")).send(request("c", ",\"stream\":false"));
      assertThat(client.line())
          .isEqualTo(
              "{\"type\":\"done\",\"id\":\"l\",\"content\":\"cut\",\"usage\":{\"prompt_tokens\":2,"
                  + "\"completion_tokens\":1},\"stop_reason\":\"length\",\"backend\":\"mock\"}\n");
      assertThat(client.line())
          .isEqualTo(
              "{\"type\":\"done\",\"id\":\"c\",\"content\":\"gone\",\"stop_reason\":\"cancelled\","
                  + "\"backend\":\"mock\"}\n");
    }
  }

  @Test
  void aStreamCanEndInAnInternalErrorOrWithoutATerminalFrame() throws Exception {
    stub.enqueue(
        Reply.stream("x").failingAfterDeltas("boom"), Reply.stream("y").truncatedAfterDeltas());
    try (InferdRaw client = connect()) {
      client.send(request("f", "")).send(request("t", ""));
      assertThat(client.line()).isEqualTo("{\"type\":\"token\",\"id\":\"f\",\"content\":\"x\"}\n");
      assertThat(client.line())
          .isEqualTo(
              "{\"type\":\"error\",\"id\":\"f\",\"code\":\"internal\",\"message\":\"boom\"}\n");
      assertThat(client.line()).isEqualTo("{\"type\":\"token\",\"id\":\"t\",\"content\":\"y\"}\n");
      assertThat(client.line()).as("EOF without a done frame").isNull();
    }
  }

  @Test
  void aFrameOverTheCapGetsFrameTooLargeThenTheConnectionCloses() throws Exception {
    Path small = dir.resolve("small.sock");
    String atCap = "{\"messages\":[{\"role\":\"user\",\"content\":\"xxxxxxxxxxxxxxxxxxxxx\"}]}";
    assertThat(atCap.getBytes(StandardCharsets.UTF_8)).hasSize(64);
    try (StubServer capped =
        StubServer.builder(Dialect.INFERD)
            .inferd(InferdOptions.builder().socket(small).maxFrameBytes(64).build())
            .start()) {
      try (InferdRaw client = InferdRaw.unix(small)) {
        client.send(atCap + "\n");
        String line = client.line();
        while (line != null && line.startsWith("{\"type\":\"token\",\"id\":\"\",")) {
          line = client.line();
        }
        assertThat(line).as("a frame at the cap is answered").startsWith("{\"type\":\"done\",");
        client.send(atCap.replace("}]}", "}]} "));
        assertThat(client.line())
            .isEqualTo(
                "{\"type\":\"error\",\"id\":\"\",\"code\":\"frame_too_large\",\"message\":"
                    + "\"a frame passed the cap of 64 bytes without a newline\"}\n");
        assertThat(client.rest()).as("closed, never resynced").isEmpty();
      }
      assertThat(capped.chatRequests()).hasSize(1);
    }
  }

  @Test
  void aClientThatGoesAwayMidStreamCancelsItsJob() throws Exception {
    stub.enqueue(Reply.stream("a", "b").stallingAfterDeltas());
    try (InferdRaw client = connect()) {
      client.send(HI).send(request("queued", ""));
      assertThat(client.line()).isEqualTo("{\"type\":\"token\",\"id\":\"r1\",\"content\":\"a\"}\n");
      assertThat(client.line()).isEqualTo("{\"type\":\"token\",\"id\":\"r1\",\"content\":\"b\"}\n");
      client.shutdownOutput();
      assertThat(client.rest()).as("nothing more, then EOF").isEmpty();
    }
    assertThat(stub.inferd().cancelled())
        .extracting(r -> r.json().get("id").orElseThrow().toJson())
        .containsExactly("\"r1\"", "\"queued\"");
    assertThat(stub.chatRequests()).hasSize(2);
  }

  @Test
  void aDroppedReplyClosesTheConnectionWithoutAnswer() throws Exception {
    stub.enqueue(Reply.drop());
    try (InferdRaw client = connect()) {
      client.send(HI);
      assertThat(client.line()).isNull();
    }
    assertThat(Files.exists(dir.resolve("infer.sock"))).isTrue();
    try (InferdRaw again = connect()) {
      again.send(HI);
      assertThat(again.line())
          .startsWith("{\"type\":\"token\",\"id\":\"r1\",\"content\":\"Stub\"}");
    }
  }
}
