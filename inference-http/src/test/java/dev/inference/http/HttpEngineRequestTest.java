package dev.inference.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine request's values and the bounded read every engine shares. */
class HttpEngineRequestTest {

  private static final URI AT = URI.create("http://127.0.0.1:9/x");

  private static InputStream bytes(int count) {
    return new ByteArrayInputStream(new byte[count]);
  }

  @Test
  void aSuccessfulBodyUpToTheLimitIsReadAndOneByteMoreFails() throws Exception {
    HttpEngineRequest request = HttpEngineRequest.builder(AT).buffered(100, 10).build();
    assertThat(request.readBody(200, -1, bytes(100))).hasSize(100);
    assertThatThrownBy(() -> request.readBody(200, -1, bytes(101)))
        .isInstanceOf(BodyTooLargeException.class)
        .satisfies(e -> assertThat(((BodyTooLargeException) e).limit()).isEqualTo(100));
  }

  @Test
  void aDeclaredLengthOverTheLimitFailsBeforeAnythingIsRead() {
    HttpEngineRequest request = HttpEngineRequest.builder(AT).buffered(100, 10).build();
    InputStream untouched = bytes(5);
    assertThatThrownBy(() -> request.readBody(200, 101, untouched))
        .isInstanceOf(BodyTooLargeException.class);
    assertThat(untouched).hasBinaryContent(new byte[5]);
  }

  @Test
  void anErrorBodyIsCutAtItsOwnLimit() throws Exception {
    HttpEngineRequest request = HttpEngineRequest.builder(AT).buffered(100, 10).build();
    assertThat(request.readBody(500, 4096, bytes(4096))).hasSize(10);
    assertThat(request.readBody(404, -1, bytes(3))).hasSize(3);
  }

  @Test
  void headersReplaceOnesOfTheSameNameInAnyCaseAndKeepTheirOrder() {
    HttpEngineRequest request =
        HttpEngineRequest.builder(AT)
            .method("POST", new byte[] {1})
            .header("Accept", "a")
            .header("Authorization", "first")
            .header("authorization", "second")
            .timeout(Duration.ofSeconds(3))
            .build();
    assertThat(request.headers())
        .containsExactly(
            java.util.Map.entry("Accept", "a"), java.util.Map.entry("authorization", "second"));
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.timeout()).contains(Duration.ofSeconds(3));
    assertThat(request.buffered()).isFalse();
  }

  @Test
  void badValuesNameTheBound() {
    assertThatThrownBy(() -> HttpEngineRequest.builder(AT).timeout(Duration.ZERO))
        .hasMessage("timeout must be > 0, but was PT0S");
    assertThatThrownBy(() -> HttpEngineRequest.builder(AT).buffered(-1, 0))
        .hasMessage("body limits must be >= 0, but were -1 and 0");
  }
}
