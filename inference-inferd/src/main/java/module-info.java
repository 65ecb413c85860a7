/**
 * Driver {@code inferd}: the inferd local-inference daemon's protocol v1, NDJSON frames over a Unix
 * domain socket or loopback TCP, with readiness and lifecycle; written on the public kit ({@code
 * dev.inference.spi}, {@code dev.inference.kit}) only, with no HTTP.
 */
@org.jspecify.annotations.NullMarked
module dev.inference.inferd {
  requires transitive dev.inference;
  requires transitive dev.inference.kit;
  requires static org.jspecify;

  exports dev.inference.inferd;

  provides dev.inference.spi.ProviderFactory with
      dev.inference.inferd.InferdProviderFactory;
}
