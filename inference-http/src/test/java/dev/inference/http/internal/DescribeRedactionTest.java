package dev.inference.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceClient;
import dev.inference.spi.DriverContext;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DescribeRedactionTest {

  @Test
  void userInfoInTheBaseUrlIsInNeitherDescribeNorToString() {
    try (InferenceClient client =
        TestDialect.client(
            TestDialect.settings(1)
                .baseUrl(URI.create("http://user:MARKERpw@127.0.0.1:1/chat"))
                .build(),
            DriverContext.defaults())) {
      assertThat(client.describe().endpoint())
          .isEqualTo("http://****@127.0.0.1:1/chat")
          .doesNotContain("MARKER");
      assertThat(client.toString()).doesNotContain("MARKER");
    }
  }
}
