package dev.inference.http.apache;

import dev.inference.http.HttpEngine;
import dev.inference.http.HttpEngineRequest;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.jspecify.annotations.Nullable;

/**
 * One Apache response. Its body is read on the caller's thread; reading it to the end returns the
 * connection to the pool, and closing it before the end cancels the exchange, which drops the
 * connection (Apache's own close would read the rest of the body first).
 */
final class ApacheExchange implements HttpEngine.Exchange {

  private static final InputStream EMPTY = new ByteArrayInputStream(new byte[0]);

  private final HttpUriRequestBase message;
  private final ClassicHttpResponse response;
  private final Map<String, List<String>> headers;
  private InputStream body;
  private byte @Nullable [] buffered;
  private volatile boolean ended;

  ApacheExchange(HttpUriRequestBase message, ClassicHttpResponse response) throws IOException {
    this.message = message;
    this.response = response;
    Map<String, List<String>> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Header header : response.getHeaders()) {
      named.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
    }
    named.replaceAll((name, values) -> List.copyOf(values));
    this.headers = Collections.unmodifiableMap(named);
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      this.ended = true;
      this.body = EMPTY;
    } else {
      this.body = new EndWatch(entity.getContent());
    }
  }

  /** Reads the whole body within the request's limits, then releases the connection. */
  void buffer(HttpEngineRequest request) throws IOException {
    HttpEntity entity = response.getEntity();
    long declared = entity == null ? -1 : entity.getContentLength();
    byte[] bytes = request.readBody(response.getCode(), declared, body);
    close(); // an error body cut at its limit is not read further: the connection is dropped
    body = new ByteArrayInputStream(bytes);
    buffered = bytes;
  }

  @Override
  public int status() {
    return response.getCode();
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
  public byte[] bufferedBody() throws IOException {
    byte[] bytes = buffered;
    return bytes != null ? bytes : body.readAllBytes();
  }

  @Override
  public void abort() {
    if (!ended) {
      message.cancel();
    }
    quietlyClose();
  }

  @Override
  public void close() {
    abort();
  }

  private void quietlyClose() {
    try {
      response.close();
    } catch (IOException ignored) {
      // the connection is dropped anyway
    }
  }

  /** Notes the end of the body, after which closing releases the connection to the pool. */
  private final class EndWatch extends FilterInputStream {
    EndWatch(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int read = super.read();
      if (read < 0) {
        ended = true;
      }
      return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read < 0) {
        ended = true;
      }
      return read;
    }
  }
}
