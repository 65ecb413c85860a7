package dev.inference.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelOptions.PullProgress;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeOperations.ErrorClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pull stops and its connection closes when the progress listener throws, when the calling thread
 * is interrupted, and when the layers exceed the size limit: a raw loopback server answers
 * /api/tags and /api/show, streams the start of a pull that never finishes, and sees the client go.
 */
class OllamaPullCancellationTest {

  private static final String LAYER =
      "sha256:2bada8a7450677000f678be90653b85d364de7db25eb5ea54136ada5f3933730";

  private ServerSocket listener;
  private final CountDownLatch clientWentAway = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!listener.isClosed()) {
                try {
                  Socket socket = listener.accept();
                  Thread connection = new Thread(() -> serve(socket), "raw-ollama-connection");
                  connection.setDaemon(true);
                  connection.start();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "raw-ollama-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    listener.close();
  }

  /** Serves requests on one connection until the client closes it. */
  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        String head = readRequest(in);
        if (head == null) {
          return;
        }
        if (head.startsWith("GET /api/tags ")) {
          respond(out, 200, "{\"models\":[]}");
        } else if (head.startsWith("POST /api/show ")) {
          respond(out, 404, "{\"error\":\"model 'qwen2.5:7b' not found\"}");
        } else if (head.startsWith("POST /api/pull ")) {
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                      + "Transfer-Encoding: chunked\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          chunk(out, "{\"status\":\"pulling manifest\"}\n");
          chunk(
              out,
              "{\"status\":\"pulling 2bada8a74506\",\"digest\":\""
                  + LAYER
                  + "\",\"total\":4683073184}\n");
          chunk(
              out,
              "{\"status\":\"pulling 2bada8a74506\",\"digest\":\""
                  + LAYER
                  + "\",\"total\":4683073184,\"completed\":1048576}\n");
          // the pull never finishes: only the client can end it
          while (in.read() >= 0) {
            // discard anything the client sends
          }
          clientWentAway.countDown();
          return;
        } else {
          respond(out, 404, "404 page not found");
        }
      }
    } catch (SocketException reset) {
      clientWentAway.countDown();
    } catch (IOException broken) {
      clientWentAway.countDown();
    }
  }

  /** The request head; the body is read and dropped. Null when the client closed. */
  private static String readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase(Locale.ROOT);
    int at = lower.indexOf("content-length:");
    if (at >= 0) {
      in.readNBytes(Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim()));
    }
    return head.toString();
  }

  private static void respond(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + (status == 200 ? " OK" : " Not Found")
                + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                + bytes.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  private static void chunk(OutputStream out, String data) throws IOException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static EnsureModelOptions.Builder confirmed() {
    return EnsureModelOptions.builder().dryRun(false).confirm(true).allowModelDownload(true);
  }

  @Test
  void aThrowingProgressListenerStopsThePullAndItsExceptionPropagates() throws Exception {
    IllegalStateException stop = new IllegalStateException("enough");
    List<PullProgress> events = new CopyOnWriteArrayList<>();
    try (InferenceClient client = OllamaTestSupport.client(listener.getLocalPort())) {
      RuntimeOperations operations = client.operations().orElseThrow();
      assertThatThrownBy(
              () ->
                  operations.ensureModel(
                      "qwen2.5:7b",
                      confirmed()
                          .progress(
                              event -> {
                                events.add(event);
                                if (event.completed().isPresent()) {
                                  throw stop;
                                }
                              })
                          .build()))
          .isSameAs(stop);

      assertThat(events).extracting(PullProgress::status).hasSize(3);
      assertThat(clientWentAway.await(10, TimeUnit.SECONDS))
          .as("the server saw the client close the connection")
          .isTrue();
    }
  }

  @Test
  void interruptingTheCallerStopsThePullWithCancelled() throws Exception {
    try (InferenceClient client = OllamaTestSupport.client(listener.getLocalPort())) {
      RuntimeOperations operations = client.operations().orElseThrow();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
      CountDownLatch progressRead = new CountDownLatch(1);
      Thread caller =
          new Thread(
              () -> {
                try {
                  EnsureModelResult result =
                      operations.ensureModel(
                          "qwen2.5:7b",
                          confirmed()
                              .progress(
                                  event -> {
                                    if (event.completed().isPresent()) {
                                      progressRead.countDown();
                                    }
                                  })
                              .build());
                  thrown.set(new AssertionError("returned " + result));
                } catch (RuntimeException e) {
                  thrown.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              },
              "pulling-caller");
      caller.start();
      // the caller read the last line the server sent: it reads on, and nothing more comes
      assertThat(progressRead.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(clientWentAway.getCount()).as("the server still holds the pull").isEqualTo(1);

      caller.interrupt();
      caller.join(10_000);

      assertThat(caller.isAlive()).isFalse();
      assertThat(thrown.get())
          .isInstanceOfSatisfying(
              InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
      assertThat(stillInterrupted.get()).as("the interrupt status is kept").isTrue();
      assertThat(clientWentAway.await(10, TimeUnit.SECONDS))
          .as("the server saw the client close the connection")
          .isTrue();
    }
  }

  @Test
  void layersOverTheLimitCloseTheConnection() throws Exception {
    try (InferenceClient client = OllamaTestSupport.client(listener.getLocalPort())) {
      EnsureModelResult result =
          CompletableFuture.supplyAsync(
                  () ->
                      client
                          .operations()
                          .orElseThrow()
                          .ensureModel(
                              "qwen2.5:7b", confirmed().maxModelSizeBytes(1_000_000_000L).build()))
              .get(10, TimeUnit.SECONDS);

      assertThat(result.ok()).isFalse();
      assertThat(result.errorClass()).contains(ErrorClass.POLICY_DENIED);
      assertThat(result.diagnostics())
          .singleElement()
          .asString()
          .contains("4683073184 bytes, over max_model_size_bytes 1000000000");
      assertThat(clientWentAway.await(10, TimeUnit.SECONDS))
          .as("the server saw the client close the connection")
          .isTrue();
    }
  }
}
