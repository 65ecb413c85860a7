package dev.inference.openai;

import dev.inference.spi.SecretResolver;

/**
 * A vault for tests: {@code secret://testvault/openai} is the marker key; {@code
 * secret://testvault/rotating} is whatever {@link #ROTATING} holds when it is resolved.
 */
public final class TestVaultResolver implements SecretResolver {

  /** The value of {@code secret://testvault/rotating}: a test rotates the key by setting it. */
  static final java.util.concurrent.atomic.AtomicReference<String> ROTATING =
      new java.util.concurrent.atomic.AtomicReference<>("sk-first");

  /** For {@link java.util.ServiceLoader}. */
  public TestVaultResolver() {}

  @Override
  public String scheme() {
    return "testvault";
  }

  @Override
  public String resolve(String reference) {
    if (reference.equals("secret://testvault/rotating")) {
      return ROTATING.get();
    }
    if (!reference.equals("secret://testvault/openai")) {
      throw new IllegalArgumentException("no such secret");
    }
    return OpenAiTestSupport.MARKER_KEY;
  }
}
