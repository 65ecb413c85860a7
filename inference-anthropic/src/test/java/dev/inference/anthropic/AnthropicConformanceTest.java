package dev.inference.anthropic;

import dev.inference.anthropic.wire.AnthropicWireFixture;
import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.DriverConformanceKit;
import dev.inference.testkit.WireFixture;

/** The Anthropic driver passes the whole conformance kit. */
class AnthropicConformanceTest extends DriverConformanceKit {

  @Override
  protected ProviderFactory factory() {
    return new AnthropicProviderFactory();
  }

  @Override
  protected WireFixture wireFixture() {
    return new AnthropicWireFixture(AnthropicProviderFactory.ID);
  }
}
