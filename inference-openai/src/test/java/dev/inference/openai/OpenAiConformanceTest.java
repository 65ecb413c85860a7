package dev.inference.openai;

import dev.inference.openai.wire.OpenAiWireFixture;
import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.DriverConformanceKit;
import dev.inference.testkit.WireFixture;

/** The OpenAI driver passes the whole conformance kit. */
class OpenAiConformanceTest extends DriverConformanceKit {

  @Override
  protected ProviderFactory factory() {
    return new OpenAiProviderFactory();
  }

  @Override
  protected WireFixture wireFixture() {
    return new OpenAiWireFixture(OpenAiProviderFactory.ID);
  }
}
