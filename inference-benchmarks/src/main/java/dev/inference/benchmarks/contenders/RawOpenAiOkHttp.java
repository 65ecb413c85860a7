package dev.inference.benchmarks.contenders;

import dev.inference.benchmarks.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@code raw-openai} over OkHttp's blocking {@code Call.execute()}, on the caller's thread. The
 * pool keeps up to 256 idle connections, as the JDK client does, so that 16 threads never
 * reconnect.
 */
final class RawOpenAiOkHttp extends RawOnCallerThread {

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
          .retryOnConnectionFailure(false)
          .build();

  RawOpenAiOkHttp(URI endpoint) {
    super(endpoint);
  }

  private Response execute(byte[] body) throws IOException {
    Request request =
        new Request.Builder()
            .url(endpoint.toString())
            .header("Authorization", "Bearer " + Fixtures.API_KEY)
            .post(RequestBody.create(body, JSON_TYPE))
            .build();
    Response response = http.newCall(request).execute();
    if (response.code() != 200) {
      response.close();
      throw new IllegalStateException("HTTP " + response.code());
    }
    return response;
  }

  @Override
  byte[] post(byte[] body) throws IOException {
    try (Response response = execute(body);
        ResponseBody answer = response.body()) {
      return answer.bytes();
    }
  }

  @Override
  InputStream postStreamed(byte[] body) throws IOException {
    return execute(body).body().byteStream();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
