package dev.inference.fakes;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;

/** A test driver registered in {@code META-INF/services} of the test class path. */
public final class AlphaFactory implements ProviderFactory {

  /** The driver id. */
  public static final String ID = "test_alpha";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().build();
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    if (!settings.driver().equals(ID)) {
      throw new IllegalArgumentException("AlphaFactory got settings for " + settings.driver());
    }
    return new FakeClient(this, settings, context);
  }
}
