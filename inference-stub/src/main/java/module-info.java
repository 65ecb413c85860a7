/**
 * A loopback stub provider server for tests, demos and benchmarks: it speaks the OpenAI chat
 * completions dialect, the Ollama native dialect, the Anthropic Messages dialect and inferd
 * protocol v1 (on a Unix socket or loopback TCP, with an admin socket), answers from a script, and
 * records what it received.
 */
@org.jspecify.annotations.NullMarked
module dev.inference.stub {
  requires transitive dev.inference;
  requires jdk.httpserver;
  requires static org.jspecify;

  exports dev.inference.stub;
}
