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
  void aDeclaredLengthIsReadIntoItsOwnArrayAndABodyThatSaysLessIsStillBounded() throws Exception {
    HttpEngineRequest request = HttpEngineRequest.builder(AT).buffered(100, 10).build();
    byte[] body = {1, 2, 3, 4, 5};
    assertThat(request.readBody(200, 5, new ByteArrayInputStream(body))).containsExactly(body);
    // fewer bytes than declared: what came is returned (the engine reports a cut body)
    assertThat(request.readBody(200, 5, bytes(3))).hasSize(3);
    // more bytes than declared: read on up to the limit, and no further
    assertThat(request.readBody(200, 5, bytes(100))).hasSize(100);
    assertThatThrownBy(() -> request.readBody(200, 5, bytes(101)))
        .isInstanceOf(BodyTooLargeException.class);
    assertThatThrownBy(() -> request.readBody(200, 100, bytes(101)))
        .isInstanceOf(BodyTooLargeException.class);
    // an error body that says less than it sends is still cut at the error limit
    assertThat(request.readBody(500, 4, bytes(50))).hasSize(10);
    assertThat(request.readBody(500, 10, bytes(50))).hasSize(10);
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
  void aBuilderUsedAgainLeavesTheRequestsItBuiltAsTheyWere() {
    HttpEngineRequest.Builder builder = HttpEngineRequest.builder(AT).header("Accept", "a");
    HttpEngineRequest first = builder.build();
    HttpEngineRequest second = builder.header("accept", "b").header("X-More", "c").build();
    assertThat(first.headers()).containsExactly(java.util.Map.entry("Accept", "a"));
    assertThat(second.headers())
        .containsExactly(java.util.Map.entry("accept", "b"), java.util.Map.entry("X-More", "c"));
    assertThatThrownBy(() -> first.headers().put("X", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void badValuesNameTheBound() {
    assertThatThrownBy(() -> HttpEngineRequest.builder(AT).timeout(Duration.ZERO))
        .hasMessage("timeout must be > 0, but was PT0S");
    assertThatThrownBy(() -> HttpEngineRequest.builder(AT).buffered(-1, 0))
        .hasMessage("body limits must be >= 0, but were -1 and 0");
  }
}
