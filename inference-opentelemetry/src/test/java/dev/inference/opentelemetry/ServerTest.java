package dev.inference.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.opentelemetry.internal.Server;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code server.address} and {@code server.port} from an endpoint, never failing. */
class ServerTest {

  private static Server server(String address, long port) {
    return new Server(Optional.of(address), OptionalLong.of(port));
  }

  @Test
  void hostAndPortComeFromTheUriOrTheSchemesDefault() {
    assertThat(Server.of("http://127.0.0.1:11434/api/chat")).isEqualTo(server("127.0.0.1", 11434));
    assertThat(Server.of("https://api.openai.com/v1/chat/completions"))
        .isEqualTo(server("api.openai.com", 443));
    assertThat(Server.of("http://localhost/v1")).isEqualTo(server("localhost", 80));
    assertThat(Server.of("http://[::1]:8080/v1")).isEqualTo(server("::1", 8080));
    assertThat(Server.of("https://****@gateway.example:8443/v1"))
        .as("the redacted user info is not part of the host")
        .isEqualTo(server("gateway.example", 8443));
  }

  @Test
  void aUnixSocketHasAnAddressAndNoPort() {
    assertThat(Server.of("unix:/run/inferd/infer.sock"))
        .isEqualTo(new Server(Optional.of("/run/inferd/infer.sock"), OptionalLong.empty()));
    assertThat(Server.of("unix:///run/inferd/infer.sock").address())
        .contains("/run/inferd/infer.sock");
  }

  @Test
  void anUnreadableEndpointGivesNeitherAndNeverThrows() {
    Server unknown = new Server(Optional.empty(), OptionalLong.empty());
    assertThat(Server.of("not a uri at all")).isEqualTo(unknown);
    assertThat(Server.of("")).isEqualTo(unknown);
    assertThat(Server.of("mailto:someone")).isEqualTo(unknown);
    assertThat(Server.of("tcp://127.0.0.1"))
        .isEqualTo(new Server(Optional.of("127.0.0.1"), OptionalLong.empty()));
  }
}
