package dev.inference.inferd;

import dev.inference.inferd.wire.InferdWireFixture;
import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.SocketConformanceKit;
import dev.inference.testkit.SocketWireFixture;

/** The inferd driver passes the conformance kit over a raw Unix socket (DESIGN.md section 9). */
class InferdConformanceTest extends SocketConformanceKit {

  @Override
  protected ProviderFactory factory() {
    return new InferdProviderFactory();
  }

  @Override
  protected SocketWireFixture wireFixture() {
    return new InferdWireFixture();
  }
}
