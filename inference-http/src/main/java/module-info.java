/**
 * The shared kit for HTTP drivers: SSE and NDJSON framing, the Jackson codec for {@code JsonValue},
 * error mapping, retry hints and redaction.
 */
@org.jspecify.annotations.NullMarked
@SuppressWarnings("module") // dev.inference.openai is not built yet when this module compiles alone
module dev.inference.http {
  requires transitive dev.inference;
  requires transitive java.net.http;
  requires transitive com.fasterxml.jackson.core;
  requires static org.jspecify;

  exports dev.inference.http.internal to
      dev.inference.openai;
}
