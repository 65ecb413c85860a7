/**
 * The caller API ({@code dev.inference}) and the driver SPI ({@code dev.inference.spi}) of
 * Inference for Java.
 *
 * <p>Drivers are found with {@link java.util.ServiceLoader}: each driver jar provides a {@link
 * dev.inference.spi.ProviderFactory}.
 */
@org.jspecify.annotations.NullMarked
module dev.inference {
  requires static transitive org.jspecify;

  exports dev.inference;
  exports dev.inference.runtime;
  exports dev.inference.spi;

  uses dev.inference.spi.ProviderFactory;
  uses dev.inference.spi.SecretResolver;
}
