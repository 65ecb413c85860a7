/**
 * The HTTP driver kit of Inference for Java (experimental): the transport over {@code
 * java.net.http} (or another {@link dev.inference.http.HttpEngine}) and the dialect SPI, built on
 * the transport-neutral driver kit.
 */
@org.jspecify.annotations.NullMarked
module dev.inference.http {
  requires transitive dev.inference;
  requires transitive dev.inference.kit;
  requires java.net.http;
  requires static org.jspecify;

  exports dev.inference.http;

  uses dev.inference.http.HttpEngineFactory;
}
