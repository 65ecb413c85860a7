package dev.inference.testkit;

import com.example.lines.LinesProviderFactory;
import com.example.lines.LinesWireFixture;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.spi.ProviderFactory;
import java.net.URI;
import java.util.Optional;

/**
 * {@code lines_chat} with a protocol that has no authentication or permission error (as inferd's
 * has none): the kit must skip 9.1 and 9.2 with that reason and still run 11.1, 11.2 and 14.3 on
 * the errors the protocol has.
 */
class LinesWithoutAuthErrorsTestCase extends SocketConformanceKit {

  @Override
  protected ProviderFactory factory() {
    return new LinesProviderFactory();
  }

  @Override
  protected SocketWireFixture wireFixture() {
    LinesWireFixture lines = new LinesWireFixture();
    return new SocketWireFixture() {
      @Override
      public ProviderSettings.Builder settings(URI endpoint) {
        return lines.settings(endpoint);
      }

      @Override
      public Optional<Reply> render(Scenario scenario) {
        if (scenario instanceof Scenario.HttpError error
            && (error.problem() == Scenario.Problem.AUTHENTICATION
                || error.problem() == Scenario.Problem.PERMISSION_DENIED)) {
          return Optional.empty();
        }
        return lines.render(scenario);
      }

      @Override
      public WireFixture.RequestPointers pointers() {
        return lines.pointers();
      }

      @Override
      public boolean isCall(JsonValue frame) {
        return lines.isCall(frame);
      }
    };
  }
}
