/**
 * Driver {@code bitloops_platform_chat}: the Bitloops platform gateway, which speaks the OpenAI
 * chat completions dialect.
 */
@org.jspecify.annotations.NullMarked
module dev.inference.platform {
  requires transitive dev.inference;
  requires dev.inference.http;
  requires dev.inference.openai;
  requires static org.jspecify;

  exports dev.inference.platform;

  provides dev.inference.spi.ProviderFactory with
      dev.inference.platform.PlatformProviderFactory;
}
