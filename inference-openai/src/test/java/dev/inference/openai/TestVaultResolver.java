package dev.inference.openai;

import dev.inference.spi.SecretResolver;

/** A vault for tests: {@code secret://testvault/openai} is the marker key. */
public final class TestVaultResolver implements SecretResolver {

  /** For {@link java.util.ServiceLoader}. */
  public TestVaultResolver() {}

  @Override
  public String scheme() {
    return "testvault";
  }

  @Override
  public String resolve(String reference) {
    if (!reference.equals("secret://testvault/openai")) {
      throw new IllegalArgumentException("no such secret");
    }
    return OpenAiTestSupport.MARKER_KEY;
  }
}
