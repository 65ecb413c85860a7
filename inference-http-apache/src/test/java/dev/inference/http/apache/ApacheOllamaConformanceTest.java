package dev.inference.http.apache;

import dev.inference.ollama.OllamaProviderFactory;
import dev.inference.ollama.OllamaWireFixture;
import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.DriverConformanceKit;
import dev.inference.testkit.WireFixture;

/** The Ollama driver passes the whole conformance kit over the Apache engine. */
class ApacheOllamaConformanceTest extends DriverConformanceKit {

  @Override
  protected ProviderFactory factory() {
    return new OllamaProviderFactory();
  }

  @Override
  protected WireFixture wireFixture() {
    return new OnApache(new OllamaWireFixture());
  }
}
