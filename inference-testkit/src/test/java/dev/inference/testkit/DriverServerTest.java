package dev.inference.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@link DriverServer} connects a client to its server before each test and closes it after. */
class DriverServerTest {

  @Test
  void eachTestGetsItsOwnClientWhichIsClosedAfterItEvenWhenItFails() {
    DriverServerTestCase.CONNECTED.clear();
    DriverServerTestCase.OPEN_IN_CALLBACKS.clear();

    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(DriverServerTestCase.class))
            .execute();

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    assertThat(DriverServerTestCase.CONNECTED).hasSize(3).doesNotHaveDuplicates();
    assertThat(DriverServerTestCase.CONNECTED)
        .allSatisfy(client -> assertThat(client.closed).as("closed after its test").isTrue());
    assertThat(DriverServerTestCase.OPEN_IN_CALLBACKS)
        .as("open in the test's own @BeforeEach and @AfterEach")
        .containsExactly(true, true, true, true, true, true);
    assertThatThrownBy(DriverServerTestCase.server::client)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before each test");
  }

  @Test
  void aNullFunctionIsRefused() {
    assertThatThrownBy(() -> DriverServer.connecting(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("connect");
  }
}
