/**
 * Driver {@code anthropic_messages}: Anthropic's Messages API and the gateways and servers that
 * speak it, written on the public kit ({@code dev.inference.spi}, {@code dev.inference.http},
 * {@code dev.inference.kit}) only.
 */
@org.jspecify.annotations.NullMarked
module dev.inference.anthropic {
  requires transitive dev.inference;
  requires transitive dev.inference.http;
  requires static org.jspecify;

  exports dev.inference.anthropic;

  provides dev.inference.spi.ProviderFactory with
      dev.inference.anthropic.AnthropicProviderFactory;
}
