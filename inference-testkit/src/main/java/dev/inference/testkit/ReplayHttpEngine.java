package dev.inference.testkit;

import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineFactory;
import dev.inference.http.HttpEngineRequest;
import dev.inference.http.HttpEngineSettings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP engine that answers every request with the response last set by {@link #answer}, from
 * memory: no socket, so a fuzz test can push millions of bodies through an HTTP driver's real
 * decoding path (framing, JSON, error mapping, redaction) in a minute. A driver module's tests
 * register it for {@link java.util.ServiceLoader} in {@code
 * src/test/resources/META-INF/services/dev.inference.http.HttpEngineFactory} and choose it with the
 * profile key {@code http_client = "replay"}.
 *
 * <p>One answer for the whole JVM: meant for one test thread at a time.
 *
 * @since 0.2
 */
public final class ReplayHttpEngine implements HttpEngineFactory {

  /** The name a profile chooses this engine by. */
  public static final String NAME = "replay";

  private static final AtomicReference<Answer> ANSWER =
      new AtomicReference<>(new Answer(200, Map.of(), new byte[0]));

  private static final AtomicInteger OPEN = new AtomicInteger();

  /** The public no-argument constructor {@link java.util.ServiceLoader} needs. */
  public ReplayHttpEngine() {}

  /**
   * Sets the response every following request gets.
   *
   * @param status the HTTP status
   * @param headers the response headers, one value each
   * @param body the body, copied
   */
  public static void answer(int status, Map<String, String> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers");
    ANSWER.set(new Answer(status, headers, body.clone()));
  }

  /**
   * How many exchanges were sent and not yet closed, for a test that checks none is left.
   *
   * @return the count
   */
  public static int openExchanges() {
    return OPEN.get();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public HttpEngine create(HttpEngineSettings settings) {
    return new Engine();
  }

  private record Answer(int status, Map<String, String> headers, byte[] body) {}

  private static final class Engine implements HttpEngine {

    @Override
    public Exchange send(HttpEngineRequest request) throws java.io.IOException {
      Answer answer = ANSWER.get();
      byte[] body = answer.body();
      if (request.buffered()) {
        body = request.readBody(answer.status(), body.length, new ByteArrayInputStream(body));
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      answer.headers().forEach((name, value) -> headers.put(name, List.of(value)));
      OPEN.incrementAndGet();
      return new Replayed(answer.status(), headers, new ByteArrayInputStream(body));
    }

    @Override
    public void close() {}
  }

  private static final class Replayed implements HttpEngine.Exchange {
    private final int status;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private boolean closed;

    Replayed(int status, Map<String, List<String>> headers, InputStream body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    @Override
    public int status() {
      return status;
    }

    @Override
    public Map<String, List<String>> headers() {
      return headers;
    }

    @Override
    public InputStream body() {
      return body;
    }

    @Override
    public void abort() {
      close();
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        OPEN.decrementAndGet();
      }
    }
  }
}
