/**
 * The shared kit for HTTP drivers: the transport over {@code java.net.http}, built on the
 * transport-neutral driver kit.
 */
@org.jspecify.annotations.NullMarked
// the driver modules named in the qualified export compile after this one, so javac cannot see them
@SuppressWarnings("module")
module dev.inference.http {
  requires transitive dev.inference;
  requires transitive dev.inference.kit;
  requires transitive java.net.http;
  requires static org.jspecify;

  exports dev.inference.http.internal to
      dev.inference.openai,
      dev.inference.ollama,
      dev.inference.platform;
}
