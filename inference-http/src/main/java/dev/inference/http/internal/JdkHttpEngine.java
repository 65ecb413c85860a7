package dev.inference.http.internal;

import dev.inference.http.BodyTooLargeException;
import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineFactory;
import dev.inference.http.HttpEngineRequest;
import dev.inference.http.HttpEngineSettings;
import dev.inference.http.HttpEngineTimeoutException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The built-in engine {@code jdk}: {@code java.net.http.HttpClient}, HTTP/1.1 for plain http
 * (HTTP/2 where TLS offers it), redirects never followed, buffered bodies bounded while they are
 * read ({@link BoundedBody}), the client's own tasks run where they are handed over ({@link
 * Inline}).
 */
final class JdkHttpEngine implements HttpEngine {

  /** The engine's name in {@code http_client}. */
  static final String NAME = "jdk";

  /** Makes this engine: the default, so it is not found through {@code ServiceLoader}. */
  static final HttpEngineFactory FACTORY =
      new HttpEngineFactory() {
        @Override
        public String name() {
          return NAME;
        }

        @Override
        public HttpEngine create(HttpEngineSettings settings) {
          return new JdkHttpEngine(settings);
        }
      };

  private final HttpClient http;
  // the body handler of the last buffered request's limits: a client's calls all share theirs
  private volatile @Nullable Bounded bounded;

  JdkHttpEngine(HttpEngineSettings settings) {
    // redirects are never followed, so the Authorization header never reaches another host
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Inline.EXECUTOR);
    settings.tls().ifPresent(client::sslContext);
    this.http = client.build();
  }

  @Override
  public Exchange send(HttpEngineRequest request) throws IOException, InterruptedException {
    // plain code rather than Optional chains and method references: this runs on every call
    Optional<byte[]> body = request.body();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .method(
                request.method(),
                body.isPresent()
                    ? HttpRequest.BodyPublishers.ofByteArray(body.get())
                    : HttpRequest.BodyPublishers.noBody());
    // the JDK's request timeout ends when the headers arrive: exactly the first-event phase
    Optional<Duration> timeout = request.timeout();
    if (timeout.isPresent()) {
      builder.timeout(timeout.get());
    }
    if ("http".equals(request.uri().getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    request.headers().forEach(builder::setHeader); // walks the engine request's pairs
    HttpRequest built = builder.build();
    try {
      if (request.buffered()) {
        HttpResponse<byte[]> response =
            http.send(built, bounded(request.maxBodyBytes(), request.maxErrorBodyBytes()));
        return new Answer(response, response.body());
      }
      HttpResponse<InputStream> response =
          http.send(built, HttpResponse.BodyHandlers.ofInputStream());
      return new Answer(response, response.body(), null);
    } catch (HttpConnectTimeoutException late) {
      throw new HttpEngineTimeoutException(
          HttpEngineTimeoutException.Phase.CONNECT, String.valueOf(late.getMessage()), late);
    } catch (HttpTimeoutException late) {
      throw new HttpEngineTimeoutException(
          HttpEngineTimeoutException.Phase.RESPONSE, String.valueOf(late.getMessage()), late);
    } catch (IOException failed) {
      BodyTooLargeException tooLarge = tooLarge(failed);
      throw tooLarge != null ? tooLarge : failed;
    }
  }

  private HttpResponse.BodyHandler<byte[]> bounded(long maxBodyBytes, long maxErrorBodyBytes) {
    Bounded known = bounded;
    if (known == null
        || known.maxBodyBytes != maxBodyBytes
        || known.maxErrorBodyBytes != maxErrorBodyBytes) {
      known =
          new Bounded(
              maxBodyBytes,
              maxErrorBodyBytes,
              BoundedBody.handler(maxBodyBytes, maxErrorBodyBytes));
      bounded = known;
    }
    return known.handler;
  }

  private record Bounded(
      long maxBodyBytes, long maxErrorBodyBytes, HttpResponse.BodyHandler<byte[]> handler) {}

  /** The JDK wraps a subscriber's failure in another IOException; the limit is found in it. */
  private static @Nullable BodyTooLargeException tooLarge(Throwable failed) {
    for (Throwable link = failed; link != null; link = link.getCause()) {
      if (link instanceof BodyTooLargeException known) {
        return known;
      }
    }
    return null;
  }

  /** JDK 21 and later close their client at once; earlier ones let it become unreachable. */
  @Override
  public void close() {
    HttpClient client = http;
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing is best effort; the client becomes unreachable anyway
      }
    }
  }

  /** One JDK response. */
  private static final class Answer implements Exchange {
    private final HttpResponse<?> response;
    private @Nullable InputStream body;
    private final byte @Nullable [] buffered;

    /** A buffered answer: its bytes are handed out as they are, as a stream when asked. */
    Answer(HttpResponse<?> response, byte[] buffered) {
      this(response, null, buffered);
    }

    Answer(HttpResponse<?> response, @Nullable InputStream body, byte @Nullable [] buffered) {
      this.response = response;
      this.body = body;
      this.buffered = buffered;
    }

    @Override
    public int status() {
      return response.statusCode();
    }

    @Override
    public Map<String, List<String>> headers() {
      return response.headers().map();
    }

    @Override
    public Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    @Override
    public InputStream body() {
      InputStream stream = body;
      if (stream == null) {
        stream = new ByteArrayInputStream(Objects.requireNonNull(buffered));
        body = stream;
      }
      return stream;
    }

    @Override
    public byte[] bufferedBody() throws IOException {
      return buffered != null ? buffered : body().readAllBytes();
    }

    /** Closing a JDK body before its end closes the connection; after its end, releases it. */
    @Override
    public void abort() {
      close();
    }

    @Override
    public void close() {
      InputStream stream = body;
      if (stream == null) {
        return; // a buffered answer holds no connection
      }
      try {
        stream.close();
      } catch (IOException ignored) {
        // the connection is being dropped anyway
      }
    }
  }

  /**
   * The executor the JDK client gets: each of its tasks runs at once on the thread that hands it
   * over, mostly the client's selector thread, instead of waking a pool's thread that then wakes
   * the caller. The client gives its executor only small tasks that do not block (parsing what
   * arrived, feeding body subscribers, completing its futures), and runs a caller's dependent
   * actions elsewhere, so the JDK's maintainers allow an executor that runs tasks inline; this
   * engine adds no task that blocks (it only calls {@code send}, and its subscribers, the JDK's and
   * {@link BoundedBody}, never wait). One thread hop less per call: 1.2-1.8x the calls per second
   * at 1 and 16 threads against the stub (bench/notes.md, session 19).
   *
   * <p>A task that throws does not leave this executor: the JDK would take that for a rejected task
   * and run it again on another thread. It goes to the thread's uncaught-exception handler, as a
   * pool's worker would send it.
   */
  static final class Inline implements Executor {

    static final Inline EXECUTOR = new Inline();

    private Inline() {}

    @Override
    public void execute(Runnable task) {
      try {
        task.run();
      } catch (RuntimeException failed) {
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, failed);
      }
    }
  }
}
