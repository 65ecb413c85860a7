package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.JsonValue;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loopback TCP with a key, the admin socket and its lifecycle, and the options' checks. */
@Timeout(30)
class InferdSocketsTest {

  private static final String HI =
      "{\"id\":\"r1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}\n";
  private static final String SECRET = "k-5ecret-4711";

  private Path dir;

  @BeforeEach
  void directory() throws Exception {
    dir = InferdRaw.shortDirectory();
  }

  @AfterEach
  void clean() throws Exception {
    InferdRaw.deleteAll(dir);
  }

  private static StubServer tcp() {
    return StubServer.builder(Dialect.INFERD)
        .inferd(InferdOptions.builder().tcpPort(0).key(SECRET).build())
        .start();
  }

  @Test
  void overTcpTheRightKeyInTheFirstFrameOpensTheConnection() throws Exception {
    try (StubServer stub = tcp()) {
      int port = stub.inferd().port().orElseThrow();
      assertThat(stub.chatEndpoint()).isEqualTo(URI.create("tcp://127.0.0.1:" + port));
      assertThat(stub.inferd().socket()).isEmpty();
      try (InferdRaw client = InferdRaw.tcp(port)) {
        client.send("{\"type\":\"auth\",\"key\":\"" + SECRET + "\"}\n" + HI);
        assertThat(client.line())
            .isEqualTo(
                "{\"type\":\"done\",\"id\":\"r1\",\"content\":\"Stub answer to: hi\","
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":4},"
                    + "\"stop_reason\":\"end\",\"backend\":\"mock\"}\n");
      }
      assertThat(stub.chatRequests()).extracting(RecordedRequest::body).containsExactly(HI.strip());
    }
  }

  @Test
  void overTcpAWrongOrMissingKeyClosesTheConnectionSilently() throws Exception {
    try (StubServer stub = tcp()) {
      int port = stub.inferd().port().orElseThrow();
      for (String first :
          List.of(
              "{\"type\":\"auth\",\"key\":\"k-5ecret-4712\"}\n",
              "{\"type\":\"auth\",\"key\":\"" + SECRET + "x\"}\n",
              HI,
              "not json\n")) {
        try (InferdRaw client = InferdRaw.tcp(port)) {
          client.send(first);
          assertThat(client.rest()).as("no byte before EOF after %s", first).isEmpty();
        }
      }
      try (InferdRaw client = InferdRaw.tcp(port)) {
        client.shutdownOutput();
        assertThat(client.rest()).as("EOF before any frame").isEmpty();
      }
      assertThat(stub.requests()).isEmpty();
      assertThat(stub.toString() + InferdOptions.builder().tcpPort(0).key(SECRET).build())
          .doesNotContain(SECRET);
    }
  }

  @Test
  void theAdminSocketSendsTheSnapshotThenEachChangeThenDrainingAndEofOnStop() throws Exception {
    Path infer = dir.resolve("infer.sock");
    Path admin = dir.resolve("admin.sock");
    StubServer stub =
        StubServer.builder(Dialect.INFERD)
            .inferd(
                InferdOptions.builder()
                    .socket(infer)
                    .adminSocket(admin)
                    .lifecycle(List.of(AdminStatus.of("starting")))
                    .build())
            .start();
    try (InferdRaw watcher = InferdRaw.unix(admin)) {
      assertThat(watcher.line())
          .isEqualTo("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"starting\"}\n");
      assertThat(Files.exists(infer)).as("no inference socket before ready").isFalse();
      assertThat(stub.inferd().awaitReady(Duration.ZERO)).isFalse();
      assertThatThrownBy(() -> InferdRaw.unix(infer)).isInstanceOf(SocketException.class);

      stub.inferd()
          .publish(
              AdminStatus.loadingModel("download")
                  .with("downloaded_bytes", 33_554_432)
                  .with("total_bytes", JsonValue.ofNull())
                  .with("source_url", "https://example.invalid/m.gguf"));
      assertThat(watcher.line())
          .isEqualTo(
              "{\"id\":\"admin\",\"type\":\"status\",\"status\":\"loading_model\","
                  + "\"phase\":\"download\",\"downloaded_bytes\":33554432,\"total_bytes\":null,"
                  + "\"source_url\":\"https://example.invalid/m.gguf\"}\n");
      stub.inferd().publish(AdminStatus.of("warming_up").with("gpu_layers", 33));
      assertThat(watcher.line())
          .isEqualTo(
              "{\"id\":\"admin\",\"type\":\"status\",\"status\":\"warming_up\",\"gpu_layers\":33}\n");
      stub.inferd().publish(AdminStatus.of(AdminStatus.READY));
      assertThat(watcher.line())
          .isEqualTo("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"ready\"}\n");
      assertThat(stub.inferd().awaitReady(Duration.ZERO)).isTrue();
      try (InferdRaw client = InferdRaw.unix(infer)) {
        client.send(HI);
        assertThat(client.line()).startsWith("{\"type\":\"done\",\"id\":\"r1\",");
      }
      try (InferdRaw late = InferdRaw.unix(admin)) {
        assertThat(late.line())
            .as("a new reader gets the current status first")
            .isEqualTo("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"ready\"}\n");
      }
      stub.close();
      assertThat(watcher.line())
          .isEqualTo("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"draining\"}\n");
      assertThat(watcher.line()).as("EOF").isNull();
    } finally {
      stub.close();
    }
    assertThat(Files.exists(infer)).isFalse();
    assertThat(Files.exists(admin)).isFalse();
  }

  @Test
  void theDefaultLifecycleWithoutDelayIsReadyWhenTheServerStarts() throws Exception {
    Path admin = dir.resolve("admin.sock");
    try (StubServer stub =
        StubServer.builder(Dialect.INFERD)
            .inferd(InferdOptions.builder().tcpPort(0).adminSocket(admin).build())
            .start()) {
      assertThat(stub.inferd().awaitReady(Duration.ZERO)).isTrue();
      assertThat(stub.inferd().adminSocket()).contains(admin);
      try (InferdRaw watcher = InferdRaw.unix(admin)) {
        assertThat(watcher.line())
            .isEqualTo("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"ready\"}\n");
      }
      try (InferdRaw client = InferdRaw.tcp(stub.inferd().port().orElseThrow())) {
        client.send(HI);
        assertThat(client.line()).startsWith("{\"type\":\"done\",\"id\":\"r1\",");
      }
    }
    List<String> frames =
        AdminStatus.defaultLifecycle().stream()
            .map(s -> new String(InferdWire.status(s), StandardCharsets.UTF_8))
            .toList();
    assertThat(frames.get(0))
        .isEqualTo("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"starting\"}\n");
    assertThat(frames.get(1))
        .isEqualTo(
            "{\"id\":\"admin\",\"type\":\"status\",\"status\":\"loading_model\","
                + "\"phase\":\"checking_local\",\"path\":\"/models/stub-model.gguf\"}\n");
    assertThat(frames.get(3))
        .isEqualTo(
            "{\"id\":\"admin\",\"type\":\"status\",\"status\":\"loading_model\","
                + "\"phase\":\"download\",\"downloaded_bytes\":2097152,\"total_bytes\":4194304,"
                + "\"source_url\":\"https://models.stub.invalid/stub-model.gguf\"}\n");
    assertThat(frames.get(6))
        .isEqualTo(
            "{\"id\":\"admin\",\"type\":\"status\",\"status\":\"loading_model\","
                + "\"phase\":\"kv_cache\",\"n_ctx\":8192}\n");
    assertThat(frames)
        .hasSize(8)
        .last()
        .isEqualTo("{\"id\":\"admin\",\"type\":\"status\",\"status\":\"ready\"}\n");
  }

  @Test
  void restartingClosesTheInferenceSocketUntilTheNextReady() throws Exception {
    Path infer = dir.resolve("infer.sock");
    try (StubServer stub =
        StubServer.builder(Dialect.INFERD)
            .inferd(
                InferdOptions.builder().socket(infer).adminSocket(dir.resolve("a.sock")).build())
            .start()) {
      stub.inferd().publish(AdminStatus.of(AdminStatus.RESTARTING).with("phase", "mmap"));
      assertThat(Files.exists(infer)).isFalse();
      assertThatThrownBy(() -> InferdRaw.unix(infer))
          .isInstanceOfAny(ConnectException.class, SocketException.class);
      stub.inferd().publish(AdminStatus.of(AdminStatus.READY));
      try (InferdRaw client = InferdRaw.unix(infer)) {
        client.send(HI);
        assertThat(client.line()).startsWith("{\"type\":\"done\",\"id\":\"r1\",");
      }
    }
  }

  @Test
  void badOptionsSayWhatToDo() {
    assertThatThrownBy(() -> InferdOptions.builder().key(SECRET).build())
        .hasMessage("a key guards the loopback TCP listener only; set tcpPort too");
    assertThatThrownBy(
            () -> InferdOptions.builder().lifecycle(List.of(AdminStatus.of("starting"))).build())
        .hasMessage("a lifecycle is played on the admin socket; set it too");
    assertThatThrownBy(() -> StubServer.builder(Dialect.OPENAI).inferd(InferdOptions.defaults()))
        .hasMessage("inferd options need Dialect.INFERD, not OPENAI");
    assertThatThrownBy(() -> AdminStatus.of("ready").with("id", "x"))
        .hasMessage(
            "detail key 'id' is part of the envelope; use other keys than id, type, status");
    assertThatThrownBy(() -> InferdOptions.builder().maxFrameBytes(8))
        .hasMessage("maxFrameBytes must be >= 16, but was 8");
    try (StubServer openai = StubServer.start(Dialect.OPENAI)) {
      assertThatThrownBy(openai::inferd)
          .hasMessage("only a stub of the inferd dialect has inferd sockets");
    }
    StubServer plain = StubServer.start(Dialect.INFERD);
    Path socket = plain.inferd().socket().orElseThrow();
    try {
      assertThat(socket.getFileName()).hasToString("infer.sock");
      assertThat(Files.exists(socket)).isTrue();
      assertThatThrownBy(() -> plain.inferd().publish(AdminStatus.of("ready")))
          .hasMessage("this stub has no admin socket; configure adminSocket");
    } finally {
      plain.close();
    }
    assertThat(Files.exists(socket.getParent())).as("its temporary directory is gone").isFalse();
  }
}
