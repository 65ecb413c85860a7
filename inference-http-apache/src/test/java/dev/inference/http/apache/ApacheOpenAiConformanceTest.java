package dev.inference.http.apache;

import dev.inference.openai.OpenAiProviderFactory;
import dev.inference.openai.wire.OpenAiWireFixture;
import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.DriverConformanceKit;
import dev.inference.testkit.WireFixture;

/** The OpenAI driver passes the whole conformance kit over the Apache engine. */
class ApacheOpenAiConformanceTest extends DriverConformanceKit {

  @Override
  protected ProviderFactory factory() {
    return new OpenAiProviderFactory();
  }

  @Override
  protected WireFixture wireFixture() {
    return new OnApache(new OpenAiWireFixture(OpenAiProviderFactory.ID));
  }
}
