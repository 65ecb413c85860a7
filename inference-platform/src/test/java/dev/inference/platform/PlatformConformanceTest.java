package dev.inference.platform;

import dev.inference.openai.wire.OpenAiWireFixture;
import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.DriverConformanceKit;
import dev.inference.testkit.WireFixture;

/** The Bitloops platform driver passes the whole conformance kit. */
class PlatformConformanceTest extends DriverConformanceKit {

  @Override
  protected ProviderFactory factory() {
    return new PlatformProviderFactory();
  }

  @Override
  protected WireFixture wireFixture() {
    return new OpenAiWireFixture(PlatformProviderFactory.ID);
  }
}
