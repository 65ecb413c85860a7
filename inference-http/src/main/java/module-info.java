/**
 * The shared kit for HTTP drivers: SSE and NDJSON framing, the Jackson codec for {@code JsonValue},
 * error mapping, retry hints and redaction.
 */
@org.jspecify.annotations.NullMarked
// the driver modules named in the qualified export compile after this one, so javac cannot see them
@SuppressWarnings("module")
module dev.inference.http {
  requires transitive dev.inference;
  requires transitive java.net.http;
  requires transitive com.fasterxml.jackson.core;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.bulkhead;
  requires io.github.resilience4j.ratelimiter;
  requires static org.jspecify;

  exports dev.inference.http.internal to
      dev.inference.openai,
      dev.inference.ollama,
      dev.inference.platform;
}
