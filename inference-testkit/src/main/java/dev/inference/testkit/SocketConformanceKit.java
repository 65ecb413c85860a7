package dev.inference.testkit;

import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.internal.RuleReporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit for drivers that speak to their provider over a socket rather than HTTP (such
 * as {@code inferd}'s newline-delimited JSON over a Unix socket or loopback TCP): the same rules of
 * the testkit's {@code SPEC.md}, played on a raw {@link SocketServer} the kit starts for each test.
 * A socket driver's test extends it:
 *
 * <pre>{@code
 * class MySocketConformanceTest extends SocketConformanceKit {
 *   @Override
 *   protected ProviderFactory factory() {
 *     return new MySocketProviderFactory();
 *   }
 *
 *   @Override
 *   protected SocketWireFixture wireFixture() {
 *     return new MySocketWireFixture();
 *   }
 * }
 * }</pre>
 *
 * <p>Every rule runs as it does over HTTP, with the kit's raw socket server in place of WireMock:
 * it reads each call's request frame, writes back the fixture's bytes for it (split, cut, held
 * back, or followed by a reset where the rule says so), then ends its side of the connection. The
 * rules that need HTTP (statuses and {@code Retry-After} headers, HTML error pages from a proxy,
 * chunked encoding) are skipped with the reason "the rule needs HTTP"; an error problem the
 * protocol has no frame for is skipped with the fixture's silence as the reason. The factory, the
 * fixture and the settings are asked for again before each test.
 *
 * @since 0.2
 */
@ExtendWith(RuleReporter.class)
public abstract class SocketConformanceKit extends KitSections {

  /** For subclasses. */
  protected SocketConformanceKit() {}

  /**
   * The factory of the driver under test; called before each test.
   *
   * @return the factory, never {@code null}
   */
  protected abstract ProviderFactory factory();

  /**
   * The fixture that speaks the driver's socket protocol; called before each test.
   *
   * @return the fixture, never {@code null}
   */
  protected abstract SocketWireFixture wireFixture();

  /**
   * The timeouts and switches of the run; called before each test.
   *
   * @return {@link ConformanceSettings#defaults()} unless overridden
   */
  protected ConformanceSettings settings() {
    return ConformanceSettings.defaults();
  }

  /**
   * Starts the test's socket server and asks for the factory, the fixture and the settings.
   *
   * @param test the test about to run
   */
  @BeforeEach
  protected final void setUpSocketConformanceKit(TestInfo test) {
    boolean requiredRule =
        test.getTestMethod().map(method -> method.getName().startsWith("required_")).orElse(true);
    SocketWireFixture fixture = wireFixture();
    kit.begin(
        new SocketWire(fixture, kit::unrenderable),
        factory(),
        KitFixture.of(fixture),
        settings(),
        requiredRule,
        this::factory);
  }

  /** Closes the clients the test made and stops its socket server. */
  @AfterEach
  protected final void closeSocketConformanceClients() {
    kit.closeClients();
  }
}
