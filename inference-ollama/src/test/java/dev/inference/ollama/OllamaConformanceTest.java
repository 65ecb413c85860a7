package dev.inference.ollama;

import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.DriverConformanceKit;
import dev.inference.testkit.WireFixture;

/** The Ollama driver passes the whole conformance kit. */
class OllamaConformanceTest extends DriverConformanceKit {

  @Override
  protected ProviderFactory factory() {
    return new OllamaProviderFactory();
  }

  @Override
  protected WireFixture wireFixture() {
    return new OllamaWireFixture();
  }
}
