package dev.inference.fakes;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;

/**
 * A second driver claiming {@link AlphaFactory#ID}; deliberately not in the test service file, so
 * only a test that adds it through its own class loader sees it.
 */
public final class AlphaTwinFactory implements ProviderFactory {

  @Override
  public String id() {
    return AlphaFactory.ID;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().build();
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    return new FakeClient(this, settings, context);
  }
}
