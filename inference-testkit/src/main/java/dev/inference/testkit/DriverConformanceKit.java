package dev.inference.testkit;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.internal.KitServer;
import dev.inference.testkit.internal.RuleReporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit: one JUnit 5 test per rule of the testkit's {@code SPEC.md}, grouped by
 * section. A driver proves it keeps the contract by extending this class in its tests:
 *
 * <pre>{@code
 * class MyDriverConformanceTest extends DriverConformanceKit {
 *   @Override
 *   protected ProviderFactory factory() {
 *     return new MyProviderFactory();
 *   }
 *
 *   @Override
 *   protected WireFixture wireFixture() {
 *     return new MyWireFixture();
 *   }
 * }
 * }</pre>
 *
 * <p>Tests are named after their rule: {@code required_s8_2_...} or {@code optional_s9_5_...}, with
 * the rule's number and sentence as display name, and every failure starts with them. An optional
 * rule the fixture cannot render is skipped with the reason; a required one fails. Rules about a
 * capability the driver does not declare are skipped. The kit owns one WireMock server per run and
 * resets it before each test; the factory and fixture are asked for again before each test, so
 * implementations may use fields.
 *
 * @since 0.1
 */
@ExtendWith({KitServer.class, RuleReporter.class})
public abstract class DriverConformanceKit extends KitSections {

  /** For subclasses. */
  protected DriverConformanceKit() {}

  /**
   * The factory of the driver under test; called before each test.
   *
   * @return the factory, never {@code null}
   */
  protected abstract ProviderFactory factory();

  /**
   * The fixture that speaks the driver's wire format; called before each test.
   *
   * @return the fixture, never {@code null}
   */
  protected abstract WireFixture wireFixture();

  /**
   * The timeouts and switches of the run; called before each test.
   *
   * @return {@link ConformanceSettings#defaults()} unless overridden
   */
  protected ConformanceSettings settings() {
    return ConformanceSettings.defaults();
  }

  /**
   * Resets the kit's server and asks for the factory, the fixture and the settings.
   *
   * @param wireServer the run's WireMock server
   * @param test the test about to run
   */
  @BeforeEach
  protected final void setUpConformanceKit(WireMockServer wireServer, TestInfo test) {
    wireServer.resetAll();
    boolean requiredRule =
        test.getTestMethod().map(method -> method.getName().startsWith("required_")).orElse(true);
    WireFixture fixture = wireFixture();
    kit.begin(
        new HttpWire(wireServer, fixture, kit::unrenderable),
        factory(),
        KitFixture.of(fixture),
        settings(),
        requiredRule,
        this::factory);
  }

  /** Closes the clients the test made. */
  @AfterEach
  protected final void closeConformanceClients() {
    kit.closeClients();
  }
}
